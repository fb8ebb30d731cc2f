import pytest
from django.urls import reverse

from networks.models import Route
from tests.conftest import login
from tests.networks.routes_factories import RouteFactory, RouteStopFactory, SupportOfferFactory

pytestmark = pytest.mark.django_db

ROUTES = reverse("api:route-list")
STOPS = [
    {"country": "LBY", "steps": ["transition-at-borders"]},
    {"country": "ITA", "steps": ["arrival", "long-term-stay"]},
]


def test_a_visitor_reads_a_route_with_its_stops_in_order(client):
    route = RouteFactory(slug="central-mediterranean")
    RouteStopFactory(route=route, position=2, country_id="ITA")
    RouteStopFactory(route=route, position=1, country_id="LBY")

    body = client.get(reverse("api:route-detail", args=[route.slug])).json()

    assert [stop["country"] for stop in body["stops"]] == ["LBY", "ITA"]
    assert body["stops"][1]["country_name"] == "Italy"


def test_nadia_creates_a_route_of_her_network_through_the_api(client, nadia, network):
    login(client, nadia)

    response = client.post(
        ROUTES,
        {"name": "Sea crossing", "networks": [network.slug], "stops": STOPS},
        content_type="application/json",
    )

    assert response.status_code == 201, response.json()
    assert response.json()["networks"] == [network.slug]


def test_nadia_cannot_edit_a_route_outside_her_network_through_the_api(client, nadia, network):
    route = RouteFactory()
    login(client, nadia)

    response = client.patch(
        reverse("api:route-detail", args=[route.slug]),
        {"name": "Mine"},
        content_type="application/json",
    )

    assert response.status_code == 403
    assert Route.objects.get().name == route.name


def test_bob_cannot_create_a_route_through_the_api(client, bob):
    login(client, bob)

    response = client.post(ROUTES, {"name": "Anywhere"}, content_type="application/json")

    assert response.status_code == 403


def test_the_same_country_twice_in_a_row_is_a_400_naming_the_stop(client, edith):
    login(client, edith)

    response = client.post(
        ROUTES,
        {"name": "Loop", "stops": [STOPS[1], STOPS[1]]},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "Stop 2" in response.json()["errors"]["stops"][0]


def test_a_stop_without_steps_is_a_400(client, edith):
    login(client, edith)

    response = client.post(
        ROUTES,
        {"name": "Empty", "stops": [{"country": "ITA", "steps": []}]},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert not Route.objects.exists()


def test_edith_adds_a_route_through_the_form(client, edith):
    login(client, edith)
    data = {
        "name": "Western Balkans",
        "slug": "",
        "description": "",
        "stops-TOTAL_FORMS": "3",
        "stops-INITIAL_FORMS": "0",
        "stops-0-country": "GRC",
        "stops-0-steps": ["arrival"],
        "stops-1-country": "MKD",
        "stops-1-steps": ["transition-at-borders"],
        "stops-2-country": "",
    }

    response = client.post(reverse("networks:route-create"), data)

    route = Route.objects.get()
    assert response.status_code == 302
    assert [stop.country_id for stop in route.stops.all()] == ["GRC", "MKD"]


def test_a_stop_without_steps_re_shows_the_route_form_with_what_was_typed(client, edith):
    login(client, edith)
    data = {
        "name": "Western Balkans",
        "stops-TOTAL_FORMS": "2",
        "stops-INITIAL_FORMS": "0",
        "stops-0-country": "GRC",
        "stops-0-steps": ["arrival"],
        "stops-1-country": "MKD",
    }

    response = client.post(reverse("networks:route-create"), data)

    page = response.content.decode()
    assert response.status_code == 400
    assert "Stop 2: choose at least one step of the trail." in page
    assert 'value="Western Balkans"' in page
    assert not Route.objects.exists()


def test_nadia_edits_her_networks_route_but_not_another(client, nadia, network):
    hers = RouteFactory(networks=[network])
    other = RouteFactory()
    login(client, nadia)

    assert client.get(reverse("networks:route-edit", args=[hers.slug])).status_code == 200
    assert client.get(reverse("networks:route-edit", args=[other.slug])).status_code == 403


@pytest.mark.parametrize("size", [2, 12])
def test_the_route_list_runs_a_fixed_number_of_queries(client, size, django_assert_max_num_queries):
    for _number in range(size):
        route = RouteFactory()
        RouteStopFactory(route=route, position=1, country_id="LBY")
        RouteStopFactory(route=route, position=2, country_id="ITA")

    with django_assert_max_num_queries(5):
        assert client.get(reverse("networks:route-list")).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(ROUTES).status_code == 200


def test_a_networks_page_lists_its_routes_and_a_societys_page_its_offers(
    client, network, society_a
):
    RouteFactory(name="Sea crossing", networks=[network])
    SupportOfferFactory(society=society_a)

    assert "Sea crossing" in client.get(network.get_absolute_url()).content.decode()
    society_page = client.get(society_a.get_absolute_url()).content.decode()
    assert "1 offer of this society" in society_page
