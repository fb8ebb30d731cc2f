"""The editorial workflow of a practice, declared once (core.workflow): practices.services
takes its steps through it, the practice pages, the review queue and the API show what it
offers."""

from django.utils.translation import gettext_lazy as _

from core.workflow import EDITORS, MEMBERS, Transition, Workflow
from practices.models import Practice, Status


def has_pending_revision(practice: Practice) -> bool:
    """A society's edit of a published practice waits for an editor."""
    return bool(practice.pending_revision)


ANY_BUT_ARCHIVED = [Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.PUBLISHED]
NOTE_LABEL = _("Note to the society: what should change?")
NOTE_MISSING = _("Tell the society what to change.")

PRACTICE_WORKFLOW = Workflow(
    refusal=_("A practice that is %(status)s cannot be %(action)s."),
    denied=_("Only IFRC editors can do this."),
    transitions=[
        Transition(
            "submit",
            sources=[Status.DRAFT, Status.CHANGES_REQUESTED],
            target=Status.SUBMITTED,
            by=[MEMBERS, EDITORS],
            label=_("Submit for review"),
            past=_("submitted"),
            denied=_("You cannot edit this practice."),
        ),
        Transition(
            "publish",
            sources=[Status.SUBMITTED, Status.ARCHIVED],
            target=Status.PUBLISHED,
            by=[EDITORS],
            label=_("Publish"),
            past=_("published"),
        ),
        # The society's edit of a published practice: published, the practice stays so.
        Transition(
            "publish",
            sources=[Status.PUBLISHED],
            when=has_pending_revision,
            target=Status.PUBLISHED,
            by=[EDITORS],
            label=_("Publish the revision"),
            past=_("published"),
        ),
        Transition(
            "archive",
            sources=ANY_BUT_ARCHIVED,
            target=Status.ARCHIVED,
            by=[EDITORS],
            label=_("Archive"),
            past=_("archived"),
            secondary=True,
        ),
        Transition(
            "request-changes",
            sources=[Status.SUBMITTED],
            target=Status.CHANGES_REQUESTED,
            by=[EDITORS],
            label=_("Request changes"),
            past=_("sent back for changes"),
            note_required=True,
            note_label=NOTE_LABEL,
            note_missing=NOTE_MISSING,
            secondary=True,
        ),
        # The revision is sent back; the published text stays as it is.
        Transition(
            "request-changes",
            sources=[Status.PUBLISHED],
            when=has_pending_revision,
            target=Status.PUBLISHED,
            by=[EDITORS],
            label=_("Request changes"),
            past=_("sent back for changes"),
            note_required=True,
            note_label=NOTE_LABEL,
            note_missing=NOTE_MISSING,
            secondary=True,
        ),
    ],
)
