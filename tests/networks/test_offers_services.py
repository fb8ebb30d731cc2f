import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.models import Notification
from networks.models import OfferStatus, SupportOffer
from networks.services import offers
from tests.networks.routes_factories import SupportOfferFactory

pytestmark = pytest.mark.django_db

OFFER = {
    "name": "Help desk at the port",
    "country": "ITA",
    "steps": ["arrival"],
    "support_types": ["assistance", "protection"],
    "languages": ["ar", "en", "ti"],
    "phone": "+39 091 123",
}


def test_fiona_adds_an_offer_confirmed_by_her_today(society_a, fiona):
    offer = offers.create_offer(actor=fiona, society=society_a, data=OFFER)

    assert offer.society == society_a
    assert offer.confirmed_by == fiona
    assert offer.last_confirmed_on == timezone.localdate()
    assert offer.languages == ["ar", "en", "ti"]


def test_bob_cannot_add_an_offer_of_society_a(society_a, bob):
    with pytest.raises(PermissionDenied):
        offers.create_offer(actor=bob, society=society_a, data=OFFER)
    assert not SupportOffer.objects.exists()


def test_bob_cannot_edit_alices_offer(society_a, bob):
    offer = SupportOfferFactory(society=society_a)

    with pytest.raises(PermissionDenied):
        offers.update_offer(offer=offer, actor=bob, data={"name": "Taken over"})
    with pytest.raises(PermissionDenied):
        offers.confirm_offer(offer=offer, actor=bob)
    with pytest.raises(PermissionDenied):
        offers.change_offer_status(offer=offer, actor=bob, status=OfferStatus.ENDED)


def test_edith_edits_any_societys_offer(society_b, edith):
    offer = SupportOfferFactory(society=society_b)

    offers.update_offer(offer=offer, actor=edith, data={"place": "Nairobi"})

    assert SupportOffer.objects.get(pk=offer.pk).place == "Nairobi"


def test_unknown_codes_are_refused_naming_each_field(society_a, alice):
    data = {
        **OFFER,
        "country": "XXX",
        "steps": ["nowhere"],
        "support_types": ["magic"],
        "languages": ["klingon"],
        "target_groups": ["martians"],
    }

    with pytest.raises(ValidationError) as refused:
        offers.create_offer(actor=alice, society=society_a, data=data)

    assert set(refused.value.message_dict) == {
        "country",
        "steps",
        "support_types",
        "languages",
        "target_groups",
    }


def test_an_offer_without_any_way_to_reach_it_is_refused(society_a, alice):
    data = {key: value for key, value in OFFER.items() if key != "phone"}

    with pytest.raises(ValidationError) as refused:
        offers.create_offer(actor=alice, society=society_a, data=data)

    assert (
        "a phone, an email, a web address or an address" in refused.value.message_dict["phone"][0]
    )


def test_emptying_the_last_contact_of_an_offer_is_refused(society_a, alice):
    offer = SupportOfferFactory(society=society_a, email="")

    with pytest.raises(ValidationError) as refused:
        offers.update_offer(offer=offer, actor=alice, data={"phone": ""})

    assert "email" in refused.value.message_dict


def test_alice_confirms_a_stale_offer_and_it_is_fresh_again(society_a, alice, fiona):
    offer = SupportOfferFactory(
        society=society_a, last_confirmed_on=timezone.localdate() - datetime.timedelta(days=400)
    )
    assert offers.remind_stale_offers() == 1
    assert Notification.objects.filter(recipient=fiona, read_at__isnull=True).count() == 1

    offers.confirm_offer(offer=offer, actor=alice)

    offer.refresh_from_db()
    assert not offer.is_stale()
    assert offer.confirmed_by == alice
    assert not SupportOffer.objects.stale().exists()
    # The reminder is done with: it leaves fiona's unread notifications.
    assert not Notification.objects.filter(recipient=fiona, read_at__isnull=True).exists()


def test_a_stale_offer_reminds_the_focal_points_once_per_lapse(society_a, alice, fiona):
    SupportOfferFactory(
        society=society_a, last_confirmed_on=timezone.localdate() - datetime.timedelta(days=200)
    )

    assert offers.remind_stale_offers() == 1
    assert offers.remind_stale_offers() == 0

    reminders = Notification.objects.filter(kind="offer-stale")
    assert [notification.recipient for notification in reminders] == [fiona]
