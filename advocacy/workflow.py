"""The life of a guideline version and of a society's adaptation, declared once
(core.workflow): advocacy.services takes their steps through them, the pages and the API show
what they offer.

A version is written as a draft, sent to review, and published by an editor with a change
level; publishing supersedes the version published before. Nothing leads back from published:
a new version is made from it instead.

An adaptation is written by its society's members, submitted, approved by an editor (or by the
society's focal point where the guideline allows self approval), then published; a reviewer
may return it with a note. An outdated adaptation (of a version a substantive one replaced)
takes no step forward: it is carried forward to the current version instead."""

from django.utils.translation import gettext_lazy as _

from advocacy.models import AdaptationStatus, VersionStatus
from core.workflow import EDITORS, FOCAL_POINTS, MEMBERS, Transition, Workflow

VERSION_WORKFLOW = Workflow(
    refusal=_("A version that is %(status)s cannot be %(action)s."),
    denied=_("Only IFRC editors write and publish guidelines."),
    transitions=[
        Transition(
            "send-to-review",
            sources=[VersionStatus.DRAFT],
            target=VersionStatus.IN_REVIEW,
            by=[EDITORS],
            label=_("Send to review"),
            past=_("sent to review"),
        ),
        Transition(
            "publish",
            sources=[VersionStatus.IN_REVIEW],
            target=VersionStatus.PUBLISHED,
            by=[EDITORS],
            label=_("Publish"),
            past=_("published"),
        ),
        Transition(
            "return-to-draft",
            sources=[VersionStatus.IN_REVIEW],
            target=VersionStatus.DRAFT,
            by=[EDITORS],
            label=_("Back to draft"),
            past=_("sent back to draft"),
            secondary=True,
        ),
    ],
)


class AdaptationWorkflow(Workflow):
    """A society's focal points review its adaptations only where the guideline allows self
    approval; elsewhere they are members like the others."""

    def actors(self, obj, user):
        actors = super().actors(obj, user)
        if not obj.guideline.allows_self_approval:
            actors.discard(FOCAL_POINTS)
        return actors


def _current(adaptation) -> bool:
    return not adaptation.outdated


OUTDATED = _(
    "This adaptation is of a version the guideline has replaced: carry it forward to the "
    "current version first."
)
NOT_SELF_APPROVED = _(
    "This guideline's adaptations are approved by IFRC editors, not by the society itself."
)
REVIEW_NOTE = _("Note to the society: what should change?")
REVIEW_NOTE_MISSING = _("Say what the society should change.")
REVIEWERS = [EDITORS, FOCAL_POINTS]

ADAPTATION_WORKFLOW = AdaptationWorkflow(
    refusal=_("An adaptation that is %(status)s cannot be %(action)s."),
    denied=_("Only members of %(society)s and IFRC editors may do this."),
    transitions=[
        Transition(
            "submit",
            sources=[AdaptationStatus.DRAFT, AdaptationStatus.RETURNED],
            target=AdaptationStatus.SUBMITTED,
            by=[MEMBERS],
            label=_("Submit for approval"),
            past=_("submitted"),
            when=_current,
            unless=OUTDATED,
            denied=_("Only members of %(society)s submit its adaptations."),
        ),
        Transition(
            "approve",
            sources=[AdaptationStatus.SUBMITTED],
            target=AdaptationStatus.APPROVED,
            by=REVIEWERS,
            label=_("Approve"),
            past=_("approved"),
            when=_current,
            unless=OUTDATED,
            denied=NOT_SELF_APPROVED,
        ),
        Transition(
            "publish",
            sources=[AdaptationStatus.APPROVED],
            target=AdaptationStatus.PUBLISHED,
            by=[MEMBERS, EDITORS],
            label=_("Publish"),
            past=_("published"),
            when=_current,
            unless=OUTDATED,
        ),
        Transition(
            "return",
            sources=[AdaptationStatus.SUBMITTED, AdaptationStatus.APPROVED],
            target=AdaptationStatus.RETURNED,
            by=REVIEWERS,
            label=_("Return with a note"),
            past=_("returned"),
            note_required=True,
            note_label=REVIEW_NOTE,
            note_missing=REVIEW_NOTE_MISSING,
            denied=NOT_SELF_APPROVED,
            secondary=True,
        ),
    ],
)
