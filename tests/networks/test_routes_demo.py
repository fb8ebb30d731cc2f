import pytest

from core import demo as core_demo
from networks.demo_routes import load_routes_demo
from networks.models import ContactsVisibility, Route, SupportOffer

pytestmark = pytest.mark.django_db


def test_the_demo_has_five_real_routes_with_offers_some_stale_some_for_the_movement_only():
    core_demo.load()

    load_routes_demo()

    routes = Route.objects.filter(is_demo=True)
    assert set(routes.values_list("slug", flat=True)) >= {
        "central-mediterranean",
        "western-balkans",
        "americas-darien",
        "eastern-route",
        "atlantic-canary-islands",
    }
    darien = routes.get(slug="americas-darien")
    assert [stop.country_id for stop in darien.stops.all()][:3] == ["VEN", "COL", "PAN"]
    assert darien.localized("name", "ar") == "طريق الأمريكتين شمالًا عبر دارين"
    offers = SupportOffer.objects.filter(is_demo=True)
    assert offers.count() >= 40
    assert offers.stale().count() >= 5
    assert offers.filter(contacts_visibility=ContactsVisibility.MOVEMENT).count() >= 5
    route_countries = {stop.country_id for route in routes for stop in route.stops.all()}
    assert set(offers.values_list("country_id", flat=True)) <= route_countries


def test_loading_the_demo_twice_adds_nothing():
    core_demo.load()
    load_routes_demo()
    counts = (Route.objects.count(), SupportOffer.objects.count())

    load_routes_demo()

    assert (Route.objects.count(), SupportOffer.objects.count()) == counts
