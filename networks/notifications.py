"""Whom a network's membership steps tell, of what (core.notifications sends it once, in each
recipient's language). The network's side is its coordinators (the editors when it has none);
a society's side is its focal points. The services call these inside their transactions."""

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Membership, NationalSociety, User
from core.notifications import notify, register_kind
from networks.models import Level, ParticipantStatus, Response, ResponseParticipant, ResponseUpdate

FOR_NETWORKS = "network-membership"
FOR_SOCIETIES = "network-society"
APPOINTED = "network-coordinator-appointed"
EDITED = "network-edited"


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
    register_kind(
        EDITED,
        label=_("Changes to the description of the networks I coordinate"),
        reason=_("You receive this email because you coordinate this network."),
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


def tell_of_network_edit(network, *, actor, fields: list[str]) -> list:
    """The network's coordinators, but whoever made the change, learn that its name,
    description, kind, regions or host changed (`fields`: which)."""
    recipients = User.objects.filter(is_active=True, coordinated_networks__network=network).exclude(
        pk=actor.pk
    )
    url = _url("networks:detail", network)
    return notify(
        recipients=list(recipients.distinct()),
        kind=EDITED,
        key=f"{EDITED}:{network.pk}:{timezone.now().isoformat()}",
        template="networks/email/network_edited",
        context={"network": network, "actor": actor, "url": url},
        url=url,
    )


# --- Cross-national responses ---------------------------------------------------------------------
# Whom a cross-national response's steps tell, of what (core.notifications sends each once, in
# each recipient's language). networks.services.responses calls these inside its transactions.
#
# A society is told through its focal points; the IFRC Secretariat, which has none to speak of,
# through the editors.


RESPONSE_PROPOSED = "response-proposed"
RESPONSE_DECIDED = "response-decided"
RESPONSE_JOINING = "response-joining"
RESPONSE_UPDATED = "response-updated"
RESPONSE_CLOSED = "response-closed"
TEMPLATE = "networks/email/response"


def register_response_kinds() -> None:
    """NetworksConfig.ready() declares the responses' kinds of notification."""
    register_kind(
        RESPONSE_PROPOSED,
        label=_("Cross-national responses proposed for endorsement"),
        reason=_(
            "You receive this email because you are an IFRC editor or a coordinator of the "
            "response's network."
        ),
    )
    register_kind(
        RESPONSE_DECIDED,
        label=_("Decisions on the responses my society proposed"),
        reason=_(
            "You receive this email because you proposed this response or speak for its lead."
        ),
    )
    register_kind(
        RESPONSE_JOINING,
        label=_("Requests and invitations to join cross-national responses"),
        reason=_("You receive this email because you speak for a society in this response."),
    )
    register_kind(
        RESPONSE_UPDATED,
        label=_("Updates of the responses my society takes part in"),
        reason=_("You receive this email because your society takes part in this response."),
    )
    register_kind(
        RESPONSE_CLOSED,
        label=_("Cross-national responses closed"),
        reason=_("You receive this email because your society takes part in this response."),
    )


def _editors() -> QuerySet:
    return User.objects.filter(is_active=True, groups__name=settings.EDITORS_GROUP)


def speakers_for(society_ids) -> list[User]:
    """Who speaks for each society: its approved focal points; for the Secretariat, the
    editors."""
    society_ids = set(society_ids)
    people = User.objects.filter(
        is_active=True,
        memberships__society_id__in=society_ids,
        memberships__status=Membership.Status.APPROVED,
        memberships__role=Membership.Role.FOCAL_POINT,
    )
    found = {user.pk: user for user in people}
    secretariat = NationalSociety.objects.filter(
        pk__in=society_ids, kind=NationalSociety.Kind.SECRETARIAT
    )
    if secretariat.exists():
        found.update({user.pk: user for user in _editors()})
    return list(found.values())


def _response_url(response: Response) -> str:
    return settings.SITE_URL + reverse("networks:response_detail", args=[response.pk])


def _tell(recipients, *, kind: str, key: str, event: str, response: Response, **context) -> list:
    return notify(
        recipients=recipients,
        kind=kind,
        key=f"{kind}:{key}",
        template=TEMPLATE,
        context={"event": event, "response": response, "url": _response_url(response), **context},
        url=_response_url(response),
    )


def tell_deciders_of_proposal(response: Response) -> list:
    """The editors, and for a regional response the coordinators of its network, learn that
    a response waits for their endorsement."""
    recipients = {user.pk: user for user in _editors()}
    if response.level == Level.REGIONAL and response.network_id:
        coordinators = User.objects.filter(
            is_active=True, coordinated_networks__network_id=response.network_id
        )
        recipients.update({user.pk: user for user in coordinators})
    return _tell(
        recipients.values(),
        kind=RESPONSE_PROPOSED,
        key=str(response.pk),
        event="proposed",
        response=response,
    )


def tell_lead_of_decision(response: Response) -> list:
    """Whoever proposed the response, and its lead's focal points, learn it was endorsed or
    declined (with the reason)."""
    recipients = {user.pk: user for user in speakers_for([response.lead_society_id])}
    if response.proposed_by is not None:
        recipients[response.proposed_by.pk] = response.proposed_by
    return _tell(
        recipients.values(),
        kind=RESPONSE_DECIDED,
        key=f"{response.pk}:{response.status}",
        event=response.status,
        response=response,
    )


def tell_of_joining(participant: ResponseParticipant, *, event: str) -> list:
    """The other side of a society's way into a response: the lead learns of a request to
    join and of an answer to its invitation; the society learns of an invitation and of the
    answer to its request, and so does whoever asked (`event`: "requested", "invited",
    "accepted" or "declined")."""
    response = participant.response
    if event == "requested" or (event in ("accepted", "declined") and participant.invited):
        society_ids = [response.lead_society_id]
    else:
        society_ids = [participant.society_id]
    recipients = {user.pk: user for user in speakers_for(society_ids)}
    if event in ("accepted", "declined") and participant.asked_by is not None:
        recipients[participant.asked_by.pk] = participant.asked_by
    return _tell(
        recipients.values(),
        kind=RESPONSE_JOINING,
        key=f"{participant.pk}:{event}:{participant.updated_at.isoformat()}",
        event=f"joining-{event}",
        response=response,
        society=participant.society,
        note=participant.note,
    )


def _taking_part(response: Response) -> list[int]:
    return list(
        response.participants.filter(status=ParticipantStatus.ACCEPTED).values_list(
            "society_id", flat=True
        )
    )


def tell_participants_of_update(update: ResponseUpdate) -> list:
    """The focal points of every society taking part learn of a new update, but its author."""
    response = update.response
    recipients = [
        user for user in speakers_for(_taking_part(response)) if user.pk != update.author_id
    ]
    return _tell(
        recipients,
        kind=RESPONSE_UPDATED,
        key=str(update.pk),
        event="updated",
        response=response,
        update=update,
    )


def tell_participants_of_closing(response: Response, *, actor: User) -> list:
    recipients = [user for user in speakers_for(_taking_part(response)) if user.pk != actor.pk]
    return _tell(
        recipients, kind=RESPONSE_CLOSED, key=str(response.pk), event="closed", response=response
    )
