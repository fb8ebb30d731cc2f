import pytest
from django.urls import reverse

from tests.conftest import login

pytestmark = pytest.mark.django_db


def test_taxonomy_lists_every_vocabulary(client):
    body = client.get(reverse("api:taxonomy")).json()
    counts = {name: len(values) for name, values in body.items()}
    assert counts == {
        "regions": 5,
        "steps": 7,
        "dimensions": 5,
        "support_types": 4,
        "principles": 10,
        "kinds": 2,
    }
    assert [step["code"] for step in body["steps"]][:2] == ["origin", "transition-at-borders"]
    p10 = body["principles"][-1]
    assert p10["code"] == "P10" and p10["within_report_scope"] is False


def test_taxonomy_in_french_by_accept_language_and_in_arabic_by_lang(client):
    french = client.get(reverse("api:taxonomy"), headers={"Accept-Language": "fr"}).json()
    arabic = client.get(reverse("api:taxonomy") + "?lang=ar").json()
    english = client.get(reverse("api:taxonomy")).json()
    assert english["regions"][3] == {"code": "europe", "label": "Europe"}
    assert french["steps"][3] == {"code": "arrival", "label": "Arrivée"}
    assert arabic["steps"][3]["code"] == "arrival"
    assert arabic["steps"][3]["label"] != "Arrival"
    assert french["kinds"][0]["label"] != english["kinds"][0]["label"]


def test_societies_count_the_191_national_societies(client):
    body = client.get(reverse("api:society-list")).json()
    assert body["count"] == 191
    assert len(body["results"]) == 20
    assert all(item["kind"] == "national-society" for item in body["results"])


def test_societies_filter_by_region_country_and_name(client):
    europe = client.get(reverse("api:society-list"), {"region": "europe", "limit": 100}).json()
    assert europe["count"] > 40
    assert {item["region"] for item in europe["results"]} == {"europe"}
    two_regions = client.get(reverse("api:society-list"), {"region": ["europe", "mena"]}).json()
    mena = client.get(reverse("api:society-list"), {"region": "mena"}).json()
    assert two_regions["count"] == europe["count"] + mena["count"]
    italy = client.get(reverse("api:society-list"), {"country": "ITA"}).json()
    assert [item["name"] for item in italy["results"]] == ["Italian Red Cross"]
    crescent = client.get(reverse("api:society-list"), {"q": "crescent"}).json()
    assert crescent["count"] > 20
    assert all("crescent" in item["name"].lower() for item in crescent["results"])


def test_societies_country_names_follow_the_language(client):
    italy = client.get(reverse("api:society-list"), {"country": "ITA", "lang": "fr"}).json()
    assert italy["results"][0]["country_name"] == "Italie"


def test_unknown_region_is_a_400_naming_the_field(client):
    response = client.get(reverse("api:society-list"), {"region": "atlantis"})
    assert response.status_code == 400
    body = response.json()
    assert "region" in body["errors"]
    assert body["detail"]


def test_limit_zero_answers_the_count_only(client):
    body = client.get(reverse("api:society-list"), {"limit": 0, "region": "africa"}).json()
    assert body["results"] == []
    assert body["count"] > 40


@pytest.mark.parametrize("limit", [10, 100])
def test_society_list_query_count_does_not_grow_with_the_page(
    client, limit, django_assert_num_queries
):
    # The count and one page of societies.
    with django_assert_num_queries(2):
        response = client.get(reverse("api:society-list"), {"limit": limit})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] > 100
    assert len(body["results"]) == limit


def test_society_detail_counts_approved_members(client, alice, fiona):
    body = client.get(reverse("api:society-detail", args=["italian-red-cross"])).json()
    assert body["member_count"] == 2
    assert body["country"] == "ITA"


def test_countries_filter_by_region(client):
    body = client.get(reverse("api:country-list"), {"region": "americas", "limit": 100}).json()
    assert body["count"] > 30
    assert {item["region"] for item in body["results"]} == {"americas"}


def test_regions_are_the_five_ifrc_regions(client):
    codes = [region["code"] for region in client.get(reverse("api:region-list")).json()]
    assert codes == ["africa", "americas", "asia-pacific", "europe", "mena"]


def test_me_requires_authentication_with_a_json_error(client):
    response = client.get(reverse("api:me"))
    assert response.status_code == 401
    assert "detail" in response.json()


def test_me_shows_fionas_roles(client, fiona):
    login(client, fiona)
    body = client.get(reverse("api:me")).json()
    assert body["roles"] == ["focal_point"]
    assert body["memberships"][0]["society"]["slug"] == "italian-red-cross"


def test_unknown_api_address_is_a_json_404(client):
    response = client.get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_api_server_error_is_json(client, settings):
    settings.ROOT_URLCONF = "tests.core.failing_urls"
    client.raise_request_exception = False
    response = client.get("/api/v1/boom/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_schema_and_docs_use_no_outside_address(client):
    docs = client.get(reverse("api-docs")).content.decode()
    assert "/static/drf_spectacular_sidecar/" in docs
    assert "cdn" not in docs.lower()
    script = client.get(reverse("api-docs"), {"script": ""}).content.decode()
    assert '"validatorUrl": null' in script
    schema = client.get(reverse("api-schema"))
    assert schema.status_code == 200
    assert b"/api/v1/societies/" in schema.content
