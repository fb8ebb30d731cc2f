import csv
import datetime
import io
import re
import uuid

import hxl
import pytest
from django.urls import reverse
from django.utils import timezone

from core.audience import Visibility
from networks.models import ContactsVisibility, OfferStatus, SupportOffer
from tests.conftest import login
from tests.networks.routes_factories import SupportOfferFactory

pytestmark = pytest.mark.django_db

OFFERS = reverse("api:offer-list")
BODY = {
    "name": "Help desk at the port",
    "country": "ITA",
    "steps": ["arrival"],
    "support_types": ["assistance"],
    "languages": ["ar", "en"],
    "email": "desk@example.org",
}


def offer_url(offer, name="offer-detail"):
    return reverse(f"api:{name}", args=[offer.pk])


def read_csv(response) -> list[list[str]]:
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:])))


def test_fiona_adds_an_offer_through_the_api(client, fiona):
    login(client, fiona)

    response = client.post(OFFERS, BODY, content_type="application/json")

    assert response.status_code == 201, response.json()
    assert response.json()["society"]["slug"] == SupportOffer.objects.get().society.slug


def test_bob_cannot_write_society_as_offers_through_the_api(client, bob, society_a):
    offer = SupportOfferFactory(society=society_a)
    login(client, bob)

    patched = client.patch(offer_url(offer), {"name": "Ours"}, content_type="application/json")
    confirmed = client.post(offer_url(offer, "offer-confirm"))
    created = client.post(
        OFFERS, {**BODY, "society": society_a.slug}, content_type="application/json"
    )

    assert patched.status_code == 403
    assert confirmed.status_code == 403
    assert created.status_code == 403
    assert SupportOffer.objects.get().name == offer.name


def test_unknown_codes_and_no_way_to_reach_are_400s_naming_the_fields(client, alice):
    login(client, alice)

    unknown = client.post(
        OFFERS, {**BODY, "steps": ["nowhere"], "languages": ["xx"]}, content_type="application/json"
    )
    unreachable = client.post(OFFERS, {**BODY, "email": ""}, content_type="application/json")

    assert unknown.status_code == 400
    assert set(unknown.json()["errors"]) >= {"steps", "languages"}
    assert unreachable.status_code == 400
    assert "a phone, an email" in unreachable.json()["errors"]["phone"][0]


def test_a_nul_byte_is_a_400(client, alice):
    login(client, alice)

    response = client.post(OFFERS, {**BODY, "name": "a\x00b"}, content_type="application/json")

    assert response.status_code == 400


def test_the_list_filters_and_counts_facets(client, society_a, society_b):
    SupportOfferFactory(society=society_a, steps=["arrival"], languages=["ti"])
    SupportOfferFactory(society=society_b, steps=["origin"], support_types=["protection"])

    body = client.get(OFFERS, {"step": "arrival"}).json()

    assert body["count"] == 1
    facets = body["facets"]
    assert {"value": "ti", "label": "Tigrinya", "count": 1} in facets["language"]
    assert [item["value"] for item in facets["society"]] == [society_a.slug]
    counts = {item["value"]: item["count"] for item in facets["support_type"]}
    assert counts["assistance"] == 1 and counts["protection"] == 0


def test_the_list_filters_on_stale_and_status(client, society_a):
    old = timezone.localdate() - datetime.timedelta(days=365)
    stale = SupportOfferFactory(society=society_a, last_confirmed_on=old)
    closed = SupportOfferFactory(society=society_a, status=OfferStatus.TEMPORARILY_CLOSED)

    assert [row["id"] for row in client.get(OFFERS, {"stale": "true"}).json()["results"]] == [
        stale.pk
    ]
    by_status = client.get(OFFERS, {"status": "temporarily-closed"}).json()["results"]
    assert [row["id"] for row in by_status] == [closed.pk]


def test_a_search_finds_offers_by_their_words(client, society_a):
    SupportOfferFactory(society=society_a, name="Family links desk")
    SupportOfferFactory(society=society_a, name="Cash assistance")

    results = client.get(OFFERS, {"q": "family -cash"}).json()["results"]

    assert [row["name"] for row in results] == ["Family links desk"]


def test_movement_only_contacts_are_hidden_from_a_visitor_in_json_csv_hxl_and_hsds(
    client, bob, society_a
):
    SupportOfferFactory(
        society=society_a,
        contacts_visibility=ContactsVisibility.MOVEMENT,
        phone="+39 555 0101",
        email="secret@example.org",
    )

    json_body = client.get(OFFERS).content.decode()
    csv_body = b"".join(client.get(OFFERS, {"format": "csv"}).streaming_content).decode()
    hxl_body = b"".join(
        client.get(OFFERS, {"format": "csv", "hxl": "1"}).streaming_content
    ).decode()
    hsds_body = client.get(OFFERS, {"format": "hsds"}).content.decode()
    for body in (json_body, csv_body, hxl_body, hsds_body):
        assert "+39 555 0101" not in body
        assert "secret@example.org" not in body

    login(client, bob)
    assert "+39 555 0101" in client.get(OFFERS, {"format": "hsds"}).content.decode()


def test_the_csv_export_starts_with_a_bom_and_has_one_row_per_offer(client, society_a):
    SupportOfferFactory(society=society_a, name="=cmd|calc")
    SupportOfferFactory(society=society_a)

    rows = read_csv(client.get(OFFERS, {"format": "csv"}))

    assert rows[0][:3] == ["id", "url", "name"]
    assert len(rows) == 3
    assert "'=cmd|calc" in {row[2] for row in rows[1:]}


def test_the_hxl_export_is_read_by_libhxl_with_the_expected_hashtags(client, society_a):
    offer = SupportOfferFactory(society=society_a, place="Lampedusa")
    offer.translations = {"ar": {"name": "مكتب المساعدة"}}
    offer.save()

    response = client.get(OFFERS, {"format": "csv", "hxl": "1"})
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    dataset = hxl.data(hxl.input.make_input(io.BytesIO(content.encode()), hxl.InputOptions()))
    tags = dataset.display_tags

    for tag in [
        "#org+name",
        "#country+code",
        "#loc+name",
        "#activity+name",
        "#contact+phone",
        "#contact+email",
        "#meta+status",
        "#date+reviewed",
        "#activity+name+i_ar",
    ]:
        assert tag in tags
    row = next(iter(dataset))
    assert row.get("#loc+name") == "Lampedusa"
    assert row.get("#activity+name+i_ar") == "مكتب المساعدة"
    assert row.get("#country+code") == "ITA"
    assert row.get("#date+reviewed") == offer.last_confirmed_on.isoformat()


# The fields HSDS 3.0 requires of each object (schema/*.json of the Open Referral
# specification), and the values its enumerations allow.
HSDS_REQUIRED = {
    "service": ["id", "name", "status"],
    "organization": ["id", "name", "description"],
    "location": ["id", "location_type"],
    "service_at_location": ["id"],
    "phone": ["id", "number"],
    "language": ["id"],
}
HSDS_SERVICE_STATUSES = {"active", "inactive", "defunct", "temporarily closed"}
HSDS_LOCATION_TYPES = {"physical", "postal", "virtual"}


def assert_hsds_object(kind, value):
    for field in HSDS_REQUIRED[kind]:
        assert value.get(field) not in (None, ""), f"{kind}.{field} is required"
    uuid.UUID(value["id"])


def test_the_hsds_export_has_the_fields_the_specification_requires(client, society_a):
    offer = SupportOfferFactory(
        society=society_a,
        status=OfferStatus.TEMPORARILY_CLOSED,
        place="Lampedusa",
        languages=["ar", "ti"],
    )

    page = client.get(OFFERS, {"format": "hsds"}).json()

    assert page["total_items"] == 1
    service = page["contents"][0]
    assert_hsds_object("service", service)
    assert service["status"] in HSDS_SERVICE_STATUSES
    assert service["status"] == "temporarily closed"
    assert service["assured_date"] == offer.last_confirmed_on.isoformat()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", service["assured_date"])
    assert_hsds_object("organization", service["organization"])
    assert service["organization_id"] == service["organization"]["id"]
    for phone in service["phones"]:
        assert_hsds_object("phone", phone)
    assert [language["code"] for language in service["languages"]] == ["ar", "ti"]
    for language in service["languages"]:
        assert_hsds_object("language", language)
    (at_location,) = service["service_at_locations"]
    assert_hsds_object("service_at_location", at_location)
    assert_hsds_object("location", at_location["location"])
    assert at_location["location"]["location_type"] in HSDS_LOCATION_TYPES
    assert at_location["location"]["name"] == "Lampedusa"
    # The same offer has the same identifiers in every export.
    assert client.get(OFFERS, {"format": "hsds"}).json()["contents"][0]["id"] == service["id"]


def test_a_visitor_does_not_get_movement_offers_in_any_export(client, society_a):
    SupportOfferFactory(society=society_a, visibility=Visibility.MOVEMENT, name="Movement desk")

    assert "Movement desk" not in client.get(OFFERS, {"format": "hsds"}).content.decode()
    csv_body = b"".join(client.get(OFFERS, {"format": "csv"}).streaming_content).decode()
    assert "Movement desk" not in csv_body


def test_limit_zero_answers_the_count_and_facets_only(client, society_a):
    SupportOfferFactory(society=society_a)

    body = client.get(OFFERS, {"limit": "0"}).json()

    assert body["count"] == 1 and body["results"] == [] and "step" in body["facets"]


@pytest.mark.parametrize("size", [3, 30])
def test_the_offer_list_runs_a_fixed_number_of_queries(
    client, society_a, society_b, size, django_assert_max_num_queries
):
    for number in range(size):
        SupportOfferFactory(society=society_a if number % 2 else society_b)

    with django_assert_max_num_queries(4):
        assert client.get(OFFERS, {"limit": "100"}).status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get(OFFERS, {"format": "hsds"}).status_code == 200
