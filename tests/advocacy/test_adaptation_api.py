"""/api/v1/adaptations/: the outdated flow end to end, the same rules as the services, filters,
facets, CSV, and the grid as JSON and CSV."""

import csv
import io

import pytest
from django.urls import reverse

from advocacy.models import Adaptation
from advocacy.services import adaptations as services
from core.models import Notification
from tests.advocacy.test_adaptations import V1, filled, published_adaptation, write_version
from tests.conftest import login

pytestmark = pytest.mark.django_db

LIST = reverse("api:adaptation-list")


def grid_url(guideline):
    return reverse("api:adaptation-grid", args=[guideline.slug])


def url(adaptation, name="adaptation-detail"):
    return reverse(f"api:{name}", args=[adaptation.pk])


@pytest.fixture
def guideline(edith):
    from advocacy.services import guidelines

    guideline = guidelines.create_guideline(
        actor=edith, data={"title": "Humanitarian access for migrants"}
    )
    write_version(guideline, edith, V1)
    return guideline


def test_alice_adapts_fills_and_submits_through_the_api(client, guideline, alice):
    login(client, alice)
    response = client.post(
        LIST, {"guideline": guideline.slug, "language": "it"}, content_type="application/json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["version"], body["state"], body["society"]) == (1, "draft", "italian-red-cross")
    assert body["actions"] == ["submit"]
    adaptation = Adaptation.objects.get(pk=body["id"])
    response = client.post(url(adaptation, "adaptation-submit"))
    assert response.status_code == 400
    assert "parameters" in response.json()["errors"]
    response = client.patch(
        url(adaptation),
        {"parameters": {"legal-framework": "Decree 286/1998"}, "sections": {"asks": "Ours."}},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    assert [s["rewritten"] for s in response.json()["sections"]] == [False, False, True]
    response = client.post(url(adaptation, "adaptation-submit"))
    assert (response.status_code, response.json()["state"]) == (200, "submitted")


def test_a_bad_language_code_is_a_400_naming_the_field(client, guideline, alice):
    login(client, alice)
    response = client.post(
        LIST, {"guideline": guideline.slug, "language": "zz-top"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "language" in response.json()["errors"]


def test_bob_cannot_see_or_patch_alices_draft_through_the_api(
    client, guideline, alice, bob, society_a
):
    draft = services.create_adaptation(
        guideline=guideline, actor=alice, society=society_a, language="it"
    )
    login(client, bob)
    assert client.get(url(draft)).status_code == 404
    response = client.patch(url(draft), {"title": "Mine"}, content_type="application/json")
    assert response.status_code == 404
    assert client.post(url(draft, "adaptation-submit")).status_code == 404
    assert client.get(LIST).json()["count"] == 0


def test_alice_cannot_approve_her_societys_adaptation_through_the_api(
    client, guideline, alice, edith, society_a
):
    draft = services.create_adaptation(
        guideline=guideline, actor=alice, society=society_a, language="it"
    )
    filled(draft, alice)
    services.submit_adaptation(adaptation=draft, actor=alice)
    login(client, alice)
    assert client.post(url(draft, "adaptation-approve")).status_code == 403
    login(client, edith)
    response = client.post(
        url(draft, "adaptation-return"), {"note": ""}, content_type="application/json"
    )
    assert response.status_code == 400
    response = client.post(url(draft, "adaptation-approve"))
    assert (response.status_code, response.json()["status"]) == (200, "approved")
    # Approved twice is a conflict with where it stands.
    assert client.post(url(draft, "adaptation-approve")).status_code == 409


def test_the_outdated_flow_end_to_end_through_the_api(
    client, guideline, alice, fiona, edith, society_a, django_capture_on_commit_callbacks
):
    old = published_adaptation(guideline, alice, edith, society_a, asks="Italy should act.")
    changed = {**V1, "asks": ("Asks", "States must guarantee safe and dignified access.")}
    with django_capture_on_commit_callbacks(execute=True):
        write_version(
            guideline, edith, changed, parameters={"legal-framework": True, "stats": False}
        )
    assert Notification.objects.filter(kind="adaptation-outdated", recipient=fiona).count() == 1
    login(client, alice)
    body = client.get(url(old)).json()
    assert body["state"] == "outdated"
    assert body["outdated_since_version"] == 2
    changes = body["changes_since"]
    assert (changes["from_version"], changes["to_version"]) == (1, 2)
    assert changes["parameters_added"] == ["stats"]
    asks = next(section for section in changes["sections"] if section["key"] == "asks")
    assert asks["change"] == "changed"
    assert {"operation": "insert", "text": "must"} in asks["body"]
    assert client.get(LIST, {"outdated": "true"}).json()["count"] == 1
    response = client.post(url(old, "adaptation-carry-forward"))
    assert response.status_code == 201, response.json()
    carried = response.json()
    assert (carried["version"], carried["state"]) == (2, "draft")
    assert carried["parameters"][0]["text"] == "Legislative Decree 286/1998"
    assert [s["rewritten"] for s in carried["sections"]] == [False, False, False]
    response = client.post(reverse("api:adaptation-submit", args=[carried["id"]]))
    assert (response.status_code, response.json()["state"]) == (200, "submitted")


def test_the_list_filters_and_counts_facets(
    client, guideline, alice, bob, edith, society_a, society_b
):
    published_adaptation(guideline, alice, edith, society_a)
    services.create_adaptation(guideline=guideline, actor=bob, society=society_b, language="sw")
    body = client.get(LIST).json()
    assert body["count"] == 1
    assert body["facets"]["state"] == [{"value": "published", "label": "Published", "count": 1}]
    assert body["facets"]["region"][0]["value"] == "europe"
    assert client.get(LIST, {"region": "africa"}).json()["count"] == 0
    assert client.get(LIST, {"state": "draft"}).json()["count"] == 0
    assert client.get(LIST, {"region": "atlantis"}).status_code == 400
    login(client, bob)
    assert client.get(LIST, {"state": "draft"}).json()["count"] == 1


def test_the_list_as_csv_escapes_formulas(client, guideline, alice, edith, society_a):
    adaptation = published_adaptation(guideline, alice, edith, society_a)
    Adaptation.objects.filter(pk=adaptation.pk).update(title="=HYPERLINK(1)")
    response = client.get(LIST, {"format": "csv", "hxl": "1"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert rows[1][0] == "#meta+id"
    assert rows[2][7] == "'=HYPERLINK(1)"


@pytest.mark.parametrize("size", [20, 191])
def test_the_grid_for_every_society_in_a_constant_number_of_queries(
    client, guideline, alice, edith, size, django_assert_max_num_queries
):
    from core.models import NationalSociety

    societies = list(NationalSociety.objects.national_societies().order_by("pk")[:size])
    version = guideline.versions.get(status="published")
    states = ["draft", "submitted", "approved", "published"]
    Adaptation.objects.bulk_create(
        Adaptation(
            guideline=guideline,
            version=version,
            society=society,
            language=language,
            status=states[index % 4],
            outdated=index % 7 == 0,
        )
        for index, society in enumerate(societies)
        for language in ["en", "fr", "es", "ar"]
    )
    login(client, edith)
    with django_assert_max_num_queries(9):
        response = client.get(grid_url(guideline))
    body = response.json()
    assert body["societies"] == NationalSociety.objects.national_societies().count() == 191
    shown = sum(body["counts"][state] for state in body["counts"] if state not in ("none", "draft"))
    # Editors do not see societies' drafts: those cells read as none.
    assert shown == sum(1 for index in range(size) if states[index % 4] != "draft") * 4
    with django_assert_max_num_queries(9):
        response = client.get(grid_url(guideline), {"format": "csv"})
        content = b"".join(response.streaming_content)
    assert content.decode("utf-8-sig").count("\n") == 1 + 191 * 4


def test_the_grid_filters_by_region_and_state(client, guideline, alice, edith, society_a):
    published_adaptation(guideline, alice, edith, society_a)
    body = client.get(grid_url(guideline), {"region": "europe", "state": "published"}).json()
    assert [row["society"] for row in body["rows"]] == ["italian-red-cross"]
    assert body["rows"][0]["cells"][0] == {
        "language": "en",
        "state": "none",
        "version": None,
        "adaptation": None,
    }
    assert body["counts"]["published"] == 1
    assert client.get(grid_url(guideline), {"state": "lost"}).status_code == 400
    assert client.get(reverse("api:adaptation-grid", args=["unknown"])).status_code == 404
