"""How a society comes into a network, declared once (core.workflow): networks.services takes
the steps through it, the manage page, the society's side of the network page and the API show
what it offers.

A request (from one of the society's focal points) is approved or declined, with a reason, by
the network's coordinators or an editor; the focal points may withdraw it. An invitation (from a
coordinator or an editor) is accepted or declined by the society's focal points; the network's
side may withdraw it.
"""

from django.utils.translation import gettext_lazy as _

from core.permissions import focal_point_societies, is_focal_point
from core.workflow import EDITORS, FOCAL_POINTS, MEMBERS, Role, Transition, Workflow
from networks.models import (
    Level,
    NetworkRequest,
    ParticipantRole,
    ParticipantStatus,
    Response,
    ResponseParticipant,
    ResponseStatus,
)
from networks.permissions import is_coordinator

Kind, Status = NetworkRequest.Kind, NetworkRequest.Status

COORDINATORS = Role("coordinators", lambda user, obj: is_coordinator(user, obj.network))


def is_request(obj: NetworkRequest) -> bool:
    return obj.kind == Kind.REQUEST


def is_invitation(obj: NetworkRequest) -> bool:
    return obj.kind == Kind.INVITATION


NETWORK_REQUEST_WORKFLOW = Workflow(
    refusal=_("A request or invitation that is %(status)s cannot be %(action)s."),
    denied=_(
        "Only the network's coordinators, IFRC editors or the society's focal points can do this."
    ),
    transitions=[
        Transition(
            "approve",
            sources=[Status.PENDING],
            when=is_request,
            unless=_("Only a request to join is approved; an invitation is accepted."),
            target=Status.ACCEPTED,
            by=[COORDINATORS, EDITORS],
            label=_("Approve"),
            past=_("approved"),
            denied=_("Only the network's coordinators and IFRC editors decide requests."),
        ),
        Transition(
            "decline",
            sources=[Status.PENDING],
            when=is_request,
            unless=_("An invitation is declined by the invited society."),
            target=Status.DECLINED,
            by=[COORDINATORS, EDITORS],
            label=_("Decline"),
            past=_("declined"),
            note_required=True,
            note_label=_("Reason, for the society"),
            note_missing=_("Tell the society why its request is declined."),
            secondary=True,
        ),
        Transition(
            "accept",
            sources=[Status.PENDING],
            when=is_invitation,
            unless=_("Only an invitation is accepted; a request is approved."),
            target=Status.ACCEPTED,
            by=[FOCAL_POINTS],
            label=_("Accept the invitation"),
            past=_("accepted"),
            denied=_("Only the invited society's focal points answer an invitation."),
        ),
        Transition(
            "decline",
            sources=[Status.PENDING],
            when=is_invitation,
            unless=_("A request to join is declined by the network's coordinators."),
            target=Status.DECLINED,
            by=[FOCAL_POINTS],
            label=_("Decline the invitation"),
            past=_("declined"),
            note_label=_("Reason, for the network (optional)"),
            secondary=True,
        ),
        Transition(
            "withdraw",
            sources=[Status.PENDING],
            when=is_request,
            target=Status.WITHDRAWN,
            by=[FOCAL_POINTS],
            label=_("Withdraw the request"),
            past=_("withdrawn"),
            secondary=True,
        ),
        Transition(
            "withdraw",
            sources=[Status.PENDING],
            when=is_invitation,
            target=Status.WITHDRAWN,
            by=[COORDINATORS, EDITORS],
            label=_("Withdraw the invitation"),
            past=_("withdrawn"),
            secondary=True,
        ),
    ],
)


# --- Cross-national responses ---------------------------------------------------------------------
# The workflows of a cross-national response and of a society's place in it, declared once
# (core.workflow): networks.services.responses takes the steps through them, the response page
# and the API show what they offer.
#
# A response is proposed by a focal point of its lead society; the coordinators of its network
# endorse (or decline) a regional one, an editor any one. The lead society's focal points and the
# editors invite societies and close it; a focal point of another society asks to join; the lead
# society, the societies taking part and the editors post updates while it is active.


def coordinates_its_regional_network(user, response: Response) -> bool:
    """A coordinator of the response's network, for a regional response: a network speaks
    for its region, not for the world nor for two societies' own arrangement."""
    return (
        response.level == Level.REGIONAL
        and response.network_id is not None
        and is_coordinator(user, response.network)
    )


def takes_part(user, response: Response) -> bool:
    """A member of a society taking part in the response (its lead included)."""
    return response.participants.filter(
        status=ParticipantStatus.ACCEPTED, society_id__in=user.approved_society_ids
    ).exists()


def may_ask_to_join(user, response: Response) -> bool:
    """A focal point of a National Society not yet in the response (nor asked, nor invited;
    a society once declined may ask again)."""
    already = response.participants.exclude(status=ParticipantStatus.DECLINED).values("society_id")
    return (
        focal_point_societies(user).filter(kind="national-society").exclude(pk__in=already).exists()
    )


REGIONAL_COORDINATORS = Role("regional-coordinators", coordinates_its_regional_network)
PARTICIPANTS = Role("participants", takes_part)
OTHER_FOCAL_POINTS = Role("other-focal-points", may_ask_to_join)

OPEN = [ResponseStatus.PROPOSED, ResponseStatus.ACTIVE]
DECIDERS = [EDITORS, REGIONAL_COORDINATORS]
DECIDERS_DENIED = _(
    "A regional response is endorsed by its network's coordinators or an IFRC editor; any "
    "other by an IFRC editor."
)

RESPONSE_WORKFLOW = Workflow(
    refusal=_("A response that is %(status)s cannot be %(action)s."),
    denied=_("You may not do this for this response."),
    society_id=lambda response: response.lead_society_id,
    transitions=[
        Transition(
            "endorse",
            sources=[ResponseStatus.PROPOSED],
            target=ResponseStatus.ACTIVE,
            by=DECIDERS,
            label=_("Endorse"),
            past=_("endorsed"),
            denied=DECIDERS_DENIED,
        ),
        Transition(
            "decline",
            sources=[ResponseStatus.PROPOSED],
            target=ResponseStatus.DECLINED,
            by=DECIDERS,
            label=_("Decline"),
            past=_("declined"),
            note_required=True,
            note_label=_("Reason, for the lead society"),
            note_missing=_("Tell the lead society why the response is declined."),
            denied=DECIDERS_DENIED,
            secondary=True,
        ),
        # The state does not change: these rows say who may do it, and when.
        Transition(
            "post-update",
            sources=[ResponseStatus.ACTIVE],
            target=ResponseStatus.ACTIVE,
            by=[MEMBERS, PARTICIPANTS, EDITORS],
            label=_("Post an update"),
            past=_("updated"),
            denied=_(
                "Only the societies taking part in this response and IFRC editors post its updates."
            ),
        ),
        *(
            Transition(
                "join",
                sources=[state],
                target=state,
                by=[OTHER_FOCAL_POINTS],
                label=_("Ask to join"),
                past=_("joined"),
                denied=_(
                    "A focal point of a National Society not yet in this response asks to join."
                ),
            )
            for state in OPEN
        ),
        *(
            Transition(
                "invite",
                sources=[state],
                target=state,
                by=[FOCAL_POINTS, EDITORS],
                label=_("Invite a society"),
                past=_("joined"),
                denied=_("The lead society's focal points and IFRC editors invite societies."),
                secondary=True,
            )
            for state in OPEN
        ),
        Transition(
            "close",
            sources=[ResponseStatus.ACTIVE],
            target=ResponseStatus.CLOSED,
            by=[FOCAL_POINTS, EDITORS],
            label=_("Close the response"),
            past=_("closed"),
            denied=_("The lead society's focal points and IFRC editors close a response."),
            secondary=True,
        ),
    ],
)

# Steps that do not move the response: the page offers them as forms, not buttons.
FORM_STEPS = {"post-update", "join", "invite"}


def leads_its_response(user, participant: ResponseParticipant) -> bool:
    return is_focal_point(user, participant.response.lead_society)


def is_not_the_lead(participant: ResponseParticipant) -> bool:
    return participant.role != ParticipantRole.LEAD


LEAD_FOCAL_POINTS = Role("lead-focal-points", leads_its_response)
LEAD_SIDE = [LEAD_FOCAL_POINTS, EDITORS]
LEAD_SIDE_DENIED = _("The lead society's focal points and IFRC editors answer a request to join.")
INVITED_DENIED = _("The invited society's focal points answer an invitation.")

PARTICIPANT_WORKFLOW = Workflow(
    refusal=_("A society whose place is “%(status)s” cannot be %(action)s."),
    denied=LEAD_SIDE_DENIED,
    state_label=lambda participant: str(participant.get_status_display()).lower(),
    transitions=[
        # A request to join is answered by the lead; an invitation by the invited society.
        Transition(
            "accept",
            sources=[ParticipantStatus.REQUESTED],
            target=ParticipantStatus.ACCEPTED,
            by=LEAD_SIDE,
            label=_("Accept"),
            past=_("accepted"),
            denied=LEAD_SIDE_DENIED,
        ),
        Transition(
            "accept",
            sources=[ParticipantStatus.INVITED],
            target=ParticipantStatus.ACCEPTED,
            by=[FOCAL_POINTS],
            label=_("Accept the invitation"),
            past=_("accepted"),
            denied=INVITED_DENIED,
        ),
        Transition(
            "decline",
            sources=[ParticipantStatus.REQUESTED],
            target=ParticipantStatus.DECLINED,
            by=LEAD_SIDE,
            label=_("Decline"),
            past=_("declined"),
            denied=LEAD_SIDE_DENIED,
            secondary=True,
        ),
        Transition(
            "decline",
            sources=[ParticipantStatus.INVITED],
            target=ParticipantStatus.DECLINED,
            by=[FOCAL_POINTS],
            label=_("Decline the invitation"),
            past=_("declined"),
            denied=INVITED_DENIED,
            secondary=True,
        ),
        # Only a society taking part is given a role; the lead stays the lead.
        Transition(
            "set-role",
            sources=[ParticipantStatus.ACCEPTED],
            target=ParticipantStatus.ACCEPTED,
            by=LEAD_SIDE,
            when=is_not_the_lead,
            unless=_("The lead society's role does not change."),
            refusal=_("Only a society taking part in the response is given a role."),
            label=_("Change the role"),
            past=_("given a role"),
            denied=_("The lead society's focal points and IFRC editors give roles."),
            secondary=True,
        ),
    ],
)
