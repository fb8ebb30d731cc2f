"""Cross-national responses: who proposes, endorses, joins, answers, posts and closes, as the
services and networks.workflow say; who sees a response; whom each step tells, once."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import Membership, Notification
from networks.models import (
    ParticipantStatus,
    Response,
    ResponseParticipant,
    ResponseStatus,
)
from networks.services import responses as services
from networks.workflow import PARTICIPANT_WORKFLOW, RESPONSE_WORKFLOW
from practices.models import Status
from tests.factories import MembershipFactory
from tests.networks.factories import NetworkFactory
from tests.networks.response_factories import make_response, response_data
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


@pytest.fixture
def bob_focal_point(bob, society_b):
    """bob, made a focal point of society B, speaks for it."""
    Membership.objects.filter(user=bob, society=society_b).update(role=Membership.Role.FOCAL_POINT)
    return bob


@pytest.fixture
def nadia_focal_point(nadia, society_c):
    Membership.objects.filter(user=nadia, society=society_c).update(
        role=Membership.Role.FOCAL_POINT
    )
    return nadia


def names(steps):
    return [step.name for step in steps]


def notified(kind):
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient__email", flat=True))


# --- Proposing and launching ------------------------------------------------------------------


def test_fiona_proposes_a_response_her_society_leads(fiona, edith, society_a, network):
    response = make_response(fiona, society_a, network=network)
    assert response.status == ResponseStatus.PROPOSED
    assert response.regions == ["europe"]
    lead = response.participants.get()
    assert (lead.society, lead.role, lead.status) == (society_a, "lead", "accepted")
    # The editors and, for a regional response, its network's coordinators are told.
    assert notified("response-proposed") == ["edith@example.org", "nadia@example.org"]


def test_alice_a_member_and_not_a_focal_point_cannot_propose(alice, society_a):
    with pytest.raises(PermissionDenied):
        services.propose_response(actor=alice, society=society_a, data=response_data())
    assert not Response.objects.exists()


def test_fiona_cannot_propose_a_response_society_b_leads(fiona, society_b):
    with pytest.raises(PermissionDenied):
        services.propose_response(actor=fiona, society=society_b, data=response_data())


def test_edith_launches_a_global_response_the_secretariat_leads_and_invites(
    edith, fiona, society_a, society_b
):
    response = services.launch_response(
        actor=edith, data=response_data(level="global"), invite=[society_a]
    )
    assert response.status == ResponseStatus.ACTIVE
    assert response.lead_society.kind == "secretariat"
    place = response.participants.get(society=society_a)
    assert (place.status, place.invited) == (ParticipantStatus.INVITED, True)
    assert notified("response-joining") == ["fiona@example.org"]


def test_fiona_cannot_launch_a_secretariat_response(fiona):
    with pytest.raises(PermissionDenied):
        services.launch_response(actor=fiona, data=response_data(level="global"))


# --- Endorsing --------------------------------------------------------------------------------


def test_nadia_endorses_her_networks_regional_response(fiona, nadia, society_a, network):
    response = make_response(fiona, society_a, network=network)
    assert names(RESPONSE_WORKFLOW.available(response, nadia)) == ["endorse", "decline"]
    services.endorse_response(response=response, actor=nadia)
    response.refresh_from_db()
    assert (response.status, response.endorsed_by) == (ResponseStatus.ACTIVE, nadia)
    assert notified("response-decided") == ["fiona@example.org"]


def test_nadia_cannot_endorse_a_global_response_of_her_network(fiona, nadia, society_a, network):
    response = make_response(fiona, society_a, level="global")
    response.network = network  # as if it named her network
    response.save(update_fields=["network"])
    assert RESPONSE_WORKFLOW.available(response, nadia) == []
    with pytest.raises(PermissionDenied):
        services.endorse_response(response=response, actor=nadia)


def test_nadia_cannot_endorse_another_networks_regional_response(fiona, nadia, society_a):
    other = NetworkFactory(slug="sahel", name="Sahel network", regions=["africa"])
    response = make_response(fiona, society_a, network=other)
    # She does not even see it: it is not her network's, nor her society's.
    assert not Response.objects.visible_to(nadia).filter(pk=response.pk).exists()
    with pytest.raises(PermissionDenied):
        services.endorse_response(response=response, actor=nadia)
    response.refresh_from_db()
    assert response.status == ResponseStatus.PROPOSED


def test_edith_endorses_a_global_response(fiona, edith, society_a):
    response = make_response(fiona, society_a, level="global")
    services.endorse_response(response=response, actor=edith)
    response.refresh_from_db()
    assert response.status == ResponseStatus.ACTIVE


def test_fiona_cannot_endorse_her_own_proposal(fiona, society_a):
    response = make_response(fiona, society_a)
    with pytest.raises(PermissionDenied):
        services.endorse_response(response=response, actor=fiona)


def test_endorsing_twice_is_refused_for_the_state_and_tells_fiona_once(fiona, edith, society_a):
    response = make_response(fiona, society_a, level="global")
    services.endorse_response(response=response, actor=edith)
    with pytest.raises(ValidationError) as refused:
        services.endorse_response(response=response, actor=edith)
    assert set(refused.value.message_dict) == {"status"}
    assert notified("response-decided") == ["fiona@example.org"]


def test_edith_declines_with_a_reason_and_fiona_is_told(fiona, edith, society_a):
    response = make_response(fiona, society_a, level="global")
    with pytest.raises(ValidationError) as missing:
        services.decline_response(response=response, actor=edith, note="  ")
    assert set(missing.value.message_dict) == {"note"}
    services.decline_response(response=response, actor=edith, note="Covered by another one.")
    response.refresh_from_db()
    assert (response.status, response.decision_note) == ("declined", "Covered by another one.")
    body = Notification.objects.get(kind="response-decided").body
    assert "Covered by another one." in body


# --- Who sees it ------------------------------------------------------------------------------


def test_a_proposed_response_is_seen_by_its_lead_editors_and_its_coordinators_only(
    fiona, alice, bob, nadia, edith, society_a, network
):
    response = make_response(fiona, society_a, network=network)
    seen_by = {
        name: Response.objects.visible_to(user).filter(pk=response.pk).exists()
        for name, user in [
            ("alice", alice),
            ("bob", bob),
            ("nadia", nadia),
            ("edith", edith),
            ("visitor", AnonymousUser()),
        ]
    }
    assert seen_by == {
        "alice": True,
        "bob": False,
        "nadia": True,
        "edith": True,
        "visitor": False,
    }


def test_a_movement_response_is_hidden_from_visitors_but_read_by_bob(fiona, bob, edith, society_a):
    response = make_response(
        fiona, society_a, level="global", visibility="movement", status="active", editor=edith
    )
    assert not Response.objects.visible_to(AnonymousUser()).filter(pk=response.pk).exists()
    assert Response.objects.visible_to(bob).filter(pk=response.pk).exists()


def test_an_invited_society_reads_an_ifrc_only_response(edith, fiona, bob, society_a):
    response = services.launch_response(
        actor=edith, data=response_data(level="global", visibility="ifrc"), invite=[society_a]
    )
    assert Response.objects.visible_to(fiona).filter(pk=response.pk).exists()
    assert not Response.objects.visible_to(bob).filter(pk=response.pk).exists()


# --- Joining ----------------------------------------------------------------------------------


def test_bob_as_focal_point_asks_to_join_and_fiona_accepts(
    fiona, edith, bob_focal_point, society_a, society_b
):
    response = make_response(fiona, society_a, level="global", status="active", editor=edith)
    assert "join" in names(RESPONSE_WORKFLOW.available(response, bob_focal_point))
    place = services.ask_to_join(response=response, actor=bob_focal_point, note="We can help.")
    assert (place.society, place.status) == (society_b, ParticipantStatus.REQUESTED)
    assert notified("response-joining") == ["fiona@example.org"]
    assert names(PARTICIPANT_WORKFLOW.available(place, fiona)) == ["accept", "decline"]
    assert PARTICIPANT_WORKFLOW.available(place, bob_focal_point) == []
    services.answer_place(participant=place, actor=fiona, decision="accept")
    place.refresh_from_db()
    assert (place.status, place.joined_on) == (ParticipantStatus.ACCEPTED, TODAY)
    assert notified("response-joining") == ["bob@example.org", "fiona@example.org"]


def test_bob_a_member_cannot_ask_for_society_b_to_join(fiona, edith, bob, society_a):
    response = make_response(fiona, society_a, level="global", status="active", editor=edith)
    with pytest.raises(PermissionDenied):
        services.ask_to_join(response=response, actor=bob)
    assert response.participants.count() == 1


def test_bob_cannot_answer_a_request_to_join_fionas_response(
    fiona, edith, bob_focal_point, nadia_focal_point, society_a
):
    response = make_response(fiona, society_a, level="global", status="active", editor=edith)
    place = services.ask_to_join(response=response, actor=nadia_focal_point)
    with pytest.raises(PermissionDenied):
        services.answer_place(participant=place, actor=bob_focal_point, decision="accept")
    place.refresh_from_db()
    assert place.status == ParticipantStatus.REQUESTED


def test_a_society_asks_to_join_once(fiona, edith, bob_focal_point, society_a, society_b):
    response = make_response(fiona, society_a, level="global", status="active", editor=edith)
    services.ask_to_join(response=response, actor=bob_focal_point)
    with pytest.raises(PermissionDenied):
        # No longer a society outside the response: the step is not hers to take.
        services.ask_to_join(response=response, actor=bob_focal_point, society=society_b)
    assert response.participants.filter(society=society_b).count() == 1


def test_fiona_declines_bobs_request_and_society_b_may_ask_again(
    fiona, edith, bob_focal_point, society_a
):
    response = make_response(fiona, society_a, level="global", status="active", editor=edith)
    place = services.ask_to_join(response=response, actor=bob_focal_point)
    services.answer_place(participant=place, actor=fiona, decision="decline", note="Not now.")
    place.refresh_from_db()
    assert place.status == ParticipantStatus.DECLINED
    again = services.ask_to_join(response=response, actor=bob_focal_point)
    assert (again.pk, again.status) == (place.pk, ParticipantStatus.REQUESTED)


def test_the_invited_society_answers_its_invitation_and_not_the_lead(edith, fiona, society_a):
    response = services.launch_response(
        actor=edith, data=response_data(level="global"), invite=[society_a]
    )
    place = response.participants.get(society=society_a)
    with pytest.raises(ValidationError):
        # Editors answer requests to join, not invitations.
        services.answer_place(participant=place, actor=edith, decision="accept")
    services.answer_place(participant=place, actor=fiona, decision="accept")
    place.refresh_from_db()
    assert place.status == ParticipantStatus.ACCEPTED
    assert "edith@example.org" in notified("response-joining")


def test_alice_a_member_cannot_accept_her_societys_invitation(edith, alice, fiona, society_a):
    response = services.launch_response(
        actor=edith, data=response_data(level="global"), invite=[society_a]
    )
    place = response.participants.get(society=society_a)
    with pytest.raises(PermissionDenied):
        services.answer_place(participant=place, actor=alice, decision="accept")


def test_a_society_not_taking_part_cannot_be_given_a_role(
    fiona, edith, bob_focal_point, society_a, society_b
):
    response = make_response(fiona, society_a, level="global", status="active", editor=edith)
    place = services.ask_to_join(response=response, actor=bob_focal_point)
    with pytest.raises(ValidationError) as refused:
        services.set_role(participant=place, actor=fiona, role="supporter")
    assert "taking part" in " ".join(refused.value.messages)
    services.answer_place(participant=place, actor=fiona, decision="accept")
    services.set_role(participant=place, actor=fiona, role="supporter")
    place.refresh_from_db()
    assert place.role == "supporter"


def test_the_lead_keeps_its_role(fiona, edith, society_a):
    response = make_response(fiona, society_a, level="global", status="active", editor=edith)
    lead = response.participants.get()
    with pytest.raises(ValidationError):
        services.set_role(participant=lead, actor=edith, role="supporter")


def test_bob_cannot_give_roles_in_fionas_response(fiona, edith, bob_focal_point, society_a):
    response = make_response(fiona, society_a, level="global", status="active", editor=edith)
    place = services.ask_to_join(response=response, actor=bob_focal_point)
    services.answer_place(participant=place, actor=fiona, decision="accept")
    with pytest.raises(PermissionDenied):
        services.set_role(participant=place, actor=bob_focal_point, role="supporter")


# --- Updates ----------------------------------------------------------------------------------


def update_data(**overrides):
    return {
        "happened_on": TODAY,
        "body": "Forty families traced.",
        "people_reached": 40,
    } | overrides


def test_bob_cannot_post_to_a_response_society_b_is_not_in(fiona, edith, bob, society_a):
    response = make_response(fiona, society_a, level="global", status="active", editor=edith)
    with pytest.raises(PermissionDenied):
        services.post_update(response=response, actor=bob, data=update_data())
    assert not response.updates.exists()


def test_bob_posts_once_society_b_takes_part_and_fiona_is_told(
    fiona, alice, edith, bob, bob_focal_point, society_a, society_b
):
    response = make_response(fiona, society_a, level="global", status="active", editor=edith)
    place = services.ask_to_join(response=response, actor=bob_focal_point)
    services.answer_place(participant=place, actor=fiona, decision="accept")
    update = services.post_update(response=response, actor=bob, data=update_data())
    assert (update.society, update.people_reached) == (society_b, 40)
    # The focal points of the societies taking part, but its author.
    assert notified("response-updated") == ["fiona@example.org"]
    services.post_update(response=response, actor=alice, data=update_data(body="Ten more."))
    assert response.updates.count() == 2


def test_alice_of_the_lead_society_and_edith_post_updates(fiona, alice, edith, society_a):
    response = make_response(fiona, society_a, level="global", status="active", editor=edith)
    services.post_update(response=response, actor=alice, data=update_data())
    by_edith = services.post_update(response=response, actor=edith, data=update_data())
    assert by_edith.society is None  # an editor of no society taking part


def test_a_proposed_response_takes_no_update(fiona, society_a):
    response = make_response(fiona, society_a)
    with pytest.raises(ValidationError) as refused:
        services.post_update(response=response, actor=fiona, data=update_data())
    assert set(refused.value.message_dict) == {"status"}


def test_an_update_needs_a_text_and_a_date_not_after_today(fiona, edith, society_a):
    response = make_response(fiona, society_a, level="global", status="active", editor=edith)
    with pytest.raises(ValidationError) as refused:
        services.post_update(
            response=response,
            actor=fiona,
            data={
                "happened_on": TODAY + datetime.timedelta(days=2),
                "body": " ",
                "people_reached": -1,
            },
        )
    assert set(refused.value.message_dict) == {"body", "happened_on", "people_reached"}


# --- Closing ----------------------------------------------------------------------------------


def test_fiona_closes_her_active_response_and_alice_cannot(fiona, alice, edith, society_a):
    response = make_response(fiona, society_a, level="global", status="active", editor=edith)
    with pytest.raises(PermissionDenied):
        services.close_response(response=response, actor=alice)
    services.close_response(response=response, actor=fiona)
    response.refresh_from_db()
    assert (response.status, response.end_date) == (ResponseStatus.CLOSED, TODAY)


# --- Bad input --------------------------------------------------------------------------------


def test_unknown_codes_and_dates_out_of_order_are_refused_naming_each_field(fiona, society_a):
    data = response_data(
        countries=["ITA", "XXX"],
        steps=["arrival", "nowhere"],
        principles=["P42"],
        level="planetary",
        start_date=TODAY,
        end_date=TODAY - datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as refused:
        services.propose_response(actor=fiona, society=society_a, data=data)
    assert set(refused.value.message_dict) == {
        "countries",
        "steps",
        "principles",
        "level",
        "end_date",
    }
    assert not Response.objects.exists()


def test_a_global_response_names_no_network(fiona, society_a, network):
    with pytest.raises(ValidationError) as refused:
        services.propose_response(
            actor=fiona, society=society_a, data=response_data(level="global", network=network)
        )
    assert set(refused.value.message_dict) == {"network"}


# --- Practices that came from it --------------------------------------------------------------


def test_alice_names_the_response_her_practice_came_from_and_bob_cannot(
    fiona, alice, bob, edith, society_a, society_b
):
    response = make_response(fiona, society_a, level="global", status="active", editor=edith)
    practice = make_practice(alice, society_a, status=Status.PUBLISHED, editor=edith)
    with pytest.raises(PermissionDenied):
        services.link_practice(response=response, practice=practice, actor=bob)
    link = services.link_practice(response=response, practice=practice, actor=alice)
    assert link.practice == practice
    with pytest.raises(ValidationError):
        services.link_practice(response=response, practice=practice, actor=alice)


def test_a_practice_of_a_society_not_taking_part_does_not_name_the_response(
    fiona, bob, edith, society_a, society_b
):
    response = make_response(fiona, society_a, level="global", status="active", editor=edith)
    practice = make_practice(bob, society_b, status=Status.PUBLISHED, editor=edith)
    with pytest.raises(ValidationError) as refused:
        services.link_practice(response=response, practice=practice, actor=bob)
    assert set(refused.value.message_dict) == {"practice"}
    assert not ResponseParticipant.objects.filter(society=society_b).exists()


def test_history_keeps_who_endorsed(fiona, edith, society_a):
    response = make_response(fiona, society_a, level="global", status="active", editor=edith)
    events = Response.pgh_event_model.objects.filter(pgh_obj=response).order_by("pgh_id")
    assert [event.status for event in events] == ["proposed", "active"]
    contexts = [event.pgh_context.metadata for event in events]
    assert contexts[-1] == {"user": edith.pk, "action": "endorse"}


def test_membership_factory_focal_point_elsewhere_is_not_a_lead(fiona, edith, society_a, society_b):
    """A focal point of society B added to the test is not one of society A's."""
    other = MembershipFactory(society=society_b, role=Membership.Role.FOCAL_POINT).user
    response = make_response(fiona, society_a, level="global", status="active", editor=edith)
    with pytest.raises(PermissionDenied):
        services.close_response(response=response, actor=other)
