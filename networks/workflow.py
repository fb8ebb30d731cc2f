"""How a society comes into a network, declared once (core.workflow): networks.services takes
the steps through it, the manage page, the society's side of the network page and the API show
what it offers.

A request (from one of the society's focal points) is approved or declined, with a reason, by
the network's coordinators or an editor; the focal points may withdraw it. An invitation (from a
coordinator or an editor) is accepted or declined by the society's focal points; the network's
side may withdraw it.
"""

from django.utils.translation import gettext_lazy as _

from core.workflow import EDITORS, FOCAL_POINTS, Role, Transition, Workflow
from networks.models import NetworkRequest
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
