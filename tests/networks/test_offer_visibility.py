import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.audience import Visibility
from networks.models import ContactsVisibility, OfferStatus, SupportOffer
from networks.permissions import (
    can_edit_offer,
    can_edit_route,
    can_see_offer_contacts,
    offer_contacts,
)
from tests.networks.routes_factories import RouteFactory, RouteStopFactory, SupportOfferFactory

pytestmark = pytest.mark.django_db


def test_a_visitor_sees_public_offers_but_not_movement_or_ended_ones(society_a):
    public = SupportOfferFactory(society=society_a)
    SupportOfferFactory(society=society_a, visibility=Visibility.MOVEMENT)
    SupportOfferFactory(society=society_a, status=OfferStatus.ENDED)

    assert list(SupportOffer.objects.visible_to(AnonymousUser())) == [public]


def test_bob_sees_movement_offers_of_society_a_but_not_ifrc_ones(society_a, bob):
    movement = SupportOfferFactory(society=society_a, visibility=Visibility.MOVEMENT)
    SupportOfferFactory(society=society_a, visibility=Visibility.IFRC)

    assert list(SupportOffer.objects.visible_to(bob)) == [movement]


def test_alice_sees_every_offer_of_her_society_ended_ones_too(society_a, alice):
    ended = SupportOfferFactory(society=society_a, status=OfferStatus.ENDED)
    ifrc = SupportOfferFactory(society=society_a, visibility=Visibility.IFRC)

    assert set(SupportOffer.objects.visible_to(alice)) == {ended, ifrc}


def test_bob_cannot_edit_society_as_offer_and_alice_fiona_and_edith_can(
    society_a, alice, fiona, bob, edith
):
    offer = SupportOfferFactory(society=society_a)

    assert not can_edit_offer(bob, offer)
    assert can_edit_offer(alice, offer)
    assert can_edit_offer(fiona, offer)
    assert can_edit_offer(edith, offer)


def test_movement_only_contacts_are_hidden_from_a_visitor_and_shown_to_bob(society_a, bob):
    offer = SupportOfferFactory(society=society_a, contacts_visibility=ContactsVisibility.MOVEMENT)

    assert not can_see_offer_contacts(AnonymousUser(), offer)
    assert offer_contacts(AnonymousUser(), offer) == {
        "phone": "",
        "email": "",
        "website": "",
        "address": "",
    }
    assert offer_contacts(bob, offer)["phone"] == "+39 06 5510"


def test_stale_offers_are_those_confirmed_longer_ago_than_the_setting(society_a, settings):
    settings.OFFER_STALE_AFTER_DAYS = 30
    today = timezone.localdate()
    stale = SupportOfferFactory(
        society=society_a, last_confirmed_on=today - datetime.timedelta(days=31)
    )
    SupportOfferFactory(society=society_a, last_confirmed_on=today - datetime.timedelta(days=29))
    SupportOfferFactory(
        society=society_a,
        status=OfferStatus.ENDED,
        last_confirmed_on=today - datetime.timedelta(days=400),
    )

    assert list(SupportOffer.objects.stale()) == [stale]
    assert stale.is_stale()


def test_an_offer_without_any_way_to_reach_it_is_refused_by_the_database(society_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        SupportOfferFactory(society=society_a, phone="", email="")


def test_a_stop_without_steps_is_refused_by_the_database(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        RouteStopFactory(steps=[])


def test_a_stop_cannot_carry_across_the_trail(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        RouteStopFactory(steps=["arrival", "across-the-trail"])


def test_nadia_edits_the_routes_of_her_network_only(network, nadia, edith, bob):
    hers = RouteFactory(networks=[network])
    other = RouteFactory()

    assert can_edit_route(nadia, hers)
    assert not can_edit_route(nadia, other)
    assert not can_edit_route(bob, hers)
    assert can_edit_route(edith, other)
