import csv
import io

import pytest
from django.core import mail
from django.urls import reverse

from practices import services
from practices.models import Practice, Status
from tests.conftest import login
from tests.practices.factories import make_practice, practice_data

pytestmark = pytest.mark.django_db

LIST = reverse("api:practice-list")


body = practice_data


@pytest.fixture
def alices_draft(alice, society_a):
    return make_practice(alice, society_a, title="Alice's secret draft about shelters")


def detail(practice):
    return reverse("api:practice-detail", args=[practice.pk])


# --- Visibility ----------------------------------------------------------------------------


def test_bob_sees_nothing_of_alices_draft(client, bob, alices_draft):
    login(client, bob)
    assert client.get(detail(alices_draft)).status_code == 404
    listing = client.get(LIST, {"q": "secret shelters"}).json()
    assert listing["count"] == 0
    assert listing["results"] == []
    europe = next(f for f in listing["facets"]["region"] if f["value"] == "europe")
    assert europe["count"] == 0
    export = client.get(LIST, {"format": "csv"})
    assert "secret draft" not in b"".join(export.streaming_content).decode("utf-8-sig")


def test_visitor_sees_nothing_of_alices_draft(client, alices_draft):
    assert client.get(detail(alices_draft)).status_code == 404
    assert client.get(LIST).json()["count"] == 0
    assert "secret draft" not in client.get(reverse("practices:feed")).content.decode()


def test_fiona_of_the_same_society_sees_alices_draft(client, fiona, alices_draft):
    login(client, fiona)
    assert client.get(detail(alices_draft)).status_code == 200
    assert client.get(LIST).json()["count"] == 1


def test_bob_cannot_edit_or_submit_alices_draft(client, bob, alices_draft):
    login(client, bob)
    patch = client.patch(detail(alices_draft), {"title": "Taken"}, content_type="application/json")
    assert patch.status_code == 404
    submit = client.post(reverse("api:practice-submit", args=[alices_draft.pk]))
    assert submit.status_code == 404
    alices_draft.refresh_from_db()
    assert alices_draft.title == "Alice's secret draft about shelters"
    assert alices_draft.status == Status.DRAFT


def test_alice_cannot_publish_and_edith_can(client, alice, edith, alices_draft):
    services.submit_practice(practice=alices_draft, actor=alice)
    login(client, alice)
    refused = client.post(reverse("api:practice-publish", args=[alices_draft.pk]))
    assert refused.status_code == 403
    assert "detail" in refused.json()
    alices_draft.refresh_from_db()
    assert alices_draft.status == Status.SUBMITTED

    login(client, edith)
    published = client.post(reverse("api:practice-publish", args=[alices_draft.pk]))
    assert published.status_code == 200
    assert published.json()["status"] == "published"


def test_bob_cannot_publish_a_submitted_practice_of_society_a(client, alice, bob, alices_draft):
    services.submit_practice(practice=alices_draft, actor=alice)
    login(client, bob)
    response = client.post(reverse("api:practice-publish", args=[alices_draft.pk]))
    assert response.status_code == 404
    alices_draft.refresh_from_db()
    assert alices_draft.status == Status.SUBMITTED


def test_movement_practices_are_for_members_only(client, alice, bob, edith, society_a):
    practice = make_practice(
        alice, society_a, status=Status.PUBLISHED, editor=edith, visibility="movement"
    )
    assert client.get(detail(practice)).status_code == 404
    login(client, bob)
    assert client.get(detail(practice)).status_code == 200


def test_ifrc_practices_are_for_editors_and_the_owning_society(
    client, alice, bob, edith, society_a
):
    practice = make_practice(
        alice, society_a, status=Status.PUBLISHED, editor=edith, visibility="ifrc"
    )
    login(client, bob)
    assert client.get(detail(practice)).status_code == 404
    login(client, alice)
    assert client.get(detail(practice)).status_code == 200
    login(client, edith)
    assert client.get(detail(practice)).status_code == 200


# --- Writing through the API ----------------------------------------------------------------


def test_alice_creates_a_draft_with_her_token_and_publishing_makes_it_searchable(
    client, alice, edith, django_capture_on_commit_callbacks
):
    _token, key = __import__("core.services", fromlist=["create_token"]).create_token(user=alice)
    headers = {"Authorization": f"Token {key}"}
    created = client.post(LIST, body(), content_type="application/json", headers=headers)
    assert created.status_code == 201, created.json()
    practice_id = created.json()["id"]
    assert created.json()["status"] == "draft"
    assert created.json()["society"]["slug"] == "italian-red-cross"
    assert created.json()["region"] == "europe"
    assert client.get(LIST, {"q": "family links"}).json()["count"] == 0

    with django_capture_on_commit_callbacks(execute=True):
        submitted = client.post(reverse("api:practice-submit", args=[practice_id]), headers=headers)
    assert submitted.json()["status"] == "submitted"
    assert mail.outbox[-1].to == ["edith@example.org"]

    login(client, edith)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("api:practice-publish", args=[practice_id]))
    assert mail.outbox[-1].to == ["alice@example.org"]
    client.logout()
    found = client.get(LIST, {"q": "family links"}).json()
    assert [item["id"] for item in found["results"]] == [practice_id]


def test_unknown_codes_are_a_400_naming_each_field(client, alice):
    login(client, alice)
    response = client.post(
        LIST,
        body(principles=["P1", "P42"], countries=["XYZ"], steps=[]),
        content_type="application/json",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"steps", "principles"}
    assert "P42" in str(errors["principles"])
    response = client.post(LIST, body(countries=["ITA", "XYZ"]), content_type="application/json")
    assert response.status_code == 400
    assert "XYZ" in response.json()["errors"]["countries"][0]
    assert not Practice.objects.exists()


def test_missing_fields_are_a_400_naming_them(client, alice):
    login(client, alice)
    data = body()
    del data["title"], data["dimensions"]
    response = client.post(LIST, data, content_type="application/json")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"title", "dimensions"}


def test_visitors_cannot_create(client):
    response = client.post(LIST, body(), content_type="application/json")
    assert response.status_code == 401


def test_a_member_of_two_societies_names_the_society(client, alice, society_b):
    from tests.factories import MembershipFactory

    MembershipFactory(user=alice, society=society_b)
    login(client, alice)
    unnamed = client.post(LIST, body(), content_type="application/json")
    assert unnamed.status_code == 400
    assert "society" in unnamed.json()["errors"]
    named = client.post(LIST, body(society=society_b.slug), content_type="application/json")
    assert named.status_code == 201
    assert named.json()["region"] == "africa"


def test_bob_cannot_create_a_practice_of_society_a(client, bob, society_a):
    login(client, bob)
    response = client.post(LIST, body(society=society_a.slug), content_type="application/json")
    assert response.status_code == 403
    assert not Practice.objects.exists()


def test_alices_edit_of_a_published_practice_waits_for_edith(client, alice, edith, society_a):
    practice = make_practice(alice, society_a, status=Status.PUBLISHED, editor=edith)
    login(client, alice)
    response = client.patch(
        detail(practice), {"title": "A better title"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["title"] == "Restoring family links at the border"
    assert response.json()["review"]["pending_revision"] == {"title": "A better title"}
    client.logout()
    assert client.get(detail(practice)).json()["title"] == "Restoring family links at the border"

    login(client, edith)
    client.post(reverse("api:practice-publish", args=[practice.pk]))
    client.logout()
    assert client.get(detail(practice)).json()["title"] == "A better title"


def test_edith_corrects_tags_at_review_and_both_sides_see_the_difference(
    client, alice, edith, society_a
):
    practice = make_practice(alice, society_a, status=Status.SUBMITTED)
    login(client, edith)
    client.patch(detail(practice), {"principles": ["P1", "P6"]}, content_type="application/json")
    client.post(reverse("api:practice-publish", args=[practice.pk]))
    login(client, alice)
    review = client.get(detail(practice)).json()["review"]
    assert review["tag_corrections"] == {"principles": {"added": ["P6"], "removed": ["P7"]}}
    assert client.get(detail(practice)).json()["submitted_tags"]["principles"] == ["P1", "P7"]


def test_request_changes_needs_a_note_and_tells_the_authors(
    client, alice, edith, society_a, django_capture_on_commit_callbacks
):
    practice = make_practice(alice, society_a, status=Status.SUBMITTED)
    login(client, edith)
    url = reverse("api:practice-request-changes", args=[practice.pk])
    assert client.post(url, {}, content_type="application/json").status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"note": "Add the results."}, content_type="application/json")
    assert response.json()["status"] == "changes-requested"
    assert mail.outbox[-1].to == ["alice@example.org"]
    assert "Add the results." in mail.outbox[-1].body


def test_publishing_a_draft_is_a_404_and_submitting_a_published_one_a_409(
    client, edith, alice, alices_draft
):
    login(client, edith)
    response = client.post(reverse("api:practice-publish", args=[alices_draft.pk]))
    # Editors do not see drafts: a society's draft is its own until submitted.
    assert response.status_code == 404
    services.submit_practice(practice=alices_draft, actor=alice)
    services.publish_practice(practice=alices_draft, actor=edith)
    again = client.post(reverse("api:practice-submit", args=[alices_draft.pk]))
    assert again.status_code == 409  # the request is right; the practice's status is not
    assert "status" in again.json()["errors"]


def test_history_records_a_bulk_update_with_old_and_new_values(alice, society_a):
    practice = make_practice(alice, society_a)
    Practice.objects.filter(pk=practice.pk).update(title="Changed in bulk")
    titles = list(practice.events.order_by("pgh_id").values_list("title", flat=True))
    assert titles == ["Restoring family links at the border", "Changed in bulk"]


# --- Search, facets, paging, exports ----------------------------------------------------------


@pytest.fixture
def library(alice, edith, society_a):
    """Published practices in three languages."""
    texts = [
        ("en", "Volunteers running mobile clinics", "Mobile clinics treat migrants at night."),
        ("en", "Language courses for children", "Teachers help children learn the language."),
        ("fr", "Accueil des familles migrantes", "Les bénévoles accueillent les familles."),
        ("es", "Asesoría jurídica para migrantes", "Abogados voluntarios asesoran a migrantes."),
        ("en", "Cash assistance on arrival", "Cash cards for families arriving by sea."),
    ]
    return [
        make_practice(
            alice,
            society_a,
            status=Status.PUBLISHED,
            editor=edith,
            language=language,
            title=title,
            summary=summary,
            principles=["P1", "P3"] if index % 2 else ["P1"],
            steps=["arrival"] if index < 3 else ["long-term-stay"],
        )
        for index, (language, title, summary) in enumerate(texts)
    ]


def titles(client, **params):
    return sorted(item["title"] for item in client.get(LIST, params).json()["results"])


def test_search_stems_english_french_and_spanish(client, library):
    assert titles(client, q="clinic") == ["Volunteers running mobile clinics"]
    assert titles(client, q="accueillir") == ["Accueil des familles migrantes"]
    assert titles(client, q="asesorar") == ["Asesoría jurídica para migrantes"]


def test_search_phrase_or_and_exclusion(client, library):
    assert titles(client, q='"clinics treat"') == ["Volunteers running mobile clinics"]
    assert titles(client, q='"treat clinics"') == []
    assert titles(client, q="clinics OR courses") == [
        "Language courses for children",
        "Volunteers running mobile clinics",
    ]
    assert titles(client, q="cash -sea") == []
    assert titles(client, q="cash -clinics") == ["Cash assistance on arrival"]
    assert titles(client, q="children -clinics") == ["Language courses for children"]


def test_relevance_puts_title_matches_first(client, library, alice, edith, society_a):
    make_practice(
        alice,
        society_a,
        status=Status.PUBLISHED,
        editor=edith,
        title="Peer support groups",
        summary="Groups meet weekly; some of them visit clinics.",
    )
    ranked = client.get(LIST, {"q": "clinics", "ordering": "relevance"}).json()["results"]
    assert ranked[0]["title"] == "Volunteers running mobile clinics"


def test_facet_counts_equal_the_counts_of_the_filtered_list(client, library):
    listing = client.get(LIST, {"step": "arrival"}).json()
    assert listing["count"] == 3
    # (Another value of the filtered facet itself would widen the list: values OR in a field.)
    for facet in ("principle", "language", "region", "kind", "country"):
        for value in listing["facets"][facet]:
            narrowed = client.get(LIST, {"step": "arrival", facet: value["value"], "limit": 0})
            assert narrowed.json()["count"] == value["count"], (facet, value)


def test_principle_and_region_narrow_results_and_facets(client, library):
    listing = client.get(LIST, {"principle": "P3", "region": "europe"}).json()
    assert listing["count"] == 2
    p1 = next(f for f in listing["facets"]["principle"] if f["value"] == "P1")
    assert p1["count"] == 2
    assert client.get(LIST, {"principle": "P3", "region": "africa"}).json()["count"] == 0


def test_limit_zero_returns_count_and_facets_only(client, library):
    listing = client.get(LIST, {"limit": 0}).json()
    assert listing["count"] == 5
    assert listing["results"] == []
    assert {
        "region",
        "principle",
        "step",
        "dimension",
        "support_type",
        "country",
        "kind",
        "language",
        "rubric",
    } <= set(listing["facets"])


def test_unknown_filter_code_is_a_400_naming_the_field(client):
    response = client.get(LIST, {"principle": "P99"})
    assert response.status_code == 400
    assert "principle" in response.json()["errors"]


@pytest.mark.parametrize("limit", [2, 10])
def test_list_runs_two_queries_whatever_the_page_size(
    client, library, limit, django_assert_num_queries
):
    # The count and one page of rows, with their tags: a limit below the matches and one
    # above them return different numbers of rows in the same two queries.
    with django_assert_num_queries(2):
        response = client.get(LIST, {"limit": limit, "q": "migrants OR clinics OR families"})
    assert response.status_code == 200
    listing = response.json()
    assert listing["count"] == len(library)
    assert len(listing["results"]) == min(limit, len(library))
    assert all(row["principles"] for row in listing["results"])


def test_csv_export_has_a_bom_and_an_hxl_row(client, library):
    response = client.get(LIST, {"format": "csv", "hxl": "1", "language": "fr"})
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content)
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    header, hashtags, *data = rows
    assert header[:4] == ["id", "url", "kind", "title"]
    assert {
        "#org+name",
        "#region+name",
        "#country+code",
        "#activity+name",
        "#description",
        "#date+start",
        "#status",
        "#meta+url",
        "#x_principle",
    } <= set(hashtags)
    assert [row[header.index("title")] for row in data] == ["Accueil des familles migrantes"]


def test_csv_export_with_a_bad_filter_answers_json(client):
    response = client.get(LIST, {"format": "csv", "region": "atlantis"})
    assert response.status_code == 400
    assert response.json()["errors"]["region"]


def test_feeds_per_region_and_principle(client, library):
    region = client.get(reverse("practices:feed_region", args=["europe"])).content.decode()
    assert "Cash assistance on arrival" in region
    assert "<feed" in region
    assert (
        client.get(reverse("practices:feed_region", args=["africa"])).content.count(b"<entry>") == 0
    )
    principle = client.get(reverse("practices:feed_principle", args=["P3"])).content.decode()
    assert principle.count("<entry>") == 2
    assert client.get(reverse("practices:feed_principle", args=["P99"])).status_code == 404


# --- Attachments ------------------------------------------------------------------------------


def upload(client, practice, name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("api:practice-attachments", args=[practice.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_alice_attaches_a_pdf_and_bob_cannot_download_it_while_draft(
    client, alice, bob, alices_draft
):
    login(client, alice)
    response = upload(client, alices_draft, "Field report.pdf", PDF)
    assert response.status_code == 201, response.json()
    attachment = alices_draft.attachments.get()
    assert attachment.original_name == "Field report.pdf"
    assert attachment.content_type == "application/pdf"
    assert "Field report" not in attachment.file.name  # stored under a server-made name
    login(client, bob)
    assert client.get(attachment.get_absolute_url()).status_code == 404
    assert upload(client, alices_draft, "x.pdf", PDF).status_code == 404


def test_a_disguised_upload_is_a_400_and_nothing_is_stored(client, alice, alices_draft):
    login(client, alice)
    png_named_pdf = upload(client, alices_draft, "report.pdf", PNG)
    assert png_named_pdf.status_code == 400
    assert "file" in png_named_pdf.json()["errors"]
    script = upload(client, alices_draft, "run.exe", b"MZ\x90\x00")
    assert script.status_code == 400
    text_as_docx = upload(client, alices_draft, "notes.docx", b"just some text")
    assert text_as_docx.status_code == 400
    assert not alices_draft.attachments.exists()


def test_an_upload_over_20_mb_is_a_400(client, alice, alices_draft):
    login(client, alice)
    response = upload(client, alices_draft, "big.pdf", PDF + b"0" * (20 * 1024 * 1024))
    assert response.status_code == 400
    assert "20 MB" in response.json()["errors"]["file"][0]
    assert not alices_draft.attachments.exists()


def test_list_items_carry_the_same_values_as_the_detail(client, library):
    item = client.get(LIST, {"limit": 1}).json()["results"][0]
    assert list(item) == [
        "id", "url", "kind", "title", "summary", "society", "region", "countries", "steps",
        "dimensions", "support_types", "principles", "language", "visibility", "status",
        "published_at", "updated_at",
    ]  # fmt: skip
    full = client.get(item["url"]).json()
    assert item == {key: full[key] for key in item}


def test_bob_sees_neither_the_review_nor_a_visitor_the_contact_person(
    client, alice, bob, edith, society_a
):
    practice = make_practice(alice, society_a, status=Status.SUBMITTED)
    services.request_changes(practice=practice, actor=edith, note="Add the results.")
    services.submit_practice(practice=practice, actor=alice)
    services.publish_practice(practice=practice, actor=edith)

    anonymous = client.get(detail(practice)).json()
    assert anonymous["review"] is None
    assert anonymous["contact"] is None  # no public email was given; the person is hidden
    login(client, bob)
    as_bob = client.get(detail(practice)).json()
    assert as_bob["review"] is None
    assert as_bob["contact"]["person_email"] == "alice@example.org"
    login(client, edith)
    as_edith = client.get(detail(practice)).json()
    assert as_edith["review"] is not None
    assert as_edith["contact"]["name"] == "Alice"
    login(client, alice)
    assert client.get(detail(practice)).json()["review"] is not None


def test_a_page_too_deep_is_a_400_saying_how_to_narrow_and_the_count_stays_exact(client, library):
    response = client.get(LIST, {"offset": 10_001})
    assert response.status_code == 400
    assert "format=csv" in response.json()["errors"]["offset"][0]
    deepest = client.get(LIST, {"offset": 10_000}).json()
    assert deepest["results"] == []
    assert deepest["count"] == len(library)
    assert client.get(LIST, {"limit": 0}).json()["count"] == len(library)
