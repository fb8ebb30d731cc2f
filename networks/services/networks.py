"""Writes to networks: a society's way in (request or invitation, and their answers), its way
out, and the coordinators editors appoint.

Each function checks who is asking (PermissionDenied) and what they ask (ValidationError, on
the field at fault), runs in one transaction with a pghistory context naming the actor and the
action, and tells the other side through networks.notifications.
"""

from __future__ import annotations

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import NationalSociety, User
from core.permissions import is_focal_point
from networks import notifications
from networks.models import Network, NetworkCoordinator, NetworkMember, NetworkRequest
from networks.permissions import can_appoint_coordinators, can_manage_network
from networks.workflow import NETWORK_REQUEST_WORKFLOW

Kind, Status = NetworkRequest.Kind, NetworkRequest.Status
MESSAGE_MAX_LENGTH = 2000


def _clean_text(value: str, *, field: str, required: bool = False, missing: str = "") -> str:
    text = (value or "").strip()
    if "\x00" in text:
        raise ValidationError({field: [_("Null characters are not allowed.")]})
    if len(text) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            {field: [_("Write at most %(count)d characters.") % {"count": MESSAGE_MAX_LENGTH}]}
        )
    if required and not text:
        raise ValidationError({field: [missing]})
    return text


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
    message = _clean_text(message, field="message")
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
    message = _clean_text(message, field="message")
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
    reason = _clean_text(reason, field="reason")
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
