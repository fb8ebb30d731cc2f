import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from networks.models import ContactsVisibility, SupportOffer
from tests.conftest import login
from tests.networks.routes_factories import SupportOfferFactory

pytestmark = pytest.mark.django_db

OFFERS = reverse("networks:offer-list")
NEW_OFFER = reverse("networks:offer-create")

FORM = {
    "name": "Help desk at the port",
    "country": "ITA",
    "place": "Palermo",
    "steps": ["arrival"],
    "support_types": ["assistance"],
    "languages": ["ar", "en"],
    "phone": "+39 091 123",
    "visibility": "public",
    "contacts_visibility": "public",
    "free_of_charge": "on",
}


def test_fiona_adds_an_offer_through_the_form(client, fiona):
    login(client, fiona)

    response = client.post(NEW_OFFER, FORM)

    offer = SupportOffer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == offer.get_absolute_url()
    assert offer.society.country_id == "ITA"
    assert offer.place == "Palermo"


def test_an_offer_without_any_way_to_reach_it_re_shows_the_form_with_what_was_typed(client, fiona):
    login(client, fiona)

    response = client.post(NEW_OFFER, {**FORM, "phone": ""})

    assert response.status_code == 400
    page = response.content.decode()
    assert "a phone, an email, a web address or an address" in page
    assert 'value="Palermo"' in page
    assert not SupportOffer.objects.exists()


def test_a_nul_byte_in_the_form_is_a_400_not_a_500(client, fiona):
    login(client, fiona)

    response = client.post(NEW_OFFER, {**FORM, "name": "Help\x00desk"})

    assert response.status_code == 400


def test_bob_cannot_edit_society_as_offer_page(client, bob, society_a):
    offer = SupportOfferFactory(society=society_a)
    login(client, bob)

    response = client.post(reverse("networks:offer-edit", args=[offer.pk]), FORM)

    assert response.status_code == 403
    assert SupportOffer.objects.get().name == offer.name


def test_bob_cannot_confirm_society_as_offer(client, bob, society_a):
    old = timezone.localdate() - datetime.timedelta(days=300)
    offer = SupportOfferFactory(society=society_a, last_confirmed_on=old)
    login(client, bob)

    response = client.post(reverse("networks:offer-confirm", args=[offer.pk]))

    assert response.status_code == 403
    assert SupportOffer.objects.get().last_confirmed_on == old


def test_alice_confirms_a_stale_offer_with_one_click(client, alice, society_a):
    old = timezone.localdate() - datetime.timedelta(days=300)
    offer = SupportOfferFactory(society=society_a, last_confirmed_on=old)
    login(client, alice)
    page = client.get(offer.get_absolute_url()).content.decode()
    assert "Not confirmed since" in page

    client.post(reverse("networks:offer-confirm", args=[offer.pk]))

    offer.refresh_from_db()
    assert offer.last_confirmed_on == timezone.localdate()
    assert "Not confirmed since" not in client.get(offer.get_absolute_url()).content.decode()


def test_a_visitor_does_not_see_movement_only_contacts_on_the_pages(client, bob, society_a):
    offer = SupportOfferFactory(
        society=society_a, contacts_visibility=ContactsVisibility.MOVEMENT, phone="+39 555 0101"
    )

    for url in (OFFERS, offer.get_absolute_url()):
        page = client.get(url).content.decode()
        assert offer.name in page
        assert "+39 555 0101" not in page

    login(client, bob)
    assert "+39 555 0101" in client.get(offer.get_absolute_url()).content.decode()


def test_the_offers_page_filters_on_language_and_stale(client, society_a):
    old = timezone.localdate() - datetime.timedelta(days=300)
    SupportOfferFactory(society=society_a, name="Tigrinya desk", languages=["ti"])
    SupportOfferFactory(society=society_a, name="Old desk", last_confirmed_on=old)

    by_language = client.get(OFFERS, {"language": "ti"}).content.decode()
    stale = client.get(OFFERS, {"stale": "true"}).content.decode()

    assert "Tigrinya desk" in by_language and "Old desk" not in by_language
    assert "Old desk" in stale and "Tigrinya desk" not in stale


def test_an_unknown_filter_code_is_a_400_page(client):
    response = client.get(OFFERS, {"step": "nowhere"})

    assert response.status_code == 400


@pytest.mark.parametrize("size", [3, 30])
def test_the_offers_page_runs_a_fixed_number_of_queries(
    client, society_a, society_b, size, django_assert_max_num_queries
):
    for number in range(size):
        SupportOfferFactory(society=society_a if number % 2 else society_b)

    with django_assert_max_num_queries(6):
        response = client.get(OFFERS)

    assert response.status_code == 200
