"""The response pages: the list with its filters, a response's page (timeline, participants,
practices, the steps its reader may take), the forms that keep what was typed, the feed, and
the sections on the society, network and home pages."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from core.models import Membership
from networks.models import ParticipantStatus, Response, ResponseStatus
from networks.services import responses as services
from practices.models import Status
from tests.conftest import login
from tests.networks.response_factories import make_response
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

LIST = reverse("networks:response_list")
NEW = reverse("networks:response_create")
ATOM = "{http://www.w3.org/2005/Atom}"
TODAY = datetime.date.today()


@pytest.fixture
def bob_focal_point(bob, society_b):
    Membership.objects.filter(user=bob, society=society_b).update(role=Membership.Role.FOCAL_POINT)
    return bob


@pytest.fixture
def active(fiona, edith, society_a):
    return make_response(fiona, society_a, level="global", status="active", editor=edith)


def form_data(**overrides):
    data = {
        "society": "",
        "title": "Health care on the Balkan route",
        "summary": "Mobile clinics at the borders.",
        "objectives": "",
        "level": "regional",
        "network": "",
        "route": "",
        "countries": ["GRC"],
        "steps": ["transition-at-borders"],
        "support_types": ["assistance"],
        "principles": ["P1"],
        "start_date": "",
        "end_date": "",
        "visibility": "public",
        "contact_email": "",
    }
    data.update(overrides)
    return data


# --- The list ---------------------------------------------------------------------------------


def test_a_visitor_lists_active_responses_and_not_proposed_ones(client, fiona, active, society_a):
    proposed = make_response(fiona, society_a, title="Not endorsed yet")
    page = client.get(LIST)
    assert page.status_code == 200
    text = page.content.decode()
    assert active.title in text
    assert proposed.title not in text


def test_the_list_filters_by_level_and_refuses_unknown_codes_with_a_400(client, active):
    assert active.title in client.get(LIST, {"level": "global"}).content.decode()
    assert active.title not in client.get(LIST, {"level": "bilateral"}).content.decode()
    assert client.get(LIST, {"region": "atlantis"}).status_code == 400


@pytest.mark.parametrize("size", [2, 10])
def test_the_list_page_runs_the_same_queries_whatever_its_size(
    client, fiona, edith, society_a, network, size, django_assert_max_num_queries
):
    for _ in range(size):
        make_response(fiona, society_a, network=network, status="active", editor=edith)
    login(client, fiona)
    with django_assert_max_num_queries(12):
        page = client.get(LIST)
    assert page.status_code == 200


# --- A response's page ------------------------------------------------------------------------


def test_a_proposed_response_is_a_404_for_bob_and_a_page_for_nadia(
    client, fiona, bob, nadia, society_a, network
):
    response = make_response(fiona, society_a, network=network)
    login(client, bob)
    assert client.get(response.get_absolute_url()).status_code == 404
    login(client, nadia)
    page = client.get(response.get_absolute_url())
    assert page.status_code == 200
    assert (
        reverse("networks:response_workflow", args=[response.pk, "endorse"])
        in page.content.decode()
    )


def test_nadia_endorses_from_the_page(client, fiona, nadia, society_a, network):
    response = make_response(fiona, society_a, network=network)
    login(client, nadia)
    answer = client.post(reverse("networks:response_workflow", args=[response.pk, "endorse"]))
    assert answer.status_code == 302
    response.refresh_from_db()
    assert response.status == ResponseStatus.ACTIVE


def test_the_page_shows_the_timeline_participants_and_practices(
    client, fiona, alice, edith, active, society_a
):
    services.post_update(
        response=active,
        actor=alice,
        data={"happened_on": TODAY, "body": "**Thirty** families reunited.", "people_reached": 30},
    )
    practice = make_practice(alice, society_a, status=Status.PUBLISHED, editor=edith)
    services.link_practice(response=active, practice=practice, actor=alice)
    text = client.get(active.get_absolute_url()).content.decode()
    assert "<strong>Thirty</strong> families reunited." in text
    assert "30 people reached" in text
    assert practice.title in text
    assert society_a.label in text
    # A visitor is offered no step.
    assert "/workflow/" not in text
    assert "Ask to join" not in text


def test_bob_as_focal_point_asks_to_join_from_the_page_and_fiona_accepts(
    client, fiona, bob_focal_point, active, society_b
):
    login(client, bob_focal_point)
    page = client.get(active.get_absolute_url()).content.decode()
    assert "Ask to join" in page
    answer = client.post(
        reverse("networks:response_join", args=[active.pk]),
        {"society": society_b.pk, "role": "supporter", "note": "We run a help desk."},
    )
    assert answer.status_code == 302
    place = active.participants.get(society=society_b)
    assert (place.status, place.role) == (ParticipantStatus.REQUESTED, "supporter")
    login(client, fiona)
    page = client.get(active.get_absolute_url()).content.decode()
    accept = reverse("networks:response_participant", args=[active.pk, place.pk, "accept"])
    assert accept in page
    assert client.post(accept).status_code == 302
    place.refresh_from_db()
    assert place.status == ParticipantStatus.ACCEPTED


def test_a_join_request_for_a_society_bob_does_not_speak_for_keeps_the_form(
    client, bob_focal_point, active, society_a
):
    login(client, bob_focal_point)
    answer = client.post(
        reverse("networks:response_join", args=[active.pk]),
        {"society": society_a.pk, "role": "participant", "note": "Typed with care."},
    )
    assert answer.status_code == 400
    assert "Typed with care." in answer.content.decode()
    assert not active.participants.filter(status=ParticipantStatus.REQUESTED).exists()


def test_bob_cannot_post_an_update_from_the_page(client, bob, active):
    login(client, bob)
    answer = client.post(
        reverse("networks:response_update_create", args=[active.pk]),
        {"happened_on": TODAY.isoformat(), "body": "Not ours to post."},
    )
    assert answer.status_code == 403
    assert not active.updates.exists()


def test_alices_update_with_a_future_date_is_shown_again_with_what_she_typed(client, alice, active):
    login(client, alice)
    path = reverse("networks:response_update_create", args=[active.pk])
    answer = client.post(path, {"happened_on": "2999-01-01", "body": "Planned distribution."})
    assert answer.status_code == 400
    text = answer.content.decode()
    assert "Planned distribution." in text
    assert "not after today" in text
    assert client.post(path, {"happened_on": TODAY.isoformat(), "body": "Done."}).status_code == 302
    assert active.updates.get().body == "Done."


# --- Proposing --------------------------------------------------------------------------------


def test_fiona_proposes_from_the_form(client, fiona, society_a, network):
    login(client, fiona)
    assert client.get(NEW).status_code == 200
    answer = client.post(NEW, form_data(society=society_a.pk, network=network.pk))
    assert answer.status_code == 302
    response = Response.objects.get()
    assert (response.lead_society, response.network, response.status) == (
        society_a,
        network,
        "proposed",
    )


def test_a_proposal_with_dates_out_of_order_keeps_what_fiona_typed(client, fiona, society_a):
    login(client, fiona)
    answer = client.post(
        NEW,
        form_data(society=society_a.pk, start_date="2026-05-01", end_date="2026-04-01"),
    )
    assert answer.status_code == 400
    text = answer.content.decode()
    assert "The end date comes before the start date." in text
    assert "Health care on the Balkan route" in text
    assert not Response.objects.exists()


def test_alice_a_member_cannot_open_the_proposal_form(client, alice):
    login(client, alice)
    assert client.get(NEW).status_code == 403


def test_edith_launches_from_the_form_and_invites_society_a(client, edith, fiona, society_a):
    login(client, edith)
    answer = client.post(NEW, form_data(level="global", invite=[society_a.pk]))
    assert answer.status_code == 302, answer.content.decode()[:2000]
    response = Response.objects.get()
    assert response.status == ResponseStatus.ACTIVE
    assert response.participants.get(society=society_a).status == ParticipantStatus.INVITED


# --- The feed ---------------------------------------------------------------------------------


def test_the_feed_lists_a_public_responses_updates(client, alice, active):
    services.post_update(
        response=active, actor=alice, data={"happened_on": TODAY, "body": "<b>Ten</b> reunited."}
    )
    answer = client.get(reverse("networks:response_feed", args=[active.pk]))
    assert answer.status_code == 200
    feed = ET.fromstring(answer.content)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 1
    summary = entries[0].find(f"{ATOM}summary")
    assert (summary.get("type"), summary.text) == ("text", "<b>Ten</b> reunited.")


def test_the_feed_of_a_movement_response_is_a_404(client, fiona, edith, society_a):
    response = make_response(
        fiona, society_a, level="global", visibility="movement", status="active", editor=edith
    )
    assert client.get(reverse("networks:response_feed", args=[response.pk])).status_code == 404


# --- Sections on other pages ------------------------------------------------------------------


def test_the_society_and_home_pages_show_its_responses(client, active, society_a):
    society_page = client.get(society_a.get_absolute_url()).content.decode()
    assert active.title in society_page
    assert active.title in client.get(reverse("core:home")).content.decode()


def test_the_network_page_shows_its_responses(client, fiona, edith, society_a, network):
    response = make_response(fiona, society_a, network=network, status="active", editor=edith)
    page = client.get(reverse("networks:detail", args=[network.slug]))
    assert response.title in page.content.decode()
