"""Every write to people, memberships and tokens goes through these functions.

They take keyword-only arguments, check permission (raising PermissionDenied), run in a
transaction and queue their emails after commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import notifications, permissions
from core.models import APIToken, Membership, NationalSociety, User


@transaction.atomic
def request_membership(
    *, user: User, society: NationalSociety, role: str = Membership.Role.MEMBER
) -> Membership:
    """Ask to join `society` (sign-up, or later from the profile page).

    The membership is approved at once when the user's address is verified and its domain is
    on the society's list; otherwise it waits for a focal point of the society or an IFRC
    editor, who are emailed. Until the address is verified (a sign-up's, before its
    confirmation) nothing is decided and nobody is emailed: verify_membership_requests does
    that once it is. Asking again for a society one already belongs to returns the existing
    membership.
    """
    membership, created = Membership.objects.get_or_create(
        user=user, society=society, defaults={"role": role}
    )
    if created and _has_verified_address(user):
        _approve_or_announce(membership)
    return membership


@transaction.atomic
def verify_membership_requests(*, user: User, email: str) -> list[Membership]:
    """`user` has just confirmed `email` (allauth's email_confirmed signal, core/apps.py). When
    it is the account's address, the requests made before it was verified are settled now:
    approved where the society approves its domain, otherwise announced to the deciders.
    Returns the approved memberships."""
    if email.lower() != user.email.lower():
        return []
    pending = Membership.objects.pending().filter(user=user).select_related("society", "user")
    memberships = list(pending.select_for_update(of=("self",)))
    for membership in memberships:
        _approve_or_announce(membership)
    return [m for m in memberships if m.status == Membership.Status.APPROVED]


def _has_verified_address(user: User) -> bool:
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def _approve_or_announce(membership: Membership) -> None:
    if membership.society.accepts_email_domain(membership.user.email):
        membership.status = Membership.Status.APPROVED
        membership.decided_at = timezone.now()
        membership.save(update_fields=["status", "decided_at"])
    else:
        _announce_request(membership)


def _announce_request(membership: Membership) -> None:
    """Tell the society's focal points (or, when it has none, the editors) of a request."""
    deciders = User.objects.filter(
        is_active=True,
        memberships__society=membership.society,
        memberships__role=Membership.Role.FOCAL_POINT,
        memberships__status=Membership.Status.APPROVED,
    )
    if not deciders.exists():
        deciders = User.objects.filter(is_active=True, groups__name=settings.EDITORS_GROUP)
    notifications.notify(
        recipients=deciders.distinct(),
        kind="membership-requested",
        key=f"membership-requested:{membership.pk}",
        template="core/email/membership_requested",
        context={
            "membership": membership,
            "profile_url": settings.SITE_URL + reverse("core:profile"),
        },
        url=settings.SITE_URL + reverse("core:profile"),
    )


@transaction.atomic
def decide_membership(*, membership: Membership, actor: User, approve: bool) -> Membership:
    """Approve or reject a pending request; only the society's focal points and editors may."""
    if not permissions.can_decide_membership(actor, membership):
        raise PermissionDenied("You cannot decide membership requests of this society.")
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != Membership.Status.PENDING:
        return membership
    membership.status = Membership.Status.APPROVED if approve else Membership.Status.REJECTED
    membership.decided_at = timezone.now()
    membership.decided_by = actor
    membership.save(update_fields=["status", "decided_at", "decided_by"])
    notifications.notify(
        recipients=[membership.user],
        kind="membership-decided",
        key=f"membership-decided:{membership.pk}",
        template="core/email/membership_decided",
        context={"membership": membership, "site_url": settings.SITE_URL},
        url=settings.SITE_URL + reverse("core:profile"),
    )
    return membership


@transaction.atomic
def set_membership_role(*, membership: Membership, actor: User, role: str) -> Membership:
    """Make a member a focal point of their society, or a focal point a member again; those who
    decide the society's requests (its focal points, editors) may."""
    if not permissions.can_decide_membership(actor, membership):
        raise PermissionDenied(_("You cannot change the memberships of this society."))
    if role not in Membership.Role.values:
        raise ValidationError({"role": [_("Choose a role from the list.")]})
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def remove_membership(*, membership: Membership, actor: User) -> None:
    """Take a person out of a society (their practices stay the society's); those who decide
    the society's requests may."""
    if not permissions.can_decide_membership(actor, membership):
        raise PermissionDenied(_("You cannot change the memberships of this society."))
    Membership.objects.filter(pk=membership.pk).delete()


@dataclass
class OnboardedUser:
    user: User
    created: bool
    set_password_url: str | None


def _onboard_user(email: str) -> OnboardedUser:
    """Find or create the user of `email`; a new one gets a verified address and a link to set
    a password (emailed, and returned so the command can print it)."""
    email = User.objects.normalize_email(email).lower()
    user, created = User.objects.get_or_create(email=email)
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    url = None
    if not user.has_usable_password():
        path = reverse(
            "account_reset_password_from_key",
            kwargs={
                "uidb36": user_pk_to_url_str(user),
                "key": default_token_generator.make_token(user),
            },
        )
        url = f"{settings.SITE_URL}{path}"
        # Each link is a new event (the key's time): running the onboarding again sends a
        # fresh link. The link is not the notification's url: the row keeps no secret once
        # the email is sent.
        notifications.notify(
            recipients=[user],
            kind="set-password",
            key=f"set-password:{user.pk}:{timezone.now().isoformat()}",
            template="core/email/set_password",
            context={"user": user, "url": url},
        )
    return OnboardedUser(user=user, created=created, set_password_url=url)


@transaction.atomic
def add_member(
    *, email: str, society: NationalSociety, role: str
) -> tuple[OnboardedUser, Membership]:
    """Administrators' onboarding: the user becomes an approved member (or focal point) of
    `society` at once. Running it again updates the role."""
    onboarded = _onboard_user(email)
    membership, _created = Membership.objects.update_or_create(
        user=onboarded.user,
        society=society,
        defaults={"role": role, "status": Membership.Status.APPROVED, "decided_at": timezone.now()},
    )
    return onboarded, membership


@transaction.atomic
def add_editor(*, email: str) -> OnboardedUser:
    """Administrators' onboarding: the user joins the IFRC editors group and the Secretariat."""
    onboarded = _onboard_user(email)
    onboarded.user.groups.add(Group.objects.get(name=settings.EDITORS_GROUP))
    secretariat = NationalSociety.objects.get(kind=NationalSociety.Kind.SECRETARIAT)
    Membership.objects.update_or_create(
        user=onboarded.user,
        society=secretariat,
        defaults={"status": Membership.Status.APPROVED, "decided_at": timezone.now()},
    )
    return onboarded


def create_token(
    *, user: User, name: str = "token", days: int | None = None
) -> tuple[APIToken, str]:
    """A new personal API token named `name`, expiring in `days` (API_TOKEN_DAYS by default).
    The key is returned once; only its hash is stored.

    The profile page lets people make their own (core.forms.TokenCreateForm checks their
    password and second factor first); the create_token command is an administrator's act."""
    days = settings.API_TOKEN_DAYS if days is None else days
    if days < 1:
        raise ValidationError({"days": _("A token lasts at least one day.")})
    return APIToken.objects.create(user=user, name=name, expiry=timedelta(days=days))


def renew_token(*, user: User, token_key: str) -> APIToken | None:
    """Extend one of `user`'s own tokens to API_TOKEN_DAYS from now; None if it is not theirs
    (or has expired, which deletes it)."""
    token = APIToken.objects.filter(
        user=user, token_key=token_key, expiry__gt=timezone.now()
    ).first()
    if token is None:
        return None
    token.expiry = timezone.now() + timedelta(days=settings.API_TOKEN_DAYS)
    token.save(update_fields=["expiry"])
    return token


def revoke_token(*, user: User, token_key: str) -> int:
    """Revoke one of `user`'s own tokens by its visible prefix; returns how many were removed."""
    deleted, _details = APIToken.objects.filter(user=user, token_key=token_key).delete()
    return deleted


@transaction.atomic
def update_profile(*, user: User, full_name: str, language: str) -> User:
    user.full_name = full_name
    user.language = language
    user.save(update_fields=["full_name", "language"])
    return user


# The fields of a society that the admin edits; the rest (ids, relations to it) are not its own.
SOCIETY_FIELDS = (
    "name",
    "translations",
    "slug",
    "kind",
    "country",
    "region",
    "website",
    "email_domains",
)


def _save_society(society: NationalSociety, actor: User, data: dict[str, Any]) -> NationalSociety:
    permissions.require_editor(actor, _("Only IFRC editors add or edit National Societies."))
    unknown = set(data) - set(SOCIETY_FIELDS)
    if unknown:
        raise ValidationError({field: [_("This field cannot be set.")] for field in unknown})
    for field, value in data.items():
        setattr(society, field, value)
    society.full_clean()
    society.save()
    return society


@transaction.atomic
def create_society(*, actor: User, data: dict[str, Any]) -> NationalSociety:
    """A National Society (or the Secretariat) the reference data does not have yet; editors
    only. `data` holds SOCIETY_FIELDS; the model's rules (one per country, a region) apply."""
    return _save_society(NationalSociety(), actor, data)


@transaction.atomic
def update_society(
    *, society: NationalSociety, actor: User, data: dict[str, Any]
) -> NationalSociety:
    """Change any of SOCIETY_FIELDS of a society (its names, region, domains...); editors only.
    Focal points edit their own society's website and domains with update_society_profile."""
    society = NationalSociety.objects.select_for_update().get(pk=society.pk)
    return _save_society(society, actor, data)


@transaction.atomic
def update_society_profile(
    *, society: NationalSociety, actor: User, website: str, email_domains: list[str]
) -> NationalSociety:
    """Focal points of the society and editors edit its website and auto-approved domains."""
    if not permissions.can_edit_society(actor, society):
        raise PermissionDenied("Only the society's focal points and IFRC editors edit its profile.")
    society.website = website
    society.email_domains = email_domains
    society.save(update_fields=["website", "email_domains"])
    return society
