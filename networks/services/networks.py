"""Writes to networks: the network itself (editors create it; editors and its coordinators
edit it), a society's way in (request or invitation, and their answers), its way out, and the
coordinators editors appoint.

Each function checks who is asking (PermissionDenied) and what they ask (ValidationError, on
the field at fault), runs in one transaction with a pghistory context naming the actor and the
action, and tells the other side through networks.notifications.
"""

from __future__ import annotations

from typing import Any

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_slug
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core import taxonomy
from core.models import NationalSociety, User
from core.permissions import is_focal_point
from core.translations import clean_translations, translations_field
from core.validation import clean_text
from networks import notifications
from networks.models import Network, NetworkCoordinator, NetworkMember, NetworkRequest
from networks.permissions import (
    can_appoint_coordinators,
    can_create_network,
    can_edit_network,
    can_manage_network,
)
from networks.workflow import NETWORK_REQUEST_WORKFLOW

Kind, Status = NetworkRequest.Kind, NetworkRequest.Status
MESSAGE_MAX_LENGTH = 2000


# --- The network itself ------------------------------------------------------------------------

NETWORK_FIELDS = ("name", "description", "translations", "kind", "regions", "host_society")
SLUG_MAX_LENGTH = Network._meta.get_field("slug").max_length
NAME_MAX_LENGTH = Network._meta.get_field("name").max_length
# Addresses of the network pages that a slug would hide (/networks/new/).
RESERVED_SLUGS = frozenset({"new"})


def _has_null(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_null(key) or _has_null(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(_has_null(item) for item in value)
    return False


def _clean_slug(data: dict[str, Any], errors: dict[str, list[str]]) -> str:
    slug = str(data.get("slug") or "").strip().lower() or slugify(data.get("name") or "")
    slug = slug[:SLUG_MAX_LENGTH]
    if not slug:
        errors["slug"] = [_("This field is required.")]
        return slug
    try:
        validate_slug(slug)
    except ValidationError as error:
        errors["slug"] = error.messages
        return slug
    if slug in RESERVED_SLUGS:
        errors["slug"] = [_("“%(slug)s” is kept for the site's own pages.") % {"slug": slug}]
    elif Network.objects.filter(slug=slug).exists():
        errors["slug"] = [_("Another network has this slug; choose another.")]
    return slug


def _validate_network(data: dict[str, Any], *, network: Network | None) -> dict[str, Any]:
    """What `data` asks of the network, cleaned; every problem raised at once, on its field."""
    errors: dict[str, list[str]] = {}
    for field, value in data.items():
        if _has_null(value):
            errors[field] = [_("Null characters are not allowed.")]
    if errors:
        raise ValidationError(errors)
    cleaned = {field: data[field] for field in NETWORK_FIELDS if field in data}
    if network is None:
        cleaned["slug"] = _clean_slug(data, errors)
    elif "slug" in data and data["slug"] != network.slug:
        errors["slug"] = [_("The slug is set when the network is created and does not change.")]
    if "name" in cleaned or network is None:
        cleaned["name"] = str(cleaned.get("name") or "").strip()
        if not cleaned["name"]:
            errors["name"] = [_("Give the network's name in English.")]
        elif len(cleaned["name"]) > NAME_MAX_LENGTH:
            errors["name"] = [_("Write at most %(count)d characters.") % {"count": NAME_MAX_LENGTH}]
    if "description" in cleaned:
        cleaned["description"] = str(cleaned["description"] or "").strip()
    if ("kind" in cleaned or network is None) and cleaned.get("kind") not in Network.Kind.values:
        errors["kind"] = [_("Choose regional or thematic.")]
    if "regions" in cleaned:
        given = [str(code).strip() for code in cleaned["regions"] or []]
        known = taxonomy.codes("region")
        unknown = [code for code in given if code not in known]
        if unknown:
            errors["regions"] = [
                _("Unknown region code: %(codes)s. Use %(known)s.")
                % {"codes": ", ".join(unknown), "known": ", ".join(known)}
            ]
        # In the regions' own order, each once.
        cleaned["regions"] = [code for code in known if code in given]
    host = cleaned.get("host_society")
    if host is not None and host.kind != NationalSociety.Kind.NATIONAL_SOCIETY:
        errors["host_society"] = [_("The host is a National Society.")]
    if "translations" in cleaned:
        try:
            cleaned["translations"] = clean_translations(
                cleaned["translations"], fields=translations_field(Network).translated_fields
            )
        except ValidationError as error:
            errors["translations"] = error.messages
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def create_network(*, actor: User, data: dict[str, Any]) -> Network:
    """An editor creates a network from `data` (name, description and their `translations`,
    kind, regions, host_society, and its slug, made from the name when none is given). The
    slug is fixed from then on."""
    if not can_create_network(actor):
        raise PermissionDenied(_("Only IFRC editors create networks."))
    content = _validate_network(data, network=None)
    network = Network(**content)
    network.full_clean(validate_unique=False)
    try:
        with transaction.atomic(), pghistory.context(user=actor.pk, action="create"):
            network.save()
    except IntegrityError:
        # Another network took the slug at the same moment.
        raise ValidationError(
            {"slug": [_("Another network has this slug; choose another.")]}
        ) from None
    return network


@transaction.atomic
def update_network(*, network: Network, actor: User, data: dict[str, Any]) -> Network:
    """An editor or a coordinator of `network` changes what `data` gives of its name,
    description, translations, kind, regions and host; the slug stays. The other coordinators
    are told."""
    if not can_edit_network(actor, network):
        raise PermissionDenied(
            _("Only the network's coordinators and IFRC editors edit this network.")
        )
    locked = Network.objects.select_for_update().get(pk=network.pk)
    content = _validate_network(data, network=locked)
    changed = [field for field, value in content.items() if getattr(locked, field) != value]
    for field, value in content.items():
        setattr(locked, field, value)
    locked.full_clean(validate_unique=False)
    if changed:
        with pghistory.context(user=actor.pk, action="edit"):
            locked.save(update_fields=changed)
        notifications.tell_of_network_edit(locked, actor=actor, fields=changed)
    return locked


def _conflict(field: str, message: str) -> ValidationError:
    """A refusal for the present state of the data (the API answers 409), on `field`."""
    return ValidationError({field: ValidationError(message, code="conflict")})


def _check_can_join(network: Network, society: NationalSociety) -> None:
    """A society joins a network once, by one open request or invitation at a time."""
    if society.kind != "national-society":
        raise ValidationError({"society": [_("Only a National Society joins a network.")]})
    if network.members.filter(society=society).exists():
        raise _conflict("society", _("This society is already a member."))
    if network.requests.pending().filter(society=society).exists():
        raise _conflict(
            "society", _("A request or invitation for this society is already waiting.")
        )


def _open(*, network, society, actor, kind, message) -> NetworkRequest:
    network = Network.objects.select_for_update().get(pk=network.pk)
    _check_can_join(network, society)
    try:
        with transaction.atomic(), pghistory.context(user=actor.pk, action=kind):
            return NetworkRequest.objects.create(
                network=network, society=society, kind=kind, message=message, created_by=actor
            )
    except IntegrityError:
        # Another request for the same society came in at the same moment.
        raise _conflict(
            "society", _("A request or invitation for this society is already waiting.")
        ) from None


@transaction.atomic
def request_to_join(
    *, network: Network, society: NationalSociety, actor: User, message: str = ""
) -> NetworkRequest:
    """A focal point of `society` asks for it to join `network`; its coordinators (or, when it
    has none, the editors) are told."""
    if not is_focal_point(actor, society):
        raise PermissionDenied(_("Only the society's focal points ask to join a network."))
    message = clean_text(message, field="message", max_length=MESSAGE_MAX_LENGTH)
    joining = _open(
        network=network, society=society, actor=actor, kind=Kind.REQUEST, message=message
    )
    notifications.tell_network_side(joining, event="requested")
    return joining


@transaction.atomic
def invite_society(
    *, network: Network, society: NationalSociety, actor: User, message: str = ""
) -> NetworkRequest:
    """A coordinator of `network` (or an editor) invites `society`; its focal points are told."""
    if not can_manage_network(actor, network):
        raise PermissionDenied(_("Only the network's coordinators and IFRC editors invite."))
    message = clean_text(message, field="message", max_length=MESSAGE_MAX_LENGTH)
    invitation = _open(
        network=network, society=society, actor=actor, kind=Kind.INVITATION, message=message
    )
    notifications.tell_society_side(invitation, event="invited")
    return invitation


def _lock_for_step(network_request: NetworkRequest, actor: User, step: str, *, reason: str):
    locked = (
        NetworkRequest.objects.select_for_update(of=("self",))
        .select_related("network", "society")
        .filter(pk=network_request.pk)
        .first()
    )
    if locked is None:
        raise ValidationError({"status": [_("This request no longer exists.")]})
    return locked, NETWORK_REQUEST_WORKFLOW.check(locked, actor, step, note=reason)


STEP_EVENTS = {
    # action: (who made the request is told, event)
    ("approve", Kind.REQUEST): ("society", "approved"),
    ("decline", Kind.REQUEST): ("society", "declined"),
    ("withdraw", Kind.REQUEST): ("network", "withdrawn"),
    ("accept", Kind.INVITATION): ("network", "accepted"),
    ("decline", Kind.INVITATION): ("network", "declined"),
    ("withdraw", Kind.INVITATION): ("society", "withdrawn"),
}


@transaction.atomic
def answer(
    *, network_request: NetworkRequest, actor: User, action: str, reason: str = ""
) -> NetworkRequest:
    """Take a step of NETWORK_REQUEST_WORKFLOW on a pending request or invitation: approve or
    decline a request (its network's coordinators, editors; a reason is required to decline),
    accept or decline an invitation (the society's focal points), withdraw either (the side
    that sent it). An accepted one makes the society a member from today. The other side is
    told."""
    if action not in NETWORK_REQUEST_WORKFLOW.names:
        raise ValidationError({"action": [_("Unknown step.")]})
    reason = clean_text(reason, field="reason", max_length=MESSAGE_MAX_LENGTH)
    locked, step = _lock_for_step(network_request, actor, action, reason=reason)
    locked.status = step.target
    locked.reason = reason
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    with pghistory.context(user=actor.pk, action=action):
        locked.save(update_fields=["status", "reason", "decided_by", "decided_at"])
        if locked.status == Status.ACCEPTED:
            NetworkMember.objects.get_or_create(
                network=locked.network,
                society=locked.society,
                defaults={"joined_on": timezone.localdate()},
            )
    side, event = STEP_EVENTS[(action, locked.kind)]
    if side == "society":
        notifications.tell_society_side(locked, event=event)
    else:
        notifications.tell_network_side(locked, event=event)
    return locked


def _lock_member(network: Network, society: NationalSociety) -> NetworkMember:
    member = (
        NetworkMember.objects.select_for_update()
        .select_related("network", "society")
        .filter(network=network, society=society)
        .first()
    )
    if member is None:
        raise _conflict("society", _("This society is not a member of the network."))
    return member


@transaction.atomic
def leave_network(*, network: Network, society: NationalSociety, actor: User) -> None:
    """A focal point of `society` takes it out of `network`; the coordinators are told."""
    if not is_focal_point(actor, society):
        raise PermissionDenied(_("Only the society's focal points take it out of a network."))
    member = _lock_member(network, society)
    with pghistory.context(user=actor.pk, action="leave"):
        member.delete()
    notifications.tell_of_departure(member, actor=actor, event="left")


@transaction.atomic
def remove_member(*, network: Network, society: NationalSociety, actor: User) -> None:
    """A coordinator of `network` (or an editor) removes a member; its focal points are told."""
    if not can_manage_network(actor, network):
        raise PermissionDenied(
            _("Only the network's coordinators and IFRC editors remove members.")
        )
    member = _lock_member(network, society)
    with pghistory.context(user=actor.pk, action="remove"):
        member.delete()
    notifications.tell_of_departure(member, actor=actor, event="removed")


def require_appointer(actor: User) -> None:
    if not can_appoint_coordinators(actor):
        raise PermissionDenied(_("Only IFRC editors appoint network coordinators."))


@transaction.atomic
def appoint_coordinator(*, network: Network, user: User, actor: User) -> NetworkCoordinator:
    """An editor appoints `user` (an active, approved member of a society) to coordinate
    `network`; they are told."""
    require_appointer(actor)
    if not (user.is_active and user.approved_society_ids):
        raise ValidationError(
            {"user": [_("A coordinator is an approved member of a National Society.")]}
        )
    if network.coordinators.filter(user=user).exists():
        raise _conflict("user", _("This person already coordinates the network."))
    try:
        with transaction.atomic(), pghistory.context(user=actor.pk, action="appoint"):
            coordinator = NetworkCoordinator.objects.create(
                network=network, user=user, appointed_by=actor
            )
    except IntegrityError:
        raise _conflict("user", _("This person already coordinates the network.")) from None
    notifications.tell_appointee(coordinator)
    return coordinator


@transaction.atomic
def remove_coordinator(*, coordinator: NetworkCoordinator, actor: User) -> None:
    """An editor ends a coordinator's appointment."""
    if not can_appoint_coordinators(actor):
        raise PermissionDenied(_("Only IFRC editors remove network coordinators."))
    with pghistory.context(user=actor.pk, action="unappoint"):
        NetworkCoordinator.objects.filter(pk=coordinator.pk).delete()
