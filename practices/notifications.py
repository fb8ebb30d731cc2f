"""Whom the editorial workflow tells, of what (core.notifications sends it once, in each
recipient's language). The services call these inside their transactions."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import User
from core.notifications import notify, register_kind
from practices.models import Practice

SUBMITTED = "practice-submitted"
REVIEWED = {"changes_requested": "practice-changes-requested", "published": "practice-published"}


def register_kinds() -> None:
    """PracticesConfig.ready() declares the practices' kinds of notification."""
    register_kind(
        SUBMITTED,
        label=_("Practices sent for review"),
        reason=_("You receive this email because you are an IFRC editor."),
    )
    register_kind(
        REVIEWED["changes_requested"],
        label=_("Changes requested to my practices"),
        reason=_("You receive this email because you wrote this practice or are its contact."),
    )
    register_kind(
        REVIEWED["published"],
        label=_("My practices published"),
        reason=_("You receive this email because you wrote this practice or are its contact."),
    )


def _practice_url(practice: Practice) -> str:
    return settings.SITE_URL + reverse("practices:detail", args=[practice.pk])


def _event(practice: Practice) -> str:
    # The save that made the event: a practice submitted again later is a new event.
    return f"{practice.pk}:{practice.updated_at.isoformat()}"


def tell_editors_of_submission(practice: Practice) -> list:
    """Every editor learns that a practice (or a revision of one) waits for review."""
    editors = User.objects.filter(is_active=True, groups__name=settings.EDITORS_GROUP)
    return notify(
        recipients=editors.distinct(),
        kind=SUBMITTED,
        key=f"{SUBMITTED}:{_event(practice)}",
        template="core/email/practice_submitted",
        context={
            "practice": practice,
            "url": _practice_url(practice),
            "queue_url": settings.SITE_URL + reverse("practices:review_queue"),
        },
        url=_practice_url(practice),
    )


def tell_authors_of_review(practice: Practice, event: str) -> list:
    """The practice's authors (its creator and contact person) learn that it was published
    or sent back for changes (`event`: "published" or "changes_requested")."""
    authors = [user for user in (practice.created_by, practice.contact) if user is not None]
    return notify(
        recipients=authors,
        kind=REVIEWED[event],
        key=f"{REVIEWED[event]}:{_event(practice)}",
        template=f"core/email/practice_{event}",
        context={"practice": practice, "event": event, "url": _practice_url(practice)},
        url=_practice_url(practice),
    )
