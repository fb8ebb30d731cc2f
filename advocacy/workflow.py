"""The life of a guideline version, declared once (core.workflow): advocacy.services takes
its steps through it, the version pages and the API show what it offers.

A version is written as a draft, sent to review, and published by an editor with a change
level; publishing supersedes the version published before. Nothing leads back from published:
a new version is made from it instead."""

from django.utils.translation import gettext_lazy as _

from advocacy.models import VersionStatus
from core.workflow import EDITORS, Transition, Workflow

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
