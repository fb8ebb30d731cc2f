"""Whom a network's membership steps tell, of what (core.notifications sends it once, in each
recipient's language). The network's side is its coordinators (the editors when it has none);
a society's side is its focal points. The services call these inside their transactions."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Membership, User
from core.notifications import notify, register_kind

FOR_NETWORKS = "network-membership"
FOR_SOCIETIES = "network-society"
APPOINTED = "network-coordinator-appointed"


def register_kinds() -> None:
    """NetworksConfig.ready() declares the networks' kinds of notification."""
    register_kind(
        FOR_NETWORKS,
        label=_("Requests, answers and departures in the networks I coordinate"),
        reason=_(
            "You receive this email because you coordinate this network, or are an IFRC "
            "editor and it has no coordinator."
        ),
    )
    register_kind(
        FOR_SOCIETIES,
        label=_("My society's networks: invitations, decisions and removals"),
        reason=_("You receive this email because you are a focal point of this society."),
    )
    register_kind(
        APPOINTED,
        label=_("My appointment as a network coordinator"),
        reason=_("You receive this email because an IFRC editor appointed you."),
    )


def network_side(network) -> list[User]:
    coordinators = list(
        User.objects.filter(is_active=True, coordinated_networks__network=network).distinct()
    )
    if coordinators:
        return coordinators
    return list(User.objects.filter(is_active=True, groups__name=settings.EDITORS_GROUP).distinct())


def society_side(society) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            memberships__society=society,
            memberships__role=Membership.Role.FOCAL_POINT,
            memberships__status=Membership.Status.APPROVED,
        ).distinct()
    )


def _url(name: str, network) -> str:
    return settings.SITE_URL + reverse(name, args=[network.slug])


def tell_network_side(network_request, *, event: str) -> list:
    """The network's side learns that a society asked to join (`requested`), withdrew its
    request, or accepted or declined an invitation."""
    network = network_request.network
    url = _url("networks:manage", network)
    return notify(
        recipients=network_side(network),
        kind=FOR_NETWORKS,
        key=f"{FOR_NETWORKS}:{network_request.pk}:{event}",
        template="networks/email/network_side",
        context={"request": network_request, "event": event, "url": url},
        url=url,
    )


def tell_society_side(network_request, *, event: str) -> list:
    """The society's focal points learn that it was invited (`invited`), that an invitation
    was withdrawn, or that its request was approved or declined (with the reason)."""
    network = network_request.network
    url = _url("networks:detail", network)
    return notify(
        recipients=society_side(network_request.society),
        kind=FOR_SOCIETIES,
        key=f"{FOR_SOCIETIES}:{network_request.pk}:{event}",
        template="networks/email/society_side",
        context={"request": network_request, "event": event, "url": url},
        url=url,
    )


def tell_of_departure(member, *, actor, event: str) -> list:
    """A society left (`left`: the network's side is told) or was removed (`removed`: the
    society's focal points are told)."""
    network = member.network
    left = event == "left"
    recipients = network_side(network) if left else society_side(member.society)
    url = _url("networks:detail", network)
    stamp = timezone.now().isoformat()
    return notify(
        recipients=[user for user in recipients if user.pk != actor.pk],
        kind=FOR_NETWORKS if left else FOR_SOCIETIES,
        key=f"network-{event}:{network.pk}:{member.society_id}:{stamp}",
        template="networks/email/departure",
        context={"member": member, "event": event, "url": url},
        url=url,
    )


def tell_appointee(coordinator) -> list:
    url = _url("networks:manage", coordinator.network)
    return notify(
        recipients=[coordinator.user],
        kind=APPOINTED,
        key=f"{APPOINTED}:{coordinator.pk}",
        template="networks/email/coordinator_appointed",
        context={"coordinator": coordinator, "url": url},
        url=url,
    )
