"""Who may do what with core objects; each answer comes from the model querysets' one rule."""

from core.models import Membership, user_is_editor


def is_editor(user) -> bool:
    return user_is_editor(user)


def can_decide_membership(user, membership: Membership) -> bool:
    return Membership.objects.decidable_by(user).filter(pk=membership.pk).exists()


def can_edit_society(user, society) -> bool:
    """Focal points edit their own society's profile; editors edit every society."""
    if user_is_editor(user):
        return True
    return (
        user.is_authenticated
        and society.memberships.approved()
        .filter(user=user, role=Membership.Role.FOCAL_POINT)
        .exists()
    )
