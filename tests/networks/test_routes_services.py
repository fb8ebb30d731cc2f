import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from networks.models import Route
from networks.services import routes
from tests.networks.factories import NetworkFactory
from tests.networks.routes_factories import RouteFactory

pytestmark = pytest.mark.django_db

STOPS = [
    {"country": "LBY", "steps": ["transition-at-borders", "migrant-camps"]},
    {"country": "ITA", "steps": ["arrival"]},
    {"country": "DEU", "steps": ["long-term-stay"]},
]


def test_edith_creates_a_route_with_its_stops_in_order(edith):
    route = routes.create_route(actor=edith, data={"name": "Central Mediterranean", "stops": STOPS})

    assert route.slug == "central-mediterranean"
    assert [(stop.position, stop.country_id) for stop in route.stops.all()] == [
        (1, "LBY"),
        (2, "ITA"),
        (3, "DEU"),
    ]


def test_nadia_creates_a_route_of_her_network(nadia, network):
    route = routes.create_route(
        actor=nadia, data={"name": "Sea crossing", "networks": [network], "stops": STOPS}
    )

    assert list(route.networks.all()) == [network]


def test_nadia_cannot_link_a_route_to_a_network_she_does_not_coordinate(nadia, network):
    other = NetworkFactory(slug="sahel", name="Sahel Network", kind="regional")

    with pytest.raises(ValidationError) as refused:
        routes.create_route(actor=nadia, data={"name": "Sahel", "networks": [other]})

    assert "networks" in refused.value.message_dict


def test_nadia_cannot_edit_a_route_of_no_network_of_hers(nadia, network):
    route = RouteFactory()

    with pytest.raises(PermissionDenied):
        routes.update_route(route=route, actor=nadia, data={"name": "Mine now"})


def test_bob_cannot_create_a_route(bob):
    with pytest.raises(PermissionDenied):
        routes.create_route(actor=bob, data={"name": "Anywhere"})
    assert not Route.objects.exists()


@pytest.mark.parametrize(
    "stops, message",
    [
        ([{"country": "ITA", "steps": []}], "Stop 1: choose at least one step"),
        ([{"country": "ITA", "steps": ["somewhere"]}], "Stop 1: unknown code: somewhere"),
        ([{"country": "QQQ", "steps": ["arrival"]}], "Stop 1: unknown ISO 3166 alpha-3 code"),
        ([{"country": "ITA", "steps": ["across-the-trail"]}], "belongs to the whole route"),
        (
            [{"country": "ITA", "steps": ["arrival"]}, {"country": "ITA", "steps": ["return"]}],
            "Stop 2: the same country as the stop before it",
        ),
    ],
)
def test_bad_stops_are_refused_naming_the_stop(edith, stops, message):
    with pytest.raises(ValidationError) as refused:
        routes.create_route(actor=edith, data={"name": "Bad", "stops": stops})

    assert any(message in text for text in refused.value.message_dict["stops"])
    assert not Route.objects.exists()


def test_editing_the_stops_replaces_them_in_the_order_given(edith, nadia, network):
    route = routes.create_route(
        actor=nadia, data={"name": "Sea crossing", "networks": [network], "stops": STOPS}
    )

    routes.update_route(route=route, actor=nadia, data={"stops": list(reversed(STOPS))})

    assert [stop.country_id for stop in route.stops.all()] == ["DEU", "ITA", "LBY"]
