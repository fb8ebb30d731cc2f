"""/api/v1/responses/: the list with its facets and filters, the detail with its participants
and updates, and the writes with the same rules as the pages."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from core.models import Membership, Notification
from networks.models import Response, ResponseStatus
from networks.services.responses import secretariat
from tests.conftest import login
from tests.networks.response_factories import make_response, response_data

pytestmark = pytest.mark.django_db

RESPONSES = reverse("api:response-list")
TODAY = datetime.date.today().isoformat()


def url(response, name="response-detail"):
    return reverse(f"api:{name}", args=[response.pk])


def post(client, path, body=None):
    return client.post(path, body or {}, content_type="application/json")


@pytest.fixture
def bob_focal_point(bob, society_b):
    Membership.objects.filter(user=bob, society=society_b).update(role=Membership.Role.FOCAL_POINT)
    return bob


def api_body(**overrides):
    body = response_data(**overrides)
    body.pop("objectives")
    return body


# --- The flow the issue asks for, end to end --------------------------------------------------


def test_proposed_by_fiona_endorsed_by_edith_joined_by_society_b_with_an_update(
    client, fiona, edith, bob_focal_point, society_a, society_b
):
    login(client, fiona)
    proposed = post(client, RESPONSES, api_body(level="global"))
    assert proposed.status_code == 201, proposed.json()
    body = proposed.json()
    assert (body["status"], body["lead_society"]["slug"]) == ("proposed", society_a.slug)
    response = Response.objects.get(pk=body["id"])

    login(client, edith)
    endorsed = post(client, url(response, "response-endorse"))
    assert endorsed.status_code == 200
    assert endorsed.json()["status"] == "active"

    login(client, bob_focal_point)
    assert "join" in client.get(url(response)).json()["actions"]
    joined = post(client, url(response, "response-join"), {"note": "Our teams in Nairobi."})
    assert joined.status_code == 201, joined.json()
    waiting = [p for p in joined.json()["participants"] if p["society"]["slug"] == society_b.slug]
    assert waiting[0]["status"] == "requested"

    login(client, fiona)
    detail = client.get(url(response)).json()
    asking = [p for p in detail["participants"] if p["status"] == "requested"]
    assert asking[0]["actions"] == ["accept", "decline"]
    accepted = post(
        client,
        url(response, "response-answer"),
        {"society": society_b.slug, "decision": "accept"},
    )
    assert accepted.status_code == 200, accepted.json()

    login(client, bob_focal_point)
    update = post(
        client,
        url(response, "response-updates"),
        {"happened_on": TODAY, "body": "120 people reached at the border.", "people_reached": 120},
    )
    assert update.status_code == 201, update.json()
    assert update.json()["society"]["slug"] == society_b.slug

    client.logout()
    public = client.get(url(response)).json()
    assert [p["society"]["slug"] for p in public["participants"]] == [
        society_a.slug,
        society_b.slug,
    ]
    assert [u["body"] for u in public["updates"]] == ["120 people reached at the border."]
    # And on the page's timeline.
    page = client.get(response.get_absolute_url())
    assert "120 people reached at the border." in page.content.decode()

    # Each step told the people concerned, once each.
    told = Notification.objects.values_list("kind", "recipient__email")
    assert sorted(told) == sorted(
        [
            ("response-proposed", "edith@example.org"),
            ("response-decided", "fiona@example.org"),
            ("response-joining", "fiona@example.org"),
            ("response-joining", "bob@example.org"),
            ("response-updated", "fiona@example.org"),
        ]
    )


def test_bob_cannot_post_to_a_response_society_b_is_not_in(client, fiona, edith, bob, society_a):
    response = make_response(fiona, society_a, level="global", status="active", editor=edith)
    login(client, bob)
    answer = post(client, url(response, "response-updates"), {"happened_on": TODAY, "body": "x"})
    assert answer.status_code == 403
    assert not response.updates.exists()


def test_nadia_endorses_only_her_networks_regional_response(
    client, fiona, nadia, society_a, network
):
    regional = make_response(fiona, society_a, network=network)
    global_one = make_response(fiona, society_a, level="global")
    login(client, nadia)
    assert post(client, url(global_one, "response-endorse")).status_code == 404  # unseen
    assert post(client, url(regional, "response-endorse")).status_code == 200
    regional.refresh_from_db()
    assert regional.status == ResponseStatus.ACTIVE


def test_edith_endorses_a_global_response_and_a_second_time_is_a_409(
    client, fiona, edith, society_a
):
    response = make_response(fiona, society_a, level="global")
    login(client, edith)
    assert post(client, url(response, "response-endorse")).status_code == 200
    again = post(client, url(response, "response-endorse"))
    assert again.status_code == 409
    assert set(again.json()["errors"]) == {"status"}


def test_edith_launches_a_secretariat_response_inviting_society_a(client, edith, fiona, society_a):
    login(client, edith)
    answer = post(client, RESPONSES, api_body(level="global", invite=[society_a.slug]))
    assert answer.status_code == 201, answer.json()
    assert answer.json()["status"] == "active"
    assert answer.json()["lead_society"]["slug"] == secretariat().slug
    login(client, fiona)
    response = Response.objects.get(pk=answer.json()["id"])
    accepted = post(
        client, url(response, "response-answer"), {"society": society_a.slug, "decision": "accept"}
    )
    assert accepted.status_code == 200, accepted.json()


def test_alice_cannot_propose_and_a_visitor_is_asked_to_log_in(client, alice):
    assert post(client, RESPONSES, api_body()).status_code in (401, 403)
    login(client, alice)
    assert post(client, RESPONSES, api_body()).status_code == 403
    assert not Response.objects.exists()


# --- Bad input --------------------------------------------------------------------------------


def test_unknown_codes_are_a_400_naming_each_field(client, fiona):
    login(client, fiona)
    answer = post(
        client,
        RESPONSES,
        api_body(countries=["ITA", "ZZZ"], steps=["nowhere"], principles=["P42"], level="x"),
    )
    assert answer.status_code == 400
    body = answer.json()
    assert body["detail"]
    assert {"steps", "principles", "level"} <= set(body["errors"])
    assert not Response.objects.exists()


def test_an_unknown_country_is_a_400_from_the_service(client, fiona):
    login(client, fiona)
    answer = post(client, RESPONSES, api_body(countries=["ZZZ"]))
    assert answer.status_code == 400
    assert set(answer.json()["errors"]) == {"countries"}


def test_an_unknown_field_and_a_nul_byte_are_400s(client, fiona):
    login(client, fiona)
    unknown = post(client, RESPONSES, api_body(status="active"))
    assert unknown.status_code == 400
    assert unknown.json()["errors"] == {"status": ["Unknown field."]}
    nul = post(client, RESPONSES, api_body(title="Family\x00links"))
    assert nul.status_code == 400
    assert not Response.objects.exists()


def test_an_update_without_a_body_is_a_400_and_a_future_date_too(client, fiona, edith, society_a):
    response = make_response(fiona, society_a, level="global", status="active", editor=edith)
    login(client, fiona)
    empty = post(client, url(response, "response-updates"), {"happened_on": TODAY, "body": ""})
    assert empty.status_code == 400
    assert set(empty.json()["errors"]) == {"body"}
    future = post(
        client, url(response, "response-updates"), {"happened_on": "2999-01-01", "body": "Soon."}
    )
    assert future.status_code == 400
    assert set(future.json()["errors"]) == {"happened_on"}


def test_a_decline_without_a_note_is_a_400(client, fiona, edith, society_a):
    response = make_response(fiona, society_a, level="global")
    login(client, edith)
    answer = post(client, url(response, "response-decline"), {})
    assert answer.status_code == 400
    assert set(answer.json()["errors"]) == {"note"}


def test_giving_a_role_to_a_society_not_taking_part_is_refused(
    client, fiona, edith, bob_focal_point, society_a, society_b
):
    response = make_response(fiona, society_a, level="global", status="active", editor=edith)
    login(client, bob_focal_point)
    post(client, url(response, "response-join"))
    login(client, fiona)
    answer = post(
        client, url(response, "response-role"), {"society": society_b.slug, "role": "supporter"}
    )
    assert answer.status_code == 409
    assert set(answer.json()["errors"]) == {"status"}


# --- Lists: facets, filters, CSV, query counts ------------------------------------------------


def test_the_list_has_facets_and_filters_by_status_and_level(client, fiona, edith, society_a):
    make_response(fiona, society_a, level="global", status="active", editor=edith)
    make_response(fiona, society_a, level="bilateral", status="active", editor=edith)
    make_response(fiona, society_a)  # proposed: only its society and the editors see it
    body = client.get(RESPONSES, {"level": "global"}).json()
    assert body["count"] == 1
    status_facet = {item["value"]: item["count"] for item in body["facets"]["status"]}
    assert status_facet["active"] == 1
    assert client.get(RESPONSES).json()["count"] == 2
    login(client, fiona)
    assert client.get(RESPONSES).json()["count"] == 3
    assert client.get(RESPONSES, {"limit": 0}).json()["results"] == []


def test_unknown_filter_codes_are_a_400_naming_the_filter(client):
    answer = client.get(RESPONSES, {"status": "sleeping", "region": "atlantis"})
    assert answer.status_code == 400
    assert set(answer.json()["errors"]) == {"status", "region"}


def test_filters_by_society_taking_part_and_by_network(
    client, fiona, edith, bob_focal_point, society_a, society_b, network
):
    joined = make_response(fiona, society_a, level="global", status="active", editor=edith)
    other = make_response(fiona, society_a, network=network, status="active", editor=edith)
    login(client, bob_focal_point)
    post(client, url(joined, "response-join"))
    login(client, fiona)
    post(client, url(joined, "response-answer"), {"society": society_b.slug, "decision": "accept"})
    client.logout()
    by_society = client.get(RESPONSES, {"society": society_b.slug}).json()
    assert [row["id"] for row in by_society["results"]] == [joined.pk]
    by_network = client.get(RESPONSES, {"network": network.slug}).json()
    assert [row["id"] for row in by_network["results"]] == [other.pk]


def test_the_csv_export_has_an_hxl_row(client, fiona, edith, society_a):
    make_response(fiona, society_a, level="global", status="active", editor=edith)
    answer = client.get(RESPONSES, {"format": "csv", "hxl": 1})
    assert answer.status_code == 200
    text = b"".join(answer.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:2] == ["id", "title"]
    assert rows[1][:2] == ["#meta+id", "#activity+name"]
    assert rows[2][1] == "Restoring family links along the Central Mediterranean"


@pytest.mark.parametrize("size", [3, 12])
def test_the_list_runs_the_same_queries_whatever_its_size(
    client, fiona, edith, society_a, network, size, django_assert_max_num_queries
):
    for _ in range(size):
        make_response(fiona, society_a, network=network, status="active", editor=edith)
    login(client, fiona)
    with django_assert_max_num_queries(8):
        answer = client.get(RESPONSES, {"limit": 100})
    assert answer.json()["count"] == size


@pytest.mark.parametrize("updates", [1, 8])
def test_the_detail_runs_the_same_queries_whatever_its_timeline(
    client, fiona, edith, society_a, updates, django_assert_max_num_queries
):
    from networks.services import responses as services

    response = make_response(fiona, society_a, level="global", status="active", editor=edith)
    for number in range(updates):
        services.post_update(
            response=response,
            actor=fiona,
            data={"happened_on": datetime.date.today(), "body": f"Update {number}"},
        )
    with django_assert_max_num_queries(12):
        answer = client.get(url(response))
    assert len(answer.json()["updates"]) == updates


def test_ediths_launch_inviting_an_unknown_society_is_a_400_and_launches_nothing(client, edith):
    login(client, edith)
    answer = post(client, RESPONSES, api_body(level="global", invite=["atlantis-red-cross"]))
    assert answer.status_code == 400
    assert set(answer.json()["errors"]) == {"invite"}
    assert not Response.objects.exists()
