"""A society's way into a network and out of it: requests, invitations, their answers, and the
coordinators editors appoint. Each step tells the other side once and is kept in history."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pghistory.models import Events

from core.models import Membership, Notification
from networks.models import NetworkCoordinator, NetworkMember, NetworkRequest
from networks.notifications import APPOINTED, FOR_NETWORKS, FOR_SOCIETIES
from networks.services import networks as services
from networks.workflow import NETWORK_REQUEST_WORKFLOW
from tests.factories import MembershipFactory, UserFactory
from tests.networks.factories import NetworkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kenyan_focal_point(society_b):
    return MembershipFactory(
        user__email="wanjiru@example.org",
        user__full_name="Wanjiru",
        society=society_b,
        role=Membership.Role.FOCAL_POINT,
    ).user


def told(kind, user):
    return list(Notification.objects.filter(kind=kind, recipient=user))


def test_bob_who_is_no_focal_point_cannot_ask_to_join(bob, society_b, network):
    with pytest.raises(PermissionDenied):
        services.request_to_join(network=network, society=society_b, actor=bob)
    assert not NetworkRequest.objects.exists()


def test_fiona_cannot_ask_for_a_society_she_does_not_speak_for(fiona, society_b, network):
    with pytest.raises(PermissionDenied):
        services.request_to_join(network=network, society=society_b, actor=fiona)


def test_a_request_approved_by_nadia_makes_the_society_a_member(
    kenyan_focal_point, nadia, society_b, network
):
    joining = services.request_to_join(
        network=network, society=society_b, actor=kenyan_focal_point, message="We work at Moyale."
    )
    assert [n.subject for n in told(FOR_NETWORKS, nadia)] == [
        "Kenya Red Cross Society asks to join Mediterranean Migration Network"
    ]
    assert NETWORK_REQUEST_WORKFLOW.available_names(joining, nadia) == ["approve", "decline"]
    assert NETWORK_REQUEST_WORKFLOW.available_names(joining, kenyan_focal_point) == ["withdraw"]
    services.answer(network_request=joining, actor=nadia, action="approve")
    joining.refresh_from_db()
    assert joining.status == NetworkRequest.Status.ACCEPTED
    assert joining.decided_by == nadia
    assert network.members.filter(society=society_b).exists()
    assert len(told(FOR_SOCIETIES, kenyan_focal_point)) == 1
    # Told once: nothing more for nadia than the request itself.
    assert len(told(FOR_NETWORKS, nadia)) == 1


def test_a_decline_needs_a_reason_and_tells_the_society_why(
    kenyan_focal_point, nadia, society_b, network
):
    joining = services.request_to_join(network=network, society=society_b, actor=kenyan_focal_point)
    with pytest.raises(ValidationError) as raised:
        services.answer(network_request=joining, actor=nadia, action="decline", reason="  ")
    assert raised.value.message_dict == {"note": ["Tell the society why its request is declined."]}
    services.answer(
        network_request=joining, actor=nadia, action="decline", reason="Out of the region."
    )
    joining.refresh_from_db()
    assert joining.status == NetworkRequest.Status.DECLINED
    assert joining.reason == "Out of the region."
    (notice,) = told(FOR_SOCIETIES, kenyan_focal_point)
    assert "Out of the region." in notice.body
    assert not network.members.filter(society=society_b).exists()


def test_nadia_cannot_decide_a_request_to_another_network(kenyan_focal_point, nadia, society_b):
    other = NetworkFactory(slug="sahel", name="Sahel Network", regions=["africa"])
    joining = services.request_to_join(network=other, society=society_b, actor=kenyan_focal_point)
    with pytest.raises(PermissionDenied):
        services.answer(network_request=joining, actor=nadia, action="approve")
    joining.refresh_from_db()
    assert joining.status == NetworkRequest.Status.PENDING


def test_a_request_to_a_network_without_coordinators_goes_to_the_editors(
    kenyan_focal_point, edith, society_b
):
    other = NetworkFactory(slug="sahel", name="Sahel Network", regions=["africa"])
    joining = services.request_to_join(network=other, society=society_b, actor=kenyan_focal_point)
    assert len(told(FOR_NETWORKS, edith)) == 1
    services.answer(network_request=joining, actor=edith, action="approve")
    assert other.members.filter(society=society_b).exists()


def test_a_society_asks_once_and_a_member_cannot_ask_again(
    fiona, kenyan_focal_point, society_a, society_b, network
):
    with pytest.raises(ValidationError) as member:
        services.request_to_join(network=network, society=society_a, actor=fiona)
    assert member.value.message_dict == {"society": ["This society is already a member."]}
    services.request_to_join(network=network, society=society_b, actor=kenyan_focal_point)
    with pytest.raises(ValidationError) as again:
        services.request_to_join(network=network, society=society_b, actor=kenyan_focal_point)
    assert list(again.value.message_dict) == ["society"]
    assert NetworkRequest.objects.count() == 1


def test_a_nul_byte_in_a_message_is_refused(kenyan_focal_point, society_b, network):
    with pytest.raises(ValidationError) as raised:
        services.request_to_join(
            network=network, society=society_b, actor=kenyan_focal_point, message="a\x00b"
        )
    assert list(raised.value.message_dict) == ["message"]


def test_an_invitation_from_nadia_is_accepted_by_the_societys_focal_point(
    kenyan_focal_point, bob, nadia, society_b, network
):
    invitation = services.invite_society(
        network=network, society=society_b, actor=nadia, message="Join us."
    )
    assert len(told(FOR_SOCIETIES, kenyan_focal_point)) == 1
    assert told(FOR_SOCIETIES, bob) == []  # a member, not a focal point
    assert NETWORK_REQUEST_WORKFLOW.available_names(invitation, nadia) == ["withdraw"]
    with pytest.raises(PermissionDenied):
        services.answer(network_request=invitation, actor=bob, action="accept")
    with pytest.raises(PermissionDenied):
        services.answer(network_request=invitation, actor=nadia, action="accept")
    services.answer(network_request=invitation, actor=kenyan_focal_point, action="accept")
    assert network.members.filter(society=society_b).exists()
    assert [n.subject for n in told(FOR_NETWORKS, nadia)] == [
        "Kenya Red Cross Society accepted the invitation to Mediterranean Migration Network"
    ]


def test_an_invitation_declined_needs_no_reason(kenyan_focal_point, nadia, society_b, network):
    invitation = services.invite_society(network=network, society=society_b, actor=nadia)
    services.answer(network_request=invitation, actor=kenyan_focal_point, action="decline")
    invitation.refresh_from_db()
    assert invitation.status == NetworkRequest.Status.DECLINED
    assert len(told(FOR_NETWORKS, nadia)) == 1


def test_alice_cannot_invite_and_nadia_cannot_invite_to_another_network(
    alice, nadia, society_b, network
):
    other = NetworkFactory(slug="sahel", name="Sahel Network", regions=["africa"])
    with pytest.raises(PermissionDenied):
        services.invite_society(network=network, society=society_b, actor=alice)
    with pytest.raises(PermissionDenied):
        services.invite_society(network=other, society=society_b, actor=nadia)
    assert not NetworkRequest.objects.exists()


def test_fiona_takes_society_a_out_and_nadia_is_told(fiona, alice, nadia, society_a, network):
    with pytest.raises(PermissionDenied):
        services.leave_network(network=network, society=society_a, actor=alice)
    services.leave_network(network=network, society=society_a, actor=fiona)
    assert not network.members.exists()
    assert [n.subject for n in told(FOR_NETWORKS, nadia)] == [
        "Italian Red Cross left Mediterranean Migration Network"
    ]
    with pytest.raises(ValidationError):
        services.leave_network(network=network, society=society_a, actor=fiona)


def test_nadia_removes_a_member_and_its_focal_points_are_told(fiona, nadia, society_a, network):
    services.remove_member(network=network, society=society_a, actor=nadia)
    assert not network.members.exists()
    assert len(told(FOR_SOCIETIES, fiona)) == 1


def test_bob_cannot_remove_a_member(bob, society_a, network):
    with pytest.raises(PermissionDenied):
        services.remove_member(network=network, society=society_a, actor=bob)
    assert network.members.filter(society=society_a).exists()


def test_edith_appoints_alice_and_nadia_cannot_appoint(edith, alice, nadia, network):
    with pytest.raises(PermissionDenied):
        services.appoint_coordinator(network=network, user=alice, actor=nadia)
    coordinator = services.appoint_coordinator(network=network, user=alice, actor=edith)
    assert coordinator.appointed_by == edith
    assert len(told(APPOINTED, alice)) == 1
    with pytest.raises(ValidationError):
        services.appoint_coordinator(network=network, user=alice, actor=edith)
    services.remove_coordinator(coordinator=coordinator, actor=edith)
    assert not NetworkCoordinator.objects.filter(user=alice).exists()


def test_a_person_of_no_society_cannot_be_made_coordinator(edith, network):
    stranger = UserFactory()
    with pytest.raises(ValidationError) as raised:
        services.appoint_coordinator(network=network, user=stranger, actor=edith)
    assert list(raised.value.message_dict) == ["user"]


def test_every_step_is_kept_in_history_with_who_and_what(
    kenyan_focal_point, fiona, nadia, society_a, society_b, network
):
    joining = services.request_to_join(network=network, society=society_b, actor=kenyan_focal_point)
    services.answer(network_request=joining, actor=nadia, action="approve")
    services.leave_network(network=network, society=society_a, actor=fiona)
    actions = [
        (event.pgh_context or {}).get("action")
        for event in Events.objects.references(network).order_by("pgh_created_at", "pgh_id")
        if event.pgh_context
    ]
    assert actions[-4:] == ["request", "approve", "approve", "leave"]
    assert NetworkMember.objects.filter(network=network).count() == 1
