"""A route's trail as JSON through the API, as exports (JSON, CSV, HXL CSV, HSDS 3.0) and as a
printable card and PDF: each holds the offers the reader may see, and never a movement-only
contact for a visitor."""

import io
import uuid

import hxl
import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from tests.conftest import login
from tests.networks.routes_factories import RouteFactory, SupportOfferFactory
from tests.networks.trail_fixtures import (
    MOVEMENT_EMAIL,
    MOVEMENT_PHONE,
    italian_practices_fixture,  # noqa: F401 (a fixture)
    offers_fixture,  # noqa: F401
    route_fixture,  # noqa: F401
)

pytestmark = pytest.mark.django_db


def api_url(route):
    return reverse("api:route-trail", args=[route.slug])


def export_url(route):
    return reverse("networks:route-export", args=[route.slug])


def card_url(route):
    return reverse("networks:route-card", args=[route.slug])


def body_of(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8")
    return response.content.decode("utf-8")


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


# --- The trail as JSON -----------------------------------------------------------------------


def test_the_trail_api_answers_stops_cells_gaps_and_hand_overs(
    client, route, offers, italian_practices
):
    trail = client.get(api_url(route)).json()

    assert trail["slug"] == "test-trail"
    assert [stop["country"] for stop in trail["stops"]] == ["KEN", "GRC", "ITA"]
    italy = trail["stops"][2]
    arrival = italy["cells"][0]
    assert arrival["step"] == "arrival"
    assert [offer["name"] for offer in arrival["offers"]] == [
        "Arrival help desk",
        "Legal counselling",
    ]
    assert arrival["gaps"] == ["awareness-raising", "advocacy"]
    assert arrival["practices"]["count"] == 2
    assert arrival["offer_count"] == 2
    assert arrival["offers_url"].endswith("/offers/?country=ITA&step=arrival")
    assert arrival["practices"]["url"].endswith("/practices/?country=ITA&step=arrival")
    assert trail["stops"][1]["handover"] == {
        "position": 3,
        "country": "ITA",
        "step": "arrival",
        "offers": [offers["desk"].pk, offers["legal"].pk],
    }
    assert [offer["name"] for offer in trail["across_the_trail"]["offers"]] == [
        "Safe journey hotline"
    ]


def test_the_trail_api_takes_the_pages_filters(client, route, offers):
    trail = client.get(api_url(route), {"support_type": "protection"}).json()

    arrival = trail["stops"][2]["cells"][0]
    assert [offer["name"] for offer in arrival["offers"]] == ["Legal counselling"]
    assert trail["filters"]["support_type"] == ["protection"]
    assert arrival["gaps"] == []


def test_an_unknown_code_in_the_trail_api_is_a_400_naming_the_field(client, route):
    response = client.get(api_url(route), {"target_group": "dragons"})

    assert response.status_code == 400
    assert set(response.json()) == {"detail", "errors"}
    assert "target_group" in response.json()["errors"]


def test_a_route_without_stops_has_an_empty_trail(client, db):
    route = RouteFactory(slug="new-route")

    trail = client.get(api_url(route)).json()

    assert trail["stops"] == []
    assert trail["across_the_trail"]["offers"] == []
    assert client.get(reverse("networks:route-trail", args=["new-route"])).status_code == 200


def test_an_unknown_route_in_the_trail_api_is_a_404(client, db):
    assert client.get(reverse("api:route-trail", args=["nowhere"])).status_code == 404


def test_movement_only_contacts_stay_hidden_from_a_visitor_in_the_trail_api(client, route, offers):
    response = client.get(api_url(route))

    assert MOVEMENT_PHONE not in response.content.decode()
    legal = response.json()["stops"][2]["cells"][0]["offers"][1]
    assert legal["contacts_hidden"] is True
    assert legal["contacts"]["phone"] == ""


def test_bob_gets_movement_only_contacts_in_the_trail_api(client, route, offers, bob):
    login(client, bob)

    assert MOVEMENT_PHONE in client.get(api_url(route)).content.decode()


@pytest.mark.parametrize("size", [1, 4])
def test_the_trail_api_runs_the_same_queries_whatever_the_number_of_stops_and_offers(
    client, route, offers, society_a, size, django_assert_max_num_queries
):
    for number in range(size * 10):
        SupportOfferFactory(society=society_a, name=f"Extra desk {number}", steps=["arrival"])
    for position in range(4, 4 + size * 3):
        route.stops.create(position=position, country_id="FRA", steps=["arrival"])

    # The route, the trail's data versions, its stops, the first offers of each cell (with
    # counts), those offers, the practice counts (of each country and step, and across the
    # trail); again on the same data, the first two.
    with django_assert_max_num_queries(7):
        assert client.get(api_url(route)).status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get(api_url(route)).status_code == 200
    # The route, its stops, every offer of the trail.
    with django_assert_max_num_queries(3):
        assert client.get(api_url(route), {"format": "hsds"}).status_code == 200
    with django_assert_max_num_queries(3):
        response = client.get(api_url(route), {"format": "csv"})
        assert len(body_of(response).splitlines()) == 1 + 4 + size * 10


# --- Exports ---------------------------------------------------------------------------------


def test_the_json_export_is_the_trail_as_the_api_answers_it(client, route, offers):
    response = client.get(export_url(route), {"format": "json"})

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert response.json() == client.get(api_url(route)).json()


def test_the_csv_export_starts_with_a_byte_order_mark_and_holds_the_trails_offers(
    client, route, offers
):
    response = client.get(export_url(route), {"format": "csv"})

    body = body_of(response)
    assert response["Content-Type"].startswith("text/csv")
    assert body.startswith("\ufeff")
    assert "Arrival help desk" in body and "Safe journey hotline" in body
    assert "Members' shelter list" not in body
    # The same through the API.
    assert body_of(client.get(api_url(route), {"format": "csv"})).startswith("\ufeff")


def test_the_hxl_export_is_read_by_libhxl(client, route, offers):
    for response in (
        client.get(export_url(route), {"format": "hxl"}),
        client.get(api_url(route), {"format": "csv", "hxl": "1"}),
    ):
        content = body_of(response).encode("utf-8")
        dataset = hxl.data(hxl.input.make_input(io.BytesIO(content), hxl.InputOptions()))
        for tag in [
            "#org+name",
            "#country+code",
            "#loc+name",
            "#activity+name",
            "#contact+phone",
            "#contact+email",
            "#meta+status",
            "#date+reviewed",
        ]:
            assert tag in dataset.display_tags
        rows = list(dataset)
        assert {row.get("#activity+name") for row in rows} == {
            "Arrival help desk",
            "Legal counselling",
            "Camp health post",
            "Safe journey hotline",
        }
        assert {row.get("#country+code") for row in rows} == {"ITA", "GRC", "KEN"}


HSDS_REQUIRED = {
    "service": ["id", "name", "status"],
    "organization": ["id", "name", "description"],
    "location": ["id", "location_type"],
    "service_at_location": ["id"],
    "phone": ["id", "number"],
    "language": ["id"],
}


def assert_hsds_object(kind, value):
    for field in HSDS_REQUIRED[kind]:
        assert value.get(field) not in (None, ""), f"{kind}.{field} is required"
    uuid.UUID(value["id"])


def test_the_hsds_export_has_the_fields_the_specification_requires(client, route, offers):
    for response in (
        client.get(export_url(route), {"format": "hsds"}),
        client.get(api_url(route), {"format": "hsds"}),
    ):
        page = response.json()
        assert page["total_items"] == 4
        for service in page["contents"]:
            assert_hsds_object("service", service)
            assert service["assured_date"]
            assert_hsds_object("organization", service["organization"])
            for phone in service["phones"]:
                assert_hsds_object("phone", phone)
            for language in service["languages"]:
                assert_hsds_object("language", language)
            for at_location in service["service_at_locations"]:
                assert_hsds_object("service_at_location", at_location)
                assert_hsds_object("location", at_location["location"])


def test_movement_only_contacts_stay_hidden_from_a_visitor_in_every_export(client, route, offers):
    for export in ("json", "csv", "hxl", "hsds"):
        body = body_of(client.get(export_url(route), {"format": export}))
        assert "Legal counselling" in body, export
        assert MOVEMENT_PHONE not in body, export
        assert MOVEMENT_EMAIL not in body, export


def test_bob_gets_movement_only_contacts_in_the_exports(client, route, offers, bob):
    login(client, bob)

    for export in ("json", "csv", "hsds"):
        assert MOVEMENT_PHONE in body_of(client.get(export_url(route), {"format": export}))


def test_an_unknown_export_format_is_a_400(client, route):
    response = client.get(export_url(route), {"format": "xlsx"})

    assert response.status_code == 400
    assert "format" in response.json()["errors"]


# --- The trail card --------------------------------------------------------------------------


def test_the_trail_card_prints_each_stops_offers_and_hand_overs(client, route, offers):
    response = client.get(card_url(route))

    page = response.content.decode()
    assert response.status_code == 200
    assert "css/print.css" in page
    assert "Arrival help desk" in page
    assert "Next: Italy, Arrival. Hand over to:" in page


def test_the_trail_card_pdf_has_the_offers_and_no_movement_only_contacts_for_a_visitor(
    client, route, offers
):
    response = client.get(card_url(route), {"format": "pdf"})

    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert 1 <= len(reader.pages) <= 2
    text = pdf_text(response.content)
    assert "Test trail" in text
    assert "Arrival help desk" in text
    assert "+39 06 5510" in text  # a public phone
    assert MOVEMENT_PHONE not in text
    assert MOVEMENT_EMAIL not in text
    assert "Contacts for members of the Movement." in text


def test_bob_gets_movement_only_contacts_on_the_trail_card_pdf(client, route, offers, bob):
    login(client, bob)

    text = pdf_text(client.get(card_url(route), {"format": "pdf"}).content)

    assert MOVEMENT_PHONE in text


def test_the_trail_card_is_right_to_left_in_arabic(client, route, offers):
    with translation.override("ar"):
        response = client.get(card_url(route), HTTP_ACCEPT_LANGUAGE="ar")
        pdf = client.get(card_url(route), {"format": "pdf"}, HTTP_ACCEPT_LANGUAGE="ar")

    assert 'dir="rtl"' in response.content.decode()
    assert pdf["Content-Type"] == "application/pdf"
    assert "Arrival help desk" in pdf_text(pdf.content)
