import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.markdown import render_markdown
from core.models import Membership, NationalSociety
from practices import services
from practices.models import Attachment, Practice, Status
from practices.rendering import safe_snippet
from tests.conftest import login
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

CATALOGUE = reverse("practices:catalogue")
CREATE = reverse("practices:create")
PDF_BYTES = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def alices_draft(alice, society_a):
    return make_practice(alice, society_a, title="Alice's secret draft about shelters")


@pytest.fixture
def published(alice, society_a, edith):
    return make_practice(
        alice, society_a, status=Status.PUBLISHED, editor=edith, title="Free calls at the port"
    )


def detail(practice):
    return reverse("practices:detail", args=[practice.pk])


def workflow(practice, action):
    return reverse("practices:workflow", args=[practice.pk, action])


def attach(practice, actor, name="report.pdf", content=PDF_BYTES):
    return services.add_attachment(
        practice=practice, actor=actor, upload=SimpleUploadedFile(name, content)
    )


def form_data(**overrides):
    data = {
        "kind": "smart-practice",
        "title": "Legal clinics for newly arrived migrants",
        "summary": "Lawyers and volunteers explain asylum procedures in six languages.",
        "context": "Newly arrived people did not know their rights.",
        "activities": "- Weekly clinics\n- Leaflets",
        "results": "",
        "lessons": "",
        "replication": "",
        "partners": "Bar association",
        "links": "https://example.org/clinics",
        "countries": ["ITA", "GRC"],
        "steps": ["arrival"],
        "dimensions": ["human-capital"],
        "support_types": ["protection", "assistance"],
        "principles": ["P4"],
        "target_groups": ["refugees"],
        "start_year": "2021",
        "end_year": "",
        "language": "en",
        "visibility": "public",
        "contact_email": "clinics@example.org",
    }
    data.update(overrides)
    return data


def result_titles(response) -> list[str]:
    return re.findall(
        r'class="result-title"><a href="[^"]+"><bdi[^>]*>([^<]+)</bdi></a>',
        response.content.decode(),
    )


# --- Who sees what ----------------------------------------------------------------------------


def test_bob_cannot_see_alices_draft_page(client, bob, alices_draft):
    login(client, bob)
    assert client.get(detail(alices_draft)).status_code == 404


def test_visitor_cannot_see_alices_draft_page(client, alices_draft):
    assert client.get(detail(alices_draft)).status_code == 404


def test_fiona_sees_her_societys_draft(client, fiona, alices_draft):
    login(client, fiona)
    response = client.get(detail(alices_draft))
    assert response.status_code == 200
    assert "Alice&#x27;s secret draft" in response.content.decode()


def test_bob_finds_none_of_alices_drafts_in_the_catalogue_or_its_facets(
    client, bob, alices_draft, published
):
    login(client, bob)
    for query in ["", "?q=shelters", "?status=draft", "?region=europe&principle=P1"]:
        response = client.get(CATALOGUE + query)
        page = response.content.decode()
        assert "secret draft" not in page, query
    response = client.get(CATALOGUE + "?q=shelters")
    assert "0 practices" in response.content.decode()
    # The facet of the region counts the published practice only.
    page = client.get(CATALOGUE).content.decode()
    assert re.search(r"Europe</span>\s*<span class=\"count\">1</span>", page)


def test_alice_sees_her_draft_in_the_catalogue_only_when_asking_for_drafts(
    client, alice, alices_draft, published
):
    login(client, alice)
    assert result_titles(client.get(CATALOGUE)) == ["Free calls at the port"]
    drafts = result_titles(client.get(CATALOGUE + "?status=draft"))
    assert drafts == ["Alice&#x27;s secret draft about shelters"]


def test_bob_cannot_download_the_attachment_of_alices_draft(client, alice, bob, alices_draft):
    attachment = attach(alices_draft, alice)
    url = attachment.get_absolute_url()
    login(client, bob)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404


def test_an_attachment_is_only_found_under_its_own_practice(client, alice, published, edith):
    other = make_practice(alice, published.society, title="Another draft")
    attachment = attach(other, alice)
    url = reverse("practices:attachment", args=[published.pk, attachment.pk])
    assert client.get(url).status_code == 404


def test_bob_cannot_edit_submit_or_publish_alices_draft(client, bob, alices_draft):
    login(client, bob)
    edit = reverse("practices:edit", args=[alices_draft.pk])
    assert client.get(edit).status_code == 404
    assert client.post(edit, form_data(title="Bob was here")).status_code == 404
    for action in ["submit", "publish", "request-changes", "archive"]:
        assert client.post(workflow(alices_draft, action), {"note": "x"}).status_code == 404
    alices_draft.refresh_from_db()
    assert alices_draft.title == "Alice's secret draft about shelters"
    assert alices_draft.status == Status.DRAFT


def test_bob_cannot_remove_the_attachment_of_alices_draft(client, alice, bob, alices_draft):
    attachment = attach(alices_draft, alice)
    login(client, bob)
    url = reverse("practices:attachment_remove", args=[alices_draft.pk, attachment.pk])
    assert client.post(url).status_code == 404
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_bob_cannot_edit_alices_published_practice(client, bob, published):
    login(client, bob)
    response = client.post(reverse("practices:edit", args=[published.pk]), form_data(title="X"))
    assert response.status_code == 403
    published.refresh_from_db()
    assert published.title == "Free calls at the port"
    assert published.pending_revision is None


def test_alice_cannot_publish_her_submitted_practice(client, alice, society_a):
    practice = make_practice(alice, society_a, status=Status.SUBMITTED)
    login(client, alice)
    response = client.post(workflow(practice, "publish"))
    assert response.status_code == 403
    assert "Only IFRC editors" in response.content.decode()
    practice.refresh_from_db()
    assert practice.status == Status.SUBMITTED


def test_alice_cannot_edit_her_practice_while_it_waits_for_review(client, alice, society_a):
    practice = make_practice(alice, society_a, status=Status.SUBMITTED)
    login(client, alice)
    assert client.get(reverse("practices:edit", args=[practice.pk])).status_code == 403


def test_visitor_is_asked_to_log_in_to_write(client):
    response = client.get(CREATE)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_person_without_a_society_cannot_write_a_practice(client, db):
    from tests.factories import UserFactory

    login(client, UserFactory())
    assert client.get(CREATE).status_code == 403


# --- Workflow -------------------------------------------------------------------------------


def test_alice_submits_her_draft_and_the_editors_are_emailed(
    client, alice, edith, alices_draft, django_capture_on_commit_callbacks
):
    login(client, alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(workflow(alices_draft, "submit"))
    assert response.status_code == 302
    alices_draft.refresh_from_db()
    assert alices_draft.status == Status.SUBMITTED
    assert [message.to for message in mail.outbox] == [[edith.email]]
    assert "To review" in mail.outbox[0].subject


def test_edith_publishes_and_a_visitor_finds_it_in_the_catalogue_and_the_feed(
    client, alice, edith, society_a, django_capture_on_commit_callbacks
):
    practice = make_practice(alice, society_a, status=Status.SUBMITTED, title="Mobile clinics")
    assert "Mobile clinics" not in client.get(CATALOGUE).content.decode()
    assert "Mobile clinics" not in client.get(reverse("practices:feed")).content.decode()

    login(client, edith)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(workflow(practice, "publish"))
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[alice.email]]
    assert "Published" in mail.outbox[0].subject

    client.logout()
    assert result_titles(client.get(CATALOGUE)) == ["Mobile clinics"]
    assert result_titles(client.get(CATALOGUE + "?q=clinic")) == ["Mobile clinics"]
    assert "Mobile clinics" in client.get(reverse("practices:feed")).content.decode()
    region_feed = reverse("practices:feed_region", args=["europe"])
    assert "Mobile clinics" in client.get(region_feed).content.decode()


def test_edith_requests_changes_and_alice_reads_the_note(
    client, alice, edith, society_a, django_capture_on_commit_callbacks
):
    practice = make_practice(alice, society_a, status=Status.SUBMITTED)
    login(client, edith)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(workflow(practice, "request-changes"), {"note": "Add the number of people."})
    practice.refresh_from_db()
    assert practice.status == Status.CHANGES_REQUESTED
    assert [message.to for message in mail.outbox] == [[alice.email]]

    login(client, alice)
    page = client.get(detail(practice)).content.decode()
    assert "Add the number of people." in page
    assert workflow(practice, "submit") in page  # she may submit again


def test_a_request_for_changes_needs_a_note(client, alice, edith, society_a):
    practice = make_practice(alice, society_a, status=Status.SUBMITTED)
    login(client, edith)
    response = client.post(workflow(practice, "request-changes"), {"note": "  "}, follow=True)
    assert "Tell the society what to change." in response.content.decode()
    practice.refresh_from_db()
    assert practice.status == Status.SUBMITTED


def test_workflow_actions_are_post_only(client, edith, published):
    login(client, edith)
    assert client.get(workflow(published, "archive")).status_code == 405
    assert client.post(workflow(published, "teleport")).status_code == 404


def test_edith_archives_from_the_review_queue_and_returns_there(client, edith, alice, society_a):
    practice = make_practice(alice, society_a, status=Status.SUBMITTED)
    login(client, edith)
    queue = reverse("practices:review_queue")
    response = client.post(workflow(practice, "publish"), {"next": queue})
    assert response["Location"] == queue
    response = client.post(workflow(practice, "archive"), {"next": "https://evil.example/"})
    assert response["Location"] == detail(practice)


def test_alices_edit_of_a_published_practice_waits_for_edith(client, alice, edith, published):
    edit = reverse("practices:edit", args=[published.pk])
    login(client, alice)
    page = client.get(edit).content.decode()
    assert "will wait for an IFRC editor" in page
    response = client.post(edit, form_data(title="Free calls and showers at the port"))
    assert response.status_code == 302

    client.logout()
    page = client.get(detail(published)).content.decode()
    assert "Free calls at the port" in page
    assert "showers" not in page
    assert result_titles(client.get(CATALOGUE)) == ["Free calls at the port"]

    login(client, alice)
    assert "waits for an editor" in client.get(detail(published)).content.decode()
    # Her next edit starts from her revision, not from the published text.
    assert "Free calls and showers at the port" in client.get(edit).content.decode()

    login(client, edith)
    page = client.get(detail(published)).content.decode()
    assert re.search(
        r'<td class="diff-old">Free calls at the port</td>'
        r'<td class="diff-new">Free calls and showers at the port</td>',
        page,
    )
    client.post(workflow(published, "publish"))
    client.logout()
    assert result_titles(client.get(CATALOGUE)) == ["Free calls and showers at the port"]


def test_edith_corrects_tags_and_both_sides_see_the_difference(client, alice, edith, society_a):
    practice = make_practice(alice, society_a, status=Status.SUBMITTED, principles=["P1", "P7"])
    login(client, edith)
    data = form_data(principles=["P1", "P6"], title=practice.title)
    response = client.post(reverse("practices:edit", args=[practice.pk]), data)
    assert response.status_code == 302
    for person in (alice, edith):
        login(client, person)
        page = client.get(detail(practice)).content.decode()
        assert "Tags corrected by the IFRC editors" in page
        assert "+ P6 · Build partnerships for migrants" in page
        assert "<del>P7 · Work along the migratory trails</del>" in page


# --- Form -------------------------------------------------------------------------------------


def test_alice_writes_a_practice_through_the_form(client, alice, society_a):
    login(client, alice)
    response = client.post(CREATE, form_data())
    practice = Practice.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail(practice)
    assert practice.society == society_a
    assert practice.status == Status.DRAFT
    assert practice.countries == ["ITA", "GRC"]
    assert practice.support_types == ["protection", "assistance"]
    assert practice.links == ["https://example.org/clinics"]
    assert practice.start_year == 2021 and practice.end_year is None
    assert practice.contact == alice
    page = client.get(detail(practice)).content.decode()
    assert "saved as a draft" in page
    assert "<li>Weekly clinics</li>" in page
    assert "Since 2021, ongoing" in page
    assert "Greece" in page


def test_every_field_of_the_form_has_a_label(client, alice):
    login(client, alice)
    page = client.get(CREATE).content.decode()
    for name in ["title", "summary", "context", "links", "countries", "start_year", "attachment"]:
        assert f'<label for="id_{name}">' in page, name
    for name in ["steps", "dimensions", "support_types", "principles", "visibility"]:
        assert f'for="id_{name}_0"' in page, name
    assert 'id="id_society"' not in page  # alice belongs to one society
    assert 'id="id_replicable"' not in page  # the rubric is for editors


def test_the_society_is_asked_of_members_of_several_societies(client, alice, society_b):
    Membership.objects.create(user=alice, society=society_b, status=Membership.Status.APPROVED)
    login(client, alice)
    page = client.get(CREATE).content.decode()
    assert 'id="id_society"' in page
    assert "Kenya Red Cross Society" in page
    assert "Lebanese Red Cross" not in page
    client.post(CREATE, form_data(society=society_b.pk))
    assert Practice.objects.get().society == society_b


def test_alice_cannot_write_for_a_society_that_is_not_hers(client, alice, society_b):
    Membership.objects.create(
        user=alice,
        society=NationalSociety.objects.get(country_id="FRA", kind="national-society"),
        status=Membership.Status.APPROVED,
    )
    login(client, alice)
    response = client.post(CREATE, form_data(society=society_b.pk))
    assert response.status_code == 400
    assert not Practice.objects.exists()


def test_the_form_keeps_what_was_typed_when_tags_are_missing(client, alice):
    login(client, alice)
    data = form_data(steps=[], principles=[], title="Shelter for families on the move")
    response = client.post(CREATE, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="Shelter for families on the move"' in page
    assert "Lawyers and volunteers explain asylum procedures" in page
    assert 'value="GRC" selected' in page
    assert 'value="protection" id="id_support_types_2" checked' in page
    assert "The practice is not saved yet" in page
    assert page.count("This field is required.") >= 2
    assert not Practice.objects.exists()


def test_the_form_refuses_a_summary_over_600_characters(client, alice):
    login(client, alice)
    summary = "Long words about migrants. " * 30  # over 600 characters
    response = client.post(CREATE, form_data(summary=summary))
    assert response.status_code == 400
    page = response.content.decode()
    assert "at most 600 characters" in page
    assert summary.strip() in page
    assert not Practice.objects.exists()


@pytest.mark.parametrize(
    ("content", "what"), [(PNG_BYTES, "a PNG"), (b"just some text\n", "plain text")]
)
def test_the_form_refuses_a_disguised_upload(client, alice, content, what):
    login(client, alice)
    data = form_data(attachment=SimpleUploadedFile("x.pdf", content))
    response = client.post(CREATE, data)
    assert response.status_code == 400, what
    page = response.content.decode()
    assert "The file&#x27;s content is not a PDF file." in page
    assert re.search(r'for="id_attachment">.*?The file&#x27;s content is not', page, re.S)
    assert 'value="Legal clinics for newly arrived migrants"' in page
    assert not Practice.objects.exists()
    assert not Attachment.objects.exists()


def test_the_form_refuses_an_upload_over_20_mb(client, alice, tmp_path):
    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024))
    login(client, alice)
    with big.open("rb") as upload:
        response = client.post(CREATE, form_data(attachment=upload))
    assert response.status_code == 400
    assert "The file is larger than 20 MB." in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_file_chosen_on_a_form_with_errors_is_to_be_chosen_again(client, alice):
    login(client, alice)
    upload = SimpleUploadedFile("Évaluation.pdf", PDF_BYTES)
    response = client.post(CREATE, form_data(steps=[], attachment=upload))
    assert response.status_code == 400
    page = response.content.decode()
    message = "Choose Évaluation.pdf again before saving: a file is not kept while the form has"
    # Next to the field, and in the list of what to correct.
    assert re.search(rf'for="id_attachment">.*?{message}', page, re.S)
    assert re.search(rf'<a href="#id_attachment">Add an attachment</a>: {message}', page)
    assert not Attachment.objects.exists()


def test_a_wrong_file_on_a_form_with_errors_says_only_what_is_wrong_with_it(client, alice):
    login(client, alice)
    upload = SimpleUploadedFile("x.pdf", b"just some text\n")
    page = client.post(CREATE, form_data(steps=[], attachment=upload)).content.decode()
    assert "The file&#x27;s content is not a PDF file." in page
    assert "again before saving" not in page


def test_alice_is_told_to_choose_her_file_again_when_her_edit_is_refused(
    client, alice, alices_draft
):
    login(client, alice)
    upload = SimpleUploadedFile("notes.pdf", PDF_BYTES)
    data = form_data(start_year="2022", end_year="2020", attachment=upload)
    response = client.post(reverse("practices:edit", args=[alices_draft.pk]), data)
    assert response.status_code == 400
    assert "Choose notes.pdf again before saving" in response.content.decode()
    assert not alices_draft.attachments.exists()


def test_alice_attaches_a_pdf_and_a_visitor_downloads_it_by_its_name(
    client, alice, edith, society_a
):
    login(client, alice)
    upload = SimpleUploadedFile("Rapport final été.pdf", PDF_BYTES)
    client.post(CREATE, form_data(attachment=upload))
    practice = Practice.objects.get()
    attachment = practice.attachments.get()
    assert attachment.file.name != "Rapport final été.pdf"  # stored under a generated name
    services.submit_practice(practice=practice, actor=alice)
    services.publish_practice(practice=practice, actor=edith)

    client.logout()
    page = client.get(detail(practice)).content.decode()
    assert attachment.get_absolute_url() in page
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''Rapport%20final%20%C3%A9t%C3%A9.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_alice_removes_an_attachment(client, alice, alices_draft):
    attachment = attach(alices_draft, alice, name="old.pdf")
    login(client, alice)
    edit = reverse("practices:edit", args=[alices_draft.pk])
    assert "old.pdf" in client.get(edit).content.decode()
    url = reverse("practices:attachment_remove", args=[alices_draft.pk, attachment.pk])
    response = client.post(url)
    assert response["Location"] == edit
    assert not alices_draft.attachments.exists()


def test_edith_sets_the_rubric_and_alice_cannot(client, alice, edith, published):
    edit = reverse("practices:edit", args=[published.pk])
    login(client, alice)
    client.post(edit, form_data(title=published.title, replicable="on", featured="on"))
    published.refresh_from_db()
    assert not published.replicable and not published.featured
    assert "replicable" not in (published.pending_revision or {})

    login(client, edith)
    assert 'id="id_replicable"' in client.get(edit).content.decode()
    client.post(edit, form_data(title=published.title, replicable="on", featured="on"))
    published.refresh_from_db()
    assert published.replicable and published.featured


def test_edith_writes_a_practice_of_her_society_with_its_rubric(client, edith, society_b):
    Membership.objects.create(user=edith, society=society_b, status=Membership.Status.APPROVED)
    login(client, edith)
    response = client.post(CREATE, form_data(society=society_b.pk, evaluated="on"))
    practice = Practice.objects.get()
    assert response["Location"] == detail(practice)
    assert practice.society == society_b and practice.evaluated


def test_edith_writes_a_draft_for_another_society_and_both_see_it(
    client, edith, bob, alice, society_b
):
    login(client, edith)
    response = client.post(CREATE, form_data(society=society_b.pk, evaluated="on"))
    practice = Practice.objects.get()
    assert response["Location"] == detail(practice)
    assert practice.society == society_b and practice.status == Status.DRAFT
    assert practice.evaluated
    assert client.get(detail(practice)).status_code == 200
    login(client, bob)
    assert client.get(detail(practice)).status_code == 200
    login(client, alice)
    assert client.get(detail(practice)).status_code == 404


def test_invalid_links_and_years_are_shown_on_the_form(client, alice):
    login(client, alice)
    data = form_data(links="https://ok.example\nnot a link", start_year="2020", end_year="2019")
    response = client.post(CREATE, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Not a web address: not a link" in page
    assert "The end year comes before the start year." in page


# --- Catalogue --------------------------------------------------------------------------------


@pytest.fixture
def catalogue_set(alice, bob, edith, society_a, society_b):
    """Published practices of two societies with different tags, and one draft."""
    make_practice(
        alice, society_a, status=Status.PUBLISHED, editor=edith, title="Italian shelters",
        principles=["P1"], steps=["arrival"],
    )  # fmt: skip
    make_practice(
        alice, society_a, status=Status.PUBLISHED, editor=edith, title="Italian helpline",
        principles=["P1", "P6"], steps=["arrival", "long-term-stay"], language="fr",
    )  # fmt: skip
    make_practice(
        bob, society_b, status=Status.PUBLISHED, editor=edith, title="Kenyan border posts",
        countries=["KEN"], principles=["P6", "P7"], steps=["transition-at-borders"],
    )  # fmt: skip
    make_practice(alice, society_a, title="Italian draft", principles=["P1"])


def facet_count(page: str, label: str) -> int:
    match = re.search(
        rf'<span class="facet-label">{re.escape(label)}</span>[^<]*'
        rf'(?:<span class="visually-hidden">[^<]*</span>)?\s*<span class="count">(\d+)</span>',
        page,
    )
    return int(match.group(1)) if match else 0


def test_catalogue_facet_counts_equal_the_results_of_each_value(client, catalogue_set):
    page = client.get(CATALOGUE).content.decode()
    checks = {
        ("principle", "P1"): "P1 · Focus on the needs and vulnerabilities of migrants",
        ("principle", "P6"): "P6 · Build partnerships for migrants",
        ("principle", "P7"): "P7 · Work along the migratory trails",
        ("region", "europe"): "Europe",
        ("region", "africa"): "Sub-Saharan Africa",
        ("step", "arrival"): "Arrival",
        ("language", "fr"): "French",
        ("country", "KEN"): "Kenya",
    }
    for (name, value), label in checks.items():
        count = facet_count(page, label)
        results = result_titles(client.get(CATALOGUE, {name: value}))
        assert count == len(results) > 0, (name, value)
    assert facet_count(page, "P1 · Focus on the needs and vulnerabilities of migrants") == 2


def test_facet_links_toggle_one_value_and_keep_the_other_filters(client, catalogue_set):
    page = client.get(CATALOGUE, {"region": "europe", "q": "italian"}).content.decode()
    assert 'href="?region=europe&amp;q=italian&amp;principle=P6"' in page
    # The chosen value's link takes it away again.
    assert 'href="?q=italian"' in page
    both = client.get(CATALOGUE, {"principle": ["P1", "P7"]})
    assert sorted(result_titles(both)) == [
        "Italian helpline",
        "Italian shelters",
        "Kenyan border posts",
    ]
    narrowed = client.get(CATALOGUE, {"principle": ["P1", "P7"], "region": "africa"})
    assert result_titles(narrowed) == ["Kenyan border posts"]


def test_active_filters_are_removable_chips(client, catalogue_set):
    page = client.get(CATALOGUE, {"principle": ["P1", "P6"], "region": "europe"}).content.decode()
    assert re.search(r'<a class="chip" href="\?principle=P6&amp;region=europe">Principle: P1', page)
    assert re.search(r'<a class="chip" href="\?principle=P1&amp;principle=P6">Region: Europe', page)


def test_catalogue_orders_by_title_and_searches_with_snippets(client, catalogue_set):
    titles = result_titles(client.get(CATALOGUE, {"ordering": "title"}))
    assert titles == sorted(titles)
    page = client.get(CATALOGUE, {"q": "families"}).content.decode()
    assert "<mark>families</mark>" in page


def test_society_filter_comes_from_the_society_page(client, catalogue_set, society_b):
    page = client.get(reverse("core:society_detail", args=[society_b.slug])).content.decode()
    assert "Kenyan border posts" in page
    assert f'href="/practices/?society={society_b.slug}"' in page
    response = client.get(CATALOGUE, {"society": society_b.slug})
    assert result_titles(response) == ["Kenyan border posts"]
    assert "National Society: Kenya Red Cross Society" in response.content.decode()


def test_invalid_filters_are_a_400_with_the_errors(client, catalogue_set):
    for nonsense in [{"region": "a b/c"}, {"published_after": "yesterday"}, {"ordering": "x"}]:
        assert client.get(CATALOGUE, nonsense).status_code == 400, nonsense
    response = client.get(CATALOGUE, {"region": "atlantis", "principle": "P99"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Some filters are not valid" in page
    assert "atlantis is not one of the available choices" in page


def test_catalogue_pages_through_results(client, alice, edith, society_a):
    for number in range(22):
        make_practice(
            alice, society_a, status=Status.PUBLISHED, editor=edith, title=f"Practice {number:02}"
        )
    first = client.get(CATALOGUE, {"ordering": "title", "region": "europe"})
    assert len(result_titles(first)) == 20
    assert "22 practices" in first.content.decode()
    assert 'href="?ordering=title&amp;region=europe&amp;page=2"' in first.content.decode()
    second = client.get(CATALOGUE, {"ordering": "title", "region": "europe", "page": 2})
    assert result_titles(second) == ["Practice 20", "Practice 21"]
    assert client.get(CATALOGUE, {"page": "zzz"}).status_code == 200


def test_catalogue_links_to_feeds_and_the_csv_export(client, catalogue_set):
    page = client.get(CATALOGUE, {"region": "europe", "principle": "P1"}).content.decode()
    assert reverse("practices:feed") in page
    assert reverse("practices:feed_region", args=["europe"]) in page
    assert reverse("practices:feed_principle", args=["P1"]) in page
    assert "/api/v1/practices/?region=europe&amp;principle=P1&amp;format=csv" in page


@pytest.mark.parametrize("size", [5, 25])
def test_catalogue_query_count_does_not_grow_with_the_results(
    client, alice, edith, society_a, size, django_assert_max_num_queries
):
    for number in range(size):
        make_practice(
            alice, society_a, status=Status.PUBLISHED, editor=edith, title=f"Practice {number}"
        )
    # Anonymous: the facets (with the total) and one page of rows.
    with django_assert_max_num_queries(2):
        response = client.get(CATALOGUE, {"q": "families", "principle": "P1"})
    assert len(result_titles(response)) == min(size, 20)
    login(client, alice)
    # Logged in: the session, the user, their societies and groups, the kept counts and her
    # society's practices beyond them (practices.tallies), one page of rows, and the header's
    # count of unread notifications.
    with django_assert_max_num_queries(8):
        response = client.get(CATALOGUE)
    assert len(result_titles(response)) == min(size, 20)


def test_arabic_catalogue_is_right_to_left(client, catalogue_set):
    response = client.get(CATALOGUE, headers={"Accept-Language": "ar"})
    page = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "أوروبا" in page  # "Europe", from the Arabic catalogue


# --- Practice page ----------------------------------------------------------------------------


def test_markdown_and_snippets_cannot_run_script(client, alice, edith, society_a):
    hostile = "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(2)>"
    practice = make_practice(
        alice, society_a, status=Status.PUBLISHED, editor=edith, context=hostile,
        summary="Families <script>alert(3)</script> find help <mark>here",
    )  # fmt: skip
    page = client.get(detail(practice)).content.decode()
    assert "<script>alert" not in page
    assert "javascript:" not in page
    assert "onerror" not in page
    results = client.get(CATALOGUE, {"q": "families"}).content.decode()
    assert "<mark>Families</mark>" in results
    assert "<script>alert(3)" not in results
    assert "&lt;script&gt;alert(3)" in results


def test_render_markdown_keeps_only_the_allowed_html():
    html = render_markdown(
        "# Title\n\n**bold** [site](https://example.org) [x](javascript:alert(1))\n\n"
        "<script>alert(1)</script><iframe src=x></iframe>"
    )
    assert "<h3>Title</h3>" in html
    assert "<strong>bold</strong>" in html
    assert 'href="https://example.org" rel="noopener noreferrer nofollow"' in html
    assert "javascript" not in html and "script" not in html and "iframe" not in html
    assert render_markdown("") == ""


def test_safe_snippet_lets_only_mark_through():
    html = safe_snippet('<mark>a</mark> <b onclick="x">b</b> <mark>open')
    assert html == '<mark>a</mark> &lt;b onclick="x"&gt;b&lt;/b&gt; <mark>open</mark>'


def test_the_practice_page_shows_its_facts_and_tags_as_catalogue_links(client, published):
    page = client.get(detail(published)).content.decode()
    assert "Italian Red Cross" in page
    assert 'href="/practices/?principle=P1"' in page
    assert 'href="/practices/?step=transition-at-borders"' in page
    assert 'href="/practices/?country=ITA"' in page
    assert "Italy" in page
    assert "Phone charging, free calls and tracing requests." in page


def test_contact_person_email_is_for_logged_in_members(client, bob, published):
    published.contact_email = "port@example.org"
    published.save(update_fields=["contact_email"])
    page = client.get(detail(published)).content.decode()
    assert "Alice" in page and "port@example.org" in page
    assert "alice@example.org" not in page
    login(client, bob)
    assert "alice@example.org" in client.get(detail(published)).content.decode()


def test_similar_practices_share_tags_and_are_visible(
    client, alice, bob, edith, society_a, society_b, published, django_capture_on_commit_callbacks
):
    # The lists are worked out after each write commits (practices.similarity).
    with django_capture_on_commit_callbacks(execute=True):
        make_practice(
            alice, society_a, status=Status.PUBLISHED, editor=edith, title="Sister practice",
            principles=["P1", "P7"], steps=["transition-at-borders"],
        )  # fmt: skip
        make_practice(
            bob, society_b, status=Status.PUBLISHED, editor=edith, title="Unrelated practice",
            summary="Cash grants for rent.", context="", activities="", countries=["KEN"],
            principles=["P3"], steps=["origin"], support_types=["assistance"],
        )  # fmt: skip
        make_practice(alice, society_a, title="Draft sister", principles=["P1", "P7"])
        make_practice(
            alice, society_a, status=Status.PUBLISHED, editor=edith, title="Members' sister",
            visibility="movement",
        )  # fmt: skip
    page = client.get(detail(published)).content.decode()
    similar = page.split("Similar practices", 1)[1]
    assert "Sister practice" in similar
    assert "Unrelated practice" not in similar
    assert "Draft sister" not in similar
    assert "Members&#x27; sister" not in similar
    login(client, bob)
    similar = client.get(detail(published)).content.decode().split("Similar practices", 1)[1]
    assert "Sister practice" in similar and "Members&#x27; sister" in similar


def test_workflow_buttons_follow_the_persona(client, alice, bob, edith, society_a):
    practice = make_practice(alice, society_a, status=Status.SUBMITTED)
    login(client, alice)
    page = client.get(detail(practice)).content.decode()
    assert workflow(practice, "publish") not in page
    assert reverse("practices:history", args=[practice.pk]) not in page
    login(client, edith)
    page = client.get(detail(practice)).content.decode()
    for action in ["publish", "request-changes", "archive"]:
        assert workflow(practice, action) in page
    assert reverse("practices:history", args=[practice.pk]) in page


# --- Lists, history, sections, admin --------------------------------------------------------


def test_my_societys_practices_lists_statuses_and_revisions(client, alice, fiona, bob, edith):
    society = NationalSociety.objects.get(country_id="ITA", kind="national-society")
    make_practice(fiona, society, title="Fiona's draft")
    published = make_practice(alice, society, status=Status.PUBLISHED, editor=edith)
    services.update_practice(practice=published, actor=alice, data={"title": "New title"})
    login(client, alice)
    page = client.get(reverse("practices:mine")).content.decode()
    assert "Fiona&#x27;s draft" in page
    assert "badge-draft" in page and "badge-published" in page
    assert "Edit waiting for review" in page
    assert reverse("practices:edit", args=[published.pk]) in page
    login(client, bob)
    page = client.get(reverse("practices:mine")).content.decode()
    assert "Fiona&#x27;s draft" not in page


def test_the_review_queue_is_for_editors(client, alice):
    login(client, alice)
    assert client.get(reverse("practices:review_queue")).status_code == 403


def test_edith_reviews_submissions_and_revisions_oldest_first(
    client, alice, bob, edith, society_a, society_b
):
    old = make_practice(bob, society_b, status=Status.SUBMITTED, title="Old submission")
    # Set up a long wait directly: the services stamp the present.
    Practice.objects.filter(pk=old.pk).update(submitted_at=timezone.now() - timedelta(days=20))
    make_practice(alice, society_a, status=Status.SUBMITTED, title="New submission")
    revised = make_practice(alice, society_a, status=Status.PUBLISHED, editor=edith)
    services.update_practice(practice=revised, actor=alice, data={"title": "Revised title"})
    make_practice(alice, society_a, title="A draft")

    login(client, edith)
    queue = reverse("practices:review_queue")
    titles = result_titles(client.get(queue))
    assert titles[0] == "Old submission"
    assert set(titles) == {"Old submission", "New submission", revised.title}
    assert result_titles(client.get(queue, {"waiting": 14})) == ["Old submission"]
    assert result_titles(client.get(queue, {"region": "europe", "status": "submitted"})) == [
        "New submission"
    ]
    assert result_titles(client.get(queue, {"status": "revision"})) == [revised.title]
    assert client.get(queue, {"waiting": "forever"}).status_code == 400


def test_history_is_for_editors_and_shows_who_changed_what(client, alice, edith, published):
    history = reverse("practices:history", args=[published.pk])
    detail = reverse("practices:detail", args=[published.pk])
    login(client, alice)
    assert client.get(history).status_code == 403
    assert f'href="{history}"' not in client.get(detail).content.decode()
    login(client, edith)
    assert f'href="{history}"' in client.get(detail).content.decode()
    client.post(
        reverse("practices:edit", args=[published.pk]), form_data(title="Calls at the port")
    )
    page = client.get(history).content.decode()
    assert page.index("Edited") < page.index("Published") < page.index("Created")
    assert "<strong>Edith</strong>" in page and "<strong>Alice</strong>" in page
    assert re.search(
        r"Title</th><td class=\"diff-old\">Free calls at the port</td>"
        r"<td class=\"diff-new\">Calls at the port</td>",
        page,
    )


def test_history_records_a_bulk_update(client, edith, published):
    # The new title is on the page anyway (heading, breadcrumbs): what shows that history
    # recorded the update is one more entry, with the old and the new value side by side.
    history = reverse("practices:history", args=[published.pk])
    login(client, edith)
    entries_before = client.get(history).content.decode().count('class="history-entry"')
    Practice.objects.filter(pk=published.pk).update(title="Bulk title")
    page = client.get(history).content.decode()
    assert page.count('class="history-entry"') == entries_before + 1
    assert re.search(
        r"Title</th><td class=\"diff-old\">Free calls at the port</td>"
        r"<td class=\"diff-new\">Bulk title</td>",
        page,
    )


def test_home_page_shows_featured_newest_and_counts(client, alice, edith, catalogue_set):
    featured = Practice.objects.get(title="Italian helpline")
    services.update_practice(practice=featured, actor=edith, data={"featured": True})
    page = client.get(reverse("core:home")).content.decode()
    assert "Featured" in page and "Italian helpline" in page
    assert "Kenyan border posts" in page
    assert "Italian draft" not in page
    assert re.search(r'\?region=europe">Europe</a> <span class="count">2</span>', page)
    assert re.search(r'\?principle=P6">P6 · [^<]+</a> <span class="count">2</span>', page)


def test_region_page_lists_its_published_practices(client, catalogue_set):
    page = client.get(reverse("core:region_detail", args=["africa"])).content.decode()
    assert "Kenyan border posts" in page
    assert "Italian shelters" not in page
    assert 'href="/practices/?region=africa"' in page


# --- Text in another language than the page ----------------------------------------------------

ARABIC = {"Accept-Language": "ar"}


@pytest.fixture
def three_languages(alice, edith, society_a):
    published = {"status": Status.PUBLISHED, "editor": edith}
    return {
        "en": make_practice(alice, society_a, **published, title="Free calls at the port"),
        "ar": make_practice(
            alice, society_a, **published, language="ar", title="مكالمات مجانية في الميناء",
            summary="يتصل المتطوعون بالعائلات.",
        ),
        "other": make_practice(
            alice, society_a, **published, language="other", title="Darmowe rozmowy w porcie"
        ),
    }  # fmt: skip


def test_on_an_arabic_page_an_english_title_keeps_its_language_and_direction(
    client, three_languages, society_a
):
    for url in (
        reverse("core:home"),
        reverse("core:region_detail", args=["europe"]),
        reverse("core:society_detail", args=[society_a.slug]),
    ):
        page = client.get(url, headers=ARABIC).content.decode()
        assert '<bdi lang="en" dir="ltr">Free calls at the port</bdi>' in page, url
        # The society's name is isolated from the date beside it, which stays whole.
        assert re.search(r'<span class="muted"><bdi>[^<]+</bdi> · <time datetime=', page), url


def test_an_arabic_practice_on_an_english_page_reads_right_to_left(client, three_languages):
    page = client.get(CATALOGUE).content.decode()
    assert '<bdi lang="ar" dir="rtl">مكالمات مجانية في الميناء</bdi>' in page
    assert '<p class="result-summary" lang="ar" dir="rtl">يتصل المتطوعون بالعائلات.</p>' in page
    # A language the page cannot name: the browser reads the direction from the text.
    assert '<bdi dir="auto">Darmowe rozmowy w porcie</bdi>' in page
    detail = client.get(three_languages["ar"].get_absolute_url()).content.decode()
    assert '<h1><bdi lang="ar" dir="rtl">' in detail
    assert '<div class="practice-main" lang="ar" dir="rtl">' in detail


def test_navigation_follows_the_persona(client, alice, edith):
    page = client.get(CATALOGUE).content.decode()
    assert f'href="{CATALOGUE}"' in page
    assert reverse("practices:mine") not in page
    login(client, alice)
    page = client.get(CATALOGUE).content.decode()
    assert reverse("practices:mine") in page
    assert reverse("practices:review_queue") not in page
    login(client, edith)
    assert reverse("practices:review_queue") in client.get(CATALOGUE).content.decode()


def test_admin_publishes_through_the_services(client, admin, alice, society_a):
    practice = make_practice(alice, society_a, status=Status.SUBMITTED)
    draft = make_practice(alice, society_a, title="Still a draft")
    login(client, admin)
    changelist = reverse("admin:practices_practice_changelist")
    page = client.get(changelist).content.decode()
    assert "Still a draft" in page  # superusers see everything
    change = reverse("admin:practices_practice_change", args=[practice.pk])
    assert client.get(change).status_code == 200  # a read-only view
    response = client.post(
        changelist, {"action": "publish", "_selected_action": [practice.pk, draft.pk]}
    )
    assert response.status_code == 302
    practice.refresh_from_db()
    draft.refresh_from_db()
    assert practice.status == Status.PUBLISHED
    assert draft.status == Status.DRAFT  # a draft cannot be published
    event = practice.events.order_by("-pgh_id").first()
    assert event.pgh_context.metadata["action"] == "publish"
