"""Object-level answers derived from PracticeQuerySet.policy and core.audience, the one rule.
Which workflow steps a user may take is practices.workflow's answer
(PRACTICE_WORKFLOW.available)."""

from core.audience import Visibility, may_read
from core.models import user_is_editor
from practices.models import Practice, PracticeQuerySet

POLICY = PracticeQuerySet.policy


def can_view_practice(user, practice: Practice) -> bool:
    return POLICY.can_view(user, practice)


def can_edit_practice(user, practice: Practice) -> bool:
    return POLICY.can_edit(user, practice)


def can_create_practice(user) -> bool:
    return bool(user.is_authenticated and (user.approved_society_ids or user_is_editor(user)))


def can_see_review(user, practice: Practice) -> bool:
    """The editors' note, their tag corrections and a pending revision are for the IFRC
    audience of the practice: the owning society and the editors."""
    return may_read(user, Visibility.IFRC, practice.society_id)


def can_see_history(user, practice: Practice) -> bool:
    """Who changed what, and when, is for the editors (the history page and its link); the
    practice itself is one the page found through visible_to."""
    return user_is_editor(user)


def can_see_contact_person(user) -> bool:
    """The contact person's name and address are for the movement audience (approved members
    of any society, and editors); everyone sees the public contact email."""
    return may_read(user, Visibility.MOVEMENT)
