"""Who may do what with core objects; each answer comes from the model querysets' one rule."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from core.models import Membership, user_is_editor


def is_editor(user) -> bool:
    return user_is_editor(user)


def require_editor(user, message: str | None = None) -> None:
    """Refuse (PermissionDenied, a 403 page or JSON) anyone but an IFRC editor."""
    if not user_is_editor(user):
        raise PermissionDenied(message or _("Only IFRC editors may do this."))


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
