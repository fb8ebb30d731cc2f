"""The trail is built once per audience and kept until a table it reads is written: a write
shows in the very next request, and no reader is ever served what another audience sees."""

import pytest
from django.urls import reverse

from core.audience import Visibility
from networks.services import offers as offer_services
from practices.models import Status
from tests.conftest import login
from tests.networks.routes_factories import SupportOfferFactory
from tests.networks.trail_fixtures import (
    MOVEMENT_PHONE,
    offers_fixture,  # noqa: F401 (a fixture)
    route_fixture,  # noqa: F401
)
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


def trail_page(client, route, **query):
    response = client.get(reverse("networks:route-trail", args=[route.slug]), query)
    assert response.status_code == 200
    return response.content.decode()


def trail_json(client, route):
    response = client.get(reverse("api:route-trail", args=[route.slug]))
    assert response.status_code == 200
    return response.json()


def test_fionas_new_offer_is_on_the_visitors_trail_at_the_next_request(
    client, route, offers, fiona, society_a
):
    assert "Night shelter" not in trail_page(client, route)
    assert "Night shelter" not in str(trail_json(client, route))

    offer_services.create_offer(
        actor=fiona,
        society=society_a,
        data={
            "country": "ITA",
            "name": "Night shelter",
            "steps": ["arrival"],
            "support_types": ["assistance"],
            "languages": ["it"],
            "phone": "+39 06 0000 1111",
        },
    )

    assert "Night shelter" in trail_page(client, route)
    assert "Night shelter" in str(trail_json(client, route))


def test_an_offer_ended_by_a_bulk_update_leaves_the_trail_at_once(client, route, offers):
    assert "Camp health post" in trail_page(client, route)

    type(offers["camp"]).objects.filter(pk=offers["camp"].pk).update(status="ended")

    assert "Camp health post" not in trail_page(client, route)


def test_bob_warming_the_trail_shows_a_visitor_no_movement_contacts(client, route, offers, bob):
    login(client, bob)
    assert MOVEMENT_PHONE in trail_page(client, route)
    assert "Members&#x27; shelter list" in trail_page(client, route)

    client.logout()
    page = trail_page(client, route)

    assert MOVEMENT_PHONE not in page
    assert "Members&#x27; shelter list" not in page
    assert MOVEMENT_PHONE not in str(trail_json(client, route))


def test_a_visitor_after_edith_gets_no_gap_forms(client, route, offers, edith):
    ask = reverse("networks:route-ask-offers", args=[route.slug])
    login(client, edith)
    assert f'action="{ask}"' in trail_page(client, route)

    client.logout()
    assert f'action="{ask}"' not in trail_page(client, route)


def test_a_publish_counts_on_the_trail_in_the_next_request(
    client, route, offers, alice, edith, society_a
):
    before = trail_page(client, route, support_type="protection")

    make_practice(
        alice,
        society_a,
        status=Status.PUBLISHED,
        editor=edith,
        steps=["arrival"],
        countries=["ITA"],
    )

    after = trail_page(client, route, support_type="protection")
    assert after != before
    assert "1 published practice" in after


def test_each_language_has_its_own_trail(client, route, offers):
    english = trail_page(client, route)
    arabic = trail_page(client, route, lang="ar")

    assert "Stop 1: Kenya" in english
    assert "Stop 1: Kenya" not in arabic


def test_a_member_of_another_society_does_not_get_society_as_ifrc_only_offer(
    client, route, society_a, alice, bob
):
    SupportOfferFactory(
        society=society_a, name="Society-only desk", steps=["arrival"], visibility=Visibility.IFRC
    )
    login(client, alice)
    assert "Society-only desk" in trail_page(client, route)

    login(client, bob)
    assert "Society-only desk" not in trail_page(client, route)
