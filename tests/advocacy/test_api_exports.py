"""The guideline list's CSV export over the API keeps the rules every export shares
(core.api.exports): only the list offers CSV, and a refusal is JSON even when CSV was asked."""

import pytest
from django.urls import reverse

from advocacy.services import guidelines as services
from tests.advocacy.factories import publish_through_services

pytestmark = pytest.mark.django_db

LIST = reverse("api:guideline-list")


@pytest.fixture
def published(edith):
    guideline = services.create_guideline(actor=edith, data={"title": "Humanitarian access"})
    publish_through_services(guideline, edith, {"asks": ("Asks", "Guarantee access.")})
    return guideline


def test_visitor_asking_for_hxl_other_than_0_or_1_is_told_in_json(client, published):
    response = client.get(LIST + "?format=csv&hxl=2")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["errors"] == {"hxl": ["Give 1 for a row of HXL hashtags, or 0."]}


def test_visitor_without_hxl_gets_the_csv_without_hashtags(client, published):
    response = client.get(LIST + "?format=csv")
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0].startswith("slug,title")
    assert not lines[1].startswith("#")
    assert "-hxl" not in response["Content-Disposition"]


def test_visitor_cannot_ask_for_a_single_guideline_as_csv(client, published):
    response = client.get(f"/api/v1/guidelines/{published.slug}/", HTTP_ACCEPT="text/csv")
    assert response.status_code == 406
    assert response["Content-Type"].startswith("application/json")
