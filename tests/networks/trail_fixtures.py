"""A small route for the trail's tests: Kenya (origin) → Greece (borders, camps) → Italy
(arrival, long-term stay), with offers of the three test societies and practices of Italy."""

import pytest

from core.audience import Visibility
from networks.models import ContactsVisibility, OfferStatus
from practices.models import Status
from tests.networks.routes_factories import RouteFactory, RouteStopFactory, SupportOfferFactory
from tests.practices.factories import make_practice

MOVEMENT_PHONE = "+39 06 4471 9999"
MOVEMENT_EMAIL = "movement-only@example.org"


@pytest.fixture(name="route")
def route_fixture(network):
    route = RouteFactory(
        slug="test-trail", name="Test trail", description="From Kenya to Italy.", networks=[network]
    )
    RouteStopFactory(route=route, position=1, country_id="KEN", steps=["origin"])
    RouteStopFactory(
        route=route,
        position=2,
        country_id="GRC",
        steps=["migrant-camps", "transition-at-borders"],
    )
    RouteStopFactory(route=route, position=3, country_id="ITA", steps=["arrival", "long-term-stay"])
    return route


@pytest.fixture(name="offers")
def offers_fixture(route, society_a, society_b, society_c):
    return {
        "desk": SupportOfferFactory(
            society=society_a,
            name="Arrival help desk",
            steps=["arrival"],
            support_types=["assistance"],
            target_groups=["children"],
            languages=["en", "ar"],
        ),
        "legal": SupportOfferFactory(
            society=society_a,
            name="Legal counselling",
            steps=["arrival", "long-term-stay"],
            support_types=["protection"],
            languages=["it", "fr"],
            phone=MOVEMENT_PHONE,
            email=MOVEMENT_EMAIL,
            contacts_visibility=ContactsVisibility.MOVEMENT,
        ),
        "camp": SupportOfferFactory(
            society=society_c,
            name="Camp health post",
            steps=["migrant-camps"],
            support_types=["assistance"],
            languages=["el", "ar"],
        ),
        "hotline": SupportOfferFactory(
            society=society_b,
            name="Safe journey hotline",
            steps=["across-the-trail"],
            support_types=["awareness-raising"],
            languages=["sw", "en"],
        ),
        "members-only": SupportOfferFactory(
            society=society_a,
            name="Members' shelter list",
            steps=["arrival"],
            support_types=["assistance"],
            visibility=Visibility.MOVEMENT,
        ),
        "closed": SupportOfferFactory(
            society=society_a,
            name="Closed winter shelter",
            steps=["arrival"],
            support_types=["assistance"],
            status=OfferStatus.TEMPORARILY_CLOSED,
        ),
    }


@pytest.fixture(name="italian_practices")
def italian_practices_fixture(alice, edith, society_a):
    return [
        make_practice(alice, society_a, status=Status.PUBLISHED, editor=edith, steps=["arrival"]),
        make_practice(
            alice,
            society_a,
            status=Status.PUBLISHED,
            editor=edith,
            steps=["arrival", "across-the-trail"],
        ),
        make_practice(alice, society_a, steps=["arrival"]),  # a draft: counted for nobody
    ]
