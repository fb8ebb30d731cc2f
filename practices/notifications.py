"""Emails about the editorial workflow, each in its recipient's language."""

from django.conf import settings
from django.urls import reverse

from core.models import User
from core.notifications import send
from practices.models import Practice, Status


def _practice_url(practice: Practice) -> str:
    return settings.SITE_URL + reverse("practices:detail", args=[practice.pk])


def editors_of_submission(practice_id: int) -> int:
    """Tell every editor that a practice (or a revision of one) waits for review."""
    practice = Practice.objects.select_related("society").filter(pk=practice_id).first()
    if practice is None or not (practice.status == Status.SUBMITTED or practice.pending_revision):
        return 0
    editors = User.objects.filter(is_active=True, groups__name=settings.EDITORS_GROUP)
    context = {
        "practice": practice,
        "url": _practice_url(practice),
        "queue_url": settings.SITE_URL + reverse("practices:review_queue"),
    }
    return sum(
        send(user=editor, template="practice_submitted", context=context) for editor in editors
    )


def society_of_review(practice_id: int, event: str) -> int:
    """Tell the practice's authors (its creator and contact person) that it was published or
    sent back for changes."""
    practice = (
        Practice.objects.select_related("society", "created_by", "contact")
        .filter(pk=practice_id)
        .first()
    )
    if practice is None:
        return 0
    authors = {user for user in (practice.created_by, practice.contact) if user and user.is_active}
    context = {"practice": practice, "event": event, "url": _practice_url(practice)}
    return sum(send(user=user, template=f"practice_{event}", context=context) for user in authors)
