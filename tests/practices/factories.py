"""Practices made through practices.services, as the site makes them."""

from practices import services
from practices.models import Practice, Status


def practice_data(**overrides) -> dict:
    data = {
        "kind": "smart-practice",
        "title": "Restoring family links at the border",
        "summary": "Volunteers help separated migrants contact their families.",
        "context": "Families are separated when people cross borders in a hurry.",
        "activities": "Phone charging, free calls and tracing requests.",
        "countries": ["ITA"],
        "steps": ["transition-at-borders"],
        "dimensions": ["social-capital"],
        "support_types": ["protection"],
        "principles": ["P1", "P7"],
        "language": "en",
        "visibility": "public",
    }
    data.update(overrides)
    return data


def make_practice(author, society, *, status=Status.DRAFT, editor=None, **overrides) -> Practice:
    """A practice of `society` written by `author`, taken through the workflow up to `status`
    (an editor is needed from published on)."""
    practice = services.create_practice(
        actor=author, society=society, data=practice_data(**overrides)
    )
    if status != Status.DRAFT:
        services.submit_practice(practice=practice, actor=author)
    if status == Status.CHANGES_REQUESTED:
        services.request_changes(practice=practice, actor=editor, note="Please add results.")
    if status in (Status.PUBLISHED, Status.ARCHIVED):
        services.publish_practice(practice=practice, actor=editor)
    if status == Status.ARCHIVED:
        services.archive_practice(practice=practice, actor=editor)
    return Practice.objects.get(pk=practice.pk)
