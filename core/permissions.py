"""Who may do what with core objects; each answer comes from the model querysets' one rule."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from core.models import Membership, NationalSociety, user_is_editor


def is_editor(user) -> bool:
    return user_is_editor(user)


def require_editor(user, message: str | None = None) -> None:
    """Refuse (PermissionDenied, a 403 page or JSON) anyone but an IFRC editor."""
    if not user_is_editor(user):
        raise PermissionDenied(message or _("Only IFRC editors may do this."))


def acts_for(user, society) -> bool:
    """An approved member or focal point of `society` acts for it: writes its content, enters
    its values. Being an editor is not acting for a society."""
    return bool(user.is_authenticated and society.pk in user.approved_society_ids)


def societies_acted_for(user):
    """The societies `user` acts for (see acts_for), as a queryset."""
    society_ids = user.approved_society_ids if user.is_authenticated else frozenset()
    return NationalSociety.objects.filter(pk__in=society_ids)


def society_acted_for(
    user, chosen=None, *, which: str, editors_choose: bool = False
) -> NationalSociety:
    """The society a new object of `user`'s belongs to: the one they chose, else the only one
    they act for. Someone acting for none is refused (PermissionDenied), unless
    `editors_choose` and they are an editor; whoever could mean several is asked `which`
    (ValidationError on `society`). The service called next checks the choice again."""
    if chosen is not None:
        return chosen
    society_ids = user.approved_society_ids if user.is_authenticated else frozenset()
    if len(society_ids) == 1:
        return NationalSociety.objects.get(pk=next(iter(society_ids)))
    if not society_ids and not (editors_choose and user_is_editor(user)):
        raise PermissionDenied(_("You are not an approved member of a National Society."))
    raise ValidationError({"society": [which]})


def can_decide_membership(user, membership: Membership) -> bool:
    return Membership.objects.decidable_by(user).filter(pk=membership.pk).exists()


def focal_point_societies(user):
    """The societies where `user` is an approved focal point, as a queryset."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NationalSociety.objects.none()
    return NationalSociety.objects.filter(
        memberships__user=user,
        memberships__role=Membership.Role.FOCAL_POINT,
        memberships__status=Membership.Status.APPROVED,
    )


def is_focal_point(user, society) -> bool:
    """An approved focal point of `society` speaks for it (its profile, its memberships, the
    networks and responses it joins). Being an editor is not being a focal point."""
    return focal_point_societies(user).filter(pk=society.pk).exists()


def can_edit_society(user, society) -> bool:
    """Focal points edit their own society's profile; editors edit every society."""
    return user_is_editor(user) or is_focal_point(user, society)
