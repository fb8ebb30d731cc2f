"""Object-level answers derived from Practice.objects.visible_to / editable_by, the one rule."""

from core.models import user_is_editor
from practices.models import Practice, Status


def can_view_practice(user, practice: Practice) -> bool:
    return Practice.objects.visible_to(user).filter(pk=practice.pk).exists()


def can_edit_practice(user, practice: Practice) -> bool:
    return Practice.objects.editable_by(user).filter(pk=practice.pk).exists()


def can_submit_practice(user, practice: Practice) -> bool:
    return practice.status in (Status.DRAFT, Status.CHANGES_REQUESTED) and can_edit_practice(
        user, practice
    )


def can_review_practice(user, practice: Practice) -> bool:
    """Publish, request changes, archive, set the rubric: editors only."""
    return user_is_editor(user) and can_view_practice(user, practice)


def can_create_practice(user) -> bool:
    return bool(user.is_authenticated and (user.approved_society_ids or user_is_editor(user)))


def can_see_review(user, practice: Practice) -> bool:
    """The editors' note, their tag corrections and a pending revision concern the owning
    society and the editors only."""
    if user_is_editor(user):
        return True
    return bool(user.is_authenticated and practice.society_id in user.approved_society_ids)


def can_see_contact_person(user) -> bool:
    """The contact person's name and address are for the movement (approved members of any
    society, and editors); everyone sees the public contact email."""
    return bool(user.is_authenticated and (user.approved_society_ids or user_is_editor(user)))
