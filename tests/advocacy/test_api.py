"""/api/v1/guidelines/: reading versions, sections, translation states and diffs; writing with
the pages' rules (a published version cannot be edited here either)."""

import pytest
from django.urls import reverse

from advocacy.models import GuidelineVersion, SectionTranslation
from advocacy.services import guidelines as services
from tests.advocacy.factories import publish_through_services
from tests.conftest import login

pytestmark = pytest.mark.django_db

LIST = reverse("api:guideline-list")
V1 = {
    "background": ("Background", "Migrants face barriers."),
    "asks": ("Asks", "States should guarantee access."),
}
V2 = {**V1, "asks": ("Asks", "States must guarantee safe access.")}


@pytest.fixture
def published(edith):
    guideline = services.create_guideline(
        actor=edith, data={"title": "Humanitarian access", "principles": ["P1", "P4"]}
    )
    publish_through_services(guideline, edith, V1, parameters=["national-law"])
    return guideline


def url(guideline, suffix=""):
    return f"/api/v1/guidelines/{guideline.slug}/{suffix}"


def test_visitor_lists_published_guidelines_with_facets(client, published, edith):
    services.create_guideline(actor=edith, data={"title": "Unpublished"})
    body = client.get(LIST).json()
    assert body["count"] == 1
    assert body["results"][0]["slug"] == published.slug
    assert body["results"][0]["current_version"] == 1
    assert {f["value"] for f in body["facets"]["principle"]} == {"P1", "P4"}
    assert client.get(LIST + "?limit=0").json()["results"] == []


def test_the_guideline_list_exports_csv_with_hxl(client, published):
    response = client.get(LIST + "?format=csv&hxl=1")
    assert response["Content-Type"].startswith("text/csv")
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0].startswith("slug,title,current_version")
    assert lines[1].startswith("#meta+id")
    assert "humanitarian-access" in lines[2]


def test_a_version_shows_its_sections_translation_states_and_parameters(client, published):
    body = client.get(url(published, "versions/1/")).json()
    assert [s["key"] for s in body["sections"]] == ["background", "asks"]
    assert body["sections"][1]["translations"] == {
        "fr": "missing",
        "es": "missing",
        "ar": "missing",
    }
    assert [p["key"] for p in body["parameters"]] == ["national-law"]


def test_the_diff_between_versions_is_word_by_word(client, published, edith):
    publish_through_services(published, edith, V2)
    body = client.get(url(published, "diff/") + "?from=1&to=2").json()
    asks = next(s for s in body["sections"] if s["key"] == "asks")
    assert asks["change"] == "changed"
    assert {"operation": "delete", "text": "should"} in asks["body_pieces"]
    assert {"operation": "insert", "text": "must"} in asks["body_pieces"]


def test_a_diff_with_a_missing_version_is_a_400_naming_the_field(client, published):
    response = client.get(url(published, "diff/") + "?from=1&to=9")
    assert response.status_code == 400
    assert "to" in response.json()["errors"]
    assert client.get(url(published, "diff/") + "?from=x").json()["errors"].keys() == {"from", "to"}


def test_edith_publishes_a_substantive_version_through_the_api(client, edith, published):
    login(client, edith)
    assert client.post(url(published, "versions/")).status_code == 201
    response = client.put(
        url(published, "versions/2/sections/asks/"),
        {"body": "States must guarantee safe access."},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert client.post(url(published, "versions/2/send-to-review/")).status_code == 200
    response = client.post(
        url(published, "versions/2/publish/"),
        {"change_level": "substantive", "change_note": "Stronger ask"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "published"
    translations = client.get(url(published, "versions/2/translations/")).json()
    assert len(translations) == 6


def test_a_published_version_cannot_be_edited_through_the_api(client, edith, published):
    login(client, edith)
    response = client.put(
        url(published, "versions/1/sections/asks/"),
        {"body": "Changed."},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert "fixed" in " ".join(response.json()["errors"]["status"])
    response = client.delete(url(published, "versions/1/sections/asks/"))
    assert response.status_code == 409
    response = client.patch(
        url(published, "versions/1/"), {"change_note": "Other"}, content_type="application/json"
    )
    assert response.status_code == 409
    version = GuidelineVersion.objects.get(number=1)
    assert version.sections.get(key="asks").body == "States should guarantee access."


def test_alice_cannot_write_or_publish_through_the_api(client, alice, edith, published):
    version = services.create_version(guideline=published, actor=edith)
    login(client, alice)
    assert client.post(LIST, {"title": "Mine"}, content_type="application/json").status_code == 403
    assert client.post(url(published, "versions/")).status_code == 403
    response = client.put(
        url(published, "versions/1/sections/asks/"), {"body": "X"}, content_type="application/json"
    )
    assert response.status_code == 403
    # The draft is the editors' own: for alice it is not there.
    assert client.get(url(published, "versions/2/")).status_code == 404
    assert client.post(url(published, "versions/2/send-to-review/")).status_code == 404
    version.refresh_from_db()
    assert version.status == "draft"


def test_bob_cannot_translate_without_his_society_named_through_the_api(client, bob, published):
    login(client, bob)
    response = client.put(
        url(published, "versions/1/translations/fr/asks/"),
        {"text": "Les États"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert SectionTranslation.objects.get(language="fr", section_key="asks").state == "missing"


def test_edith_translates_and_approves_through_the_api(client, edith, published):
    login(client, edith)
    response = client.put(
        url(published, "versions/1/translations/es/asks/"),
        {"heading": "Peticiones", "text": "Los Estados deberían garantizar el acceso."},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["state"] == "current"
    response = client.post(url(published, "versions/1/translations/es/asks/approve/"))
    assert response.json()["state"] == "approved"


def test_a_bad_guideline_body_names_each_field(client, edith):
    login(client, edith)
    response = client.post(
        LIST,
        {"title": "", "principles": ["P42"], "colour": "red"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert {"title", "principles", "colour"} <= set(response.json()["errors"])


def test_publishing_without_a_change_level_is_a_400(client, edith, published):
    version = services.create_version(guideline=published, actor=edith)
    services.send_to_review(version=version, actor=edith)
    login(client, edith)
    response = client.post(
        url(published, "versions/2/publish/"), {}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "change_level" in response.json()["errors"]


@pytest.mark.parametrize("size", [2, 7])
def test_the_guideline_list_query_count_does_not_grow(
    client, edith, size, django_assert_max_num_queries
):
    for number in range(size):
        guideline = services.create_guideline(actor=edith, data={"title": f"Guideline {number}"})
        publish_through_services(guideline, edith, V1)
    # The count, the page, their published versions, the facets.
    with django_assert_max_num_queries(4):
        response = client.get(LIST)
    assert response.json()["count"] == size


@pytest.mark.parametrize("sections", [2, 9])
def test_a_versions_query_count_does_not_grow(
    client, edith, sections, django_assert_max_num_queries
):
    guideline = services.create_guideline(actor=edith, data={"title": "Big"})
    publish_through_services(
        guideline, edith, {f"part-{n}": (f"Part {n}", f"Text {n}.") for n in range(sections)}
    )
    with django_assert_max_num_queries(8):
        response = client.get(url(guideline, "versions/1/"))
    assert len(response.json()["sections"]) == sections


def test_a_nul_byte_in_a_translation_is_a_400_naming_the_field(client, edith, published):
    login(client, edith)
    response = client.put(
        url(published, "versions/1/translations/fr/asks/"),
        {"text": "Les États\x00"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "text" in response.json()["errors"]
    assert SectionTranslation.objects.get(language="fr", section_key="asks").state == "missing"
