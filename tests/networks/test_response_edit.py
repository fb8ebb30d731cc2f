"""Editing a response, on its page and through PATCH /api/v1/responses/{id}/: the lead
society's members and the editors while it is open, the editors alone once it is closed; bad
input keeps what was typed and names the field."""

import pytest
from django.urls import reverse

from networks.models import Response, ResponseStatus
from networks.services import responses as services
from tests.conftest import login
from tests.networks.response_factories import make_response
from tests.networks.routes_factories import RouteFactory

pytestmark = pytest.mark.django_db


def edit_url(response):
    return reverse("networks:response_edit", args=[response.pk])


def api_url(response):
    return reverse("api:response-detail", args=[response.pk])


def patch(client, response, body):
    return client.patch(api_url(response), body, content_type="application/json")


@pytest.fixture
def active(fiona, edith, society_a):
    return make_response(fiona, society_a, level="global", status="active", editor=edith)


def form_data(response, **overrides):
    data = {
        "title": response.title,
        "summary": response.summary,
        "objectives": response.objectives,
        "level": response.level,
        "network": response.network_id or "",
        "route": response.route_id or "",
        "countries": response.countries,
        "steps": response.steps,
        "support_types": response.support_types,
        "principles": response.principles,
        "start_date": "",
        "end_date": "",
        "visibility": response.visibility,
        "contact_email": response.contact_email,
    }
    data.update(overrides)
    return data


# --- The page -----------------------------------------------------------------------------------


def test_fiona_edits_the_title_of_the_response_her_society_leads(client, fiona, active):
    login(client, fiona)
    page = client.get(active.get_absolute_url()).content.decode()
    assert edit_url(active) in page
    form = client.get(edit_url(active))
    assert form.status_code == 200
    assert f'value="{active.title}"' in form.content.decode()

    answer = client.post(edit_url(active), form_data(active, title="Family links, 2027"))

    assert answer.status_code == 302
    assert "Family links, 2027" in client.get(active.get_absolute_url()).content.decode()
    active.refresh_from_db()
    assert active.status == ResponseStatus.ACTIVE


def test_bob_of_another_society_may_not_edit_it_on_the_page_nor_through_the_api(
    client, bob, active
):
    login(client, bob)
    assert edit_url(active) not in client.get(active.get_absolute_url()).content.decode()
    assert client.get(edit_url(active)).status_code == 403
    assert client.post(edit_url(active), form_data(active, title="Mine")).status_code == 403
    assert patch(client, active, {"title": "Mine"}).status_code == 403
    active.refresh_from_db()
    assert active.title != "Mine"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": "Family\x00links"}, "title"),
        ({"start_date": "2026-05-01", "end_date": "2026-04-01"}, "end_date"),
        ({"steps": ["no-such-step"]}, "steps"),
        ({"countries": ["XXX"]}, "countries"),
    ],
)
def test_bad_input_on_the_edit_page_is_a_400_that_keeps_what_fiona_typed(
    client, fiona, active, overrides, field
):
    login(client, fiona)
    typed = form_data(active, summary="A summary typed again.", **overrides)

    answer = client.post(edit_url(active), typed)

    assert answer.status_code == 400
    assert answer.context["form"].errors[field]
    assert "A summary typed again." in answer.content.decode()
    active.refresh_from_db()
    assert active.summary != "A summary typed again."


def test_the_edit_is_in_the_history_for_editors(client, fiona, edith, active):
    services.update_response(response=active, actor=fiona, data={"title": "Family links, 2027"})
    login(client, edith)
    page = client.get(reverse("networks:response_history", args=[active.pk])).content.decode()
    assert "Edited" in page
    assert "Family links, 2027" in page


def test_a_closed_response_is_corrected_by_edith_and_not_by_fiona(client, fiona, edith, society_a):
    closed = make_response(fiona, society_a, level="global", status="closed", editor=edith)
    login(client, fiona)
    assert edit_url(closed) not in client.get(closed.get_absolute_url()).content.decode()
    assert client.get(edit_url(closed)).status_code == 403
    assert patch(client, closed, {"title": "Rewritten"}).status_code == 403
    login(client, edith)
    answer = patch(client, closed, {"title": "Corrected"})
    assert answer.status_code == 200
    assert answer.json()["title"] == "Corrected"
    assert answer.json()["status"] == "closed"


def test_once_endorsed_fiona_does_not_change_its_level_but_edith_does(client, fiona, edith, active):
    login(client, fiona)
    answer = client.post(edit_url(active), form_data(active, level="bilateral"))
    assert answer.status_code == 400
    assert answer.context["form"].errors["level"]
    login(client, edith)
    assert patch(client, active, {"level": "bilateral"}).status_code == 200
    assert Response.objects.get(pk=active.pk).level == "bilateral"


def test_alice_a_member_of_the_lead_society_edits_it_too(client, alice, active):
    login(client, alice)
    assert client.get(edit_url(active)).status_code == 200
    assert patch(client, active, {"summary": "Tracing at each landing."}).status_code == 200


# --- The API ------------------------------------------------------------------------------------


def test_fiona_patches_the_title_and_the_rest_stays(client, fiona, active):
    login(client, fiona)
    answer = patch(client, active, {"title": "Family links, 2027"})
    assert answer.status_code == 200
    body = answer.json()
    assert body["title"] == "Family links, 2027"
    assert body["countries"] == active.countries
    assert body["summary"] == active.summary


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "Family\x00links"}, "title"),
        ({"start_date": "2026-05-01", "end_date": "2026-04-01"}, "end_date"),
        ({"steps": ["no-such-step"]}, "steps"),
        ({"society": "kenya-red-cross"}, "society"),
    ],
)
def test_bad_input_through_the_api_is_a_400_naming_the_field(client, fiona, active, body, field):
    login(client, fiona)
    answer = patch(client, active, body)
    assert answer.status_code == 400
    assert field in answer.json()["errors"]


# --- The route ----------------------------------------------------------------------------------


def test_the_response_page_links_to_its_routes_trail(client, fiona, edith, society_a):
    route = RouteFactory()
    response = make_response(
        fiona, society_a, level="global", status="active", editor=edith, route=route
    )
    page = client.get(response.get_absolute_url()).content.decode()
    assert reverse("networks:route-trail", args=[route.slug]) in page
