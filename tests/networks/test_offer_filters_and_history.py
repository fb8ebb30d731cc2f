"""The offers list filtered on several societies or languages (repeated values OR'ed, on the
page and the API), and an offer's history for those who edit it."""

import pytest
from django.urls import reverse

from networks.services import offers as services
from tests.conftest import login
from tests.networks.routes_factories import SupportOfferFactory

pytestmark = pytest.mark.django_db

OFFERS = reverse("networks:offer-list")
API = reverse("api:offer-list")


@pytest.fixture
def three_offers(society_a, society_b, society_c):
    return [
        SupportOfferFactory(society=society_a, name="Tigrinya desk", languages=["ti"]),
        SupportOfferFactory(society=society_b, name="Somali desk", languages=["so"]),
        SupportOfferFactory(society=society_c, name="English desk", languages=["en"]),
    ]


def test_a_visitor_filters_offers_on_two_languages_and_gets_either(client, three_offers):
    page = client.get(OFFERS, {"language": ["ti", "so"]})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Tigrinya desk" in text
    assert "Somali desk" in text
    assert "English desk" not in text
    assert '<option value="ti" selected>' in text
    assert '<option value="so" selected>' in text

    names = {
        offer["name"] for offer in client.get(API, {"language": ["ti", "so"]}).json()["results"]
    }
    assert names == {"Tigrinya desk", "Somali desk"}


def test_a_visitor_filters_offers_on_two_societies_repeated_or_with_a_comma(
    client, three_offers, society_a, society_b
):
    text = client.get(OFFERS, {"society": [society_a.slug, society_b.slug]}).content.decode()
    assert "Tigrinya desk" in text
    assert "Somali desk" in text
    assert "English desk" not in text
    assert 'name="society" multiple' in text

    for query in (
        {"society": [society_a.slug, society_b.slug]},
        {"society": f"{society_a.slug},{society_b.slug}"},
    ):
        body = client.get(API, query).json()
        assert {offer["name"] for offer in body["results"]} == {"Tigrinya desk", "Somali desk"}
    facets = client.get(API, {"society": [society_a.slug, society_b.slug]}).json()["facets"]
    assert {item["value"] for item in facets["society"]} == {society_a.slug, society_b.slug}


def test_alice_reads_the_history_of_her_societys_offer_with_its_edit(client, alice, society_a):
    offer = SupportOfferFactory(society=society_a, name="Help desk at the port")
    services.update_offer(offer=offer, actor=alice, data={"name": "Help desk at the harbour"})
    login(client, alice)
    assert (
        reverse("networks:offer-history", args=[offer.pk])
        in client.get(offer.get_absolute_url()).content.decode()
    )

    page = client.get(reverse("networks:offer-history", args=[offer.pk]))

    assert page.status_code == 200
    text = page.content.decode()
    assert "Edited" in text
    assert "Help desk at the port" in text
    assert "Help desk at the harbour" in text
    assert "Alice" in text


def test_bob_of_another_society_may_not_read_the_offers_history_but_edith_may(
    client, bob, edith, society_a
):
    offer = SupportOfferFactory(society=society_a)
    history = reverse("networks:offer-history", args=[offer.pk])
    login(client, bob)
    assert history not in client.get(offer.get_absolute_url()).content.decode()
    assert client.get(history).status_code == 403
    login(client, edith)
    assert client.get(history).status_code == 200


def test_a_visitor_is_sent_to_log_in_for_an_offers_history(client, society_a):
    offer = SupportOfferFactory(society=society_a)
    answer = client.get(reverse("networks:offer-history", args=[offer.pk]))
    assert answer.status_code == 302
