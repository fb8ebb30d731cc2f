"""The guideline pages: reading, writing versions, publishing, translating, diff and print."""

import re

import pytest
from django.urls import reverse

from advocacy.models import GuidelineVersion, SectionTranslation
from advocacy.services import guidelines as services
from tests.advocacy.factories import publish_through_services
from tests.conftest import login

pytestmark = pytest.mark.django_db

V1 = {
    "background": ("Background", "Migrants face barriers."),
    "asks": ("Asks", "States should guarantee access."),
}
V2 = {**V1, "asks": ("Asks", "States must guarantee safe access.")}


@pytest.fixture
def guideline(edith):
    return services.create_guideline(
        actor=edith, data={"title": "Humanitarian access", "principles": ["P1"]}
    )


@pytest.fixture
def published(guideline, edith):
    publish_through_services(guideline, edith, V1, parameters=["national-law"])
    return guideline


def detail_url(guideline):
    return reverse("advocacy:detail", args=[guideline.slug])


def test_visitor_reads_a_published_guideline_with_its_history(client, published, edith):
    publish_through_services(published, edith, V2)
    response = client.get(detail_url(published))
    page = response.content.decode()
    assert response.status_code == 200
    assert "States must guarantee safe access." in page
    assert "?from=1&amp;to=2" in page
    assert "Translations of version 2" in page


def test_visitor_and_alice_cannot_see_an_unpublished_guideline(client, alice, guideline):
    assert client.get(detail_url(guideline)).status_code == 404
    login(client, alice)
    assert client.get(detail_url(guideline)).status_code == 404
    assert guideline.title not in client.get(reverse("advocacy:list")).content.decode()


def test_edith_writes_sends_to_review_and_publishes_a_version_through_the_pages(
    client, edith, guideline
):
    login(client, edith)
    response = client.post(reverse("advocacy:version_create", args=[guideline.slug]))
    version = guideline.versions.get()
    assert response.url == version.get_absolute_url()
    base = [guideline.slug, 1]
    response = client.post(
        reverse("advocacy:section_create", args=base),
        {"key": "asks", "heading": "Asks", "body": "Access for all.", "key_message": "on"},
    )
    assert response.status_code == 302
    client.post(reverse("advocacy:version_workflow", args=[*base, "send-to-review"]))
    response = client.post(
        reverse("advocacy:version_workflow", args=[*base, "publish"]),
        {"change_level": "substantive", "change_note": "First"},
    )
    assert response.status_code == 302
    version.refresh_from_db()
    assert (version.status, version.change_note) == ("published", "First")
    assert version.sections.get().key_message


def test_publishing_without_a_change_level_shows_the_form_again(client, edith, guideline):
    version = services.create_version(guideline=guideline, actor=edith)
    services.save_section(version=version, actor=edith, key="a", data={"heading": "A", "body": "B"})
    services.send_to_review(version=version, actor=edith)
    login(client, edith)
    response = client.post(
        reverse("advocacy:version_workflow", args=[guideline.slug, 1, "publish"]),
        {"change_note": "What I typed"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "What I typed" in page and "This field is required." in page
    version.refresh_from_db()
    assert version.status == "in-review"


def test_a_section_form_with_a_bad_key_keeps_what_was_typed(client, edith, guideline):
    services.create_version(guideline=guideline, actor=edith)
    login(client, edith)
    response = client.post(
        reverse("advocacy:section_create", args=[guideline.slug, 1]),
        {"key": "Not a key!", "heading": "My heading", "body": "My body"},
    )
    assert response.status_code == 400
    assert "My heading" in response.content.decode()


def test_fiona_cannot_write_or_publish_a_version_through_the_pages(client, fiona, edith, published):
    version = services.create_version(guideline=published, actor=edith)
    services.send_to_review(version=version, actor=edith)
    login(client, fiona)
    # Versions in the making are the editors' own: to anyone else they are not there.
    response = client.post(
        reverse("advocacy:version_workflow", args=[published.slug, 2, "publish"]),
        {"change_level": "editorial"},
    )
    assert response.status_code == 404
    response = client.post(
        reverse("advocacy:section_create", args=[published.slug, 1]),
        {"key": "mine", "heading": "Mine", "body": "Mine."},
    )
    assert response.status_code == 403
    assert client.post(reverse("advocacy:version_create", args=[published.slug])).status_code == 403
    version.refresh_from_db()
    assert version.status == "in-review"
    assert not GuidelineVersion.objects.filter(number=3).exists()


def test_edith_cannot_edit_a_published_versions_section_through_the_page(client, edith, published):
    login(client, edith)
    url = reverse("advocacy:section_edit", args=[published.slug, 1, "asks"])
    assert client.get(url).status_code == 403
    response = client.post(url, {"heading": "Asks", "body": "Changed."})
    assert response.status_code == 403
    assert GuidelineVersion.objects.get().sections.get(key="asks").body == (
        "States should guarantee access."
    )


def test_edith_reading_in_french_is_told_in_french_that_nothing_is_saved(client, edith, guideline):
    services.create_version(guideline=guideline, actor=edith)
    login(client, edith)
    client.cookies["django_language"] = "fr"
    response = client.post(
        reverse("advocacy:section_create", args=[guideline.slug, 1]),
        {"key": "Not a key!", "heading": "My heading", "body": "My body"},
    )

    assert response.status_code == 400
    assert "Rien n&#x27;est encore enregistré" in response.content.decode()


def test_the_diff_page_marks_words_added_and_removed(client, edith, published):
    publish_through_services(published, edith, V2)
    response = client.get(reverse("advocacy:diff", args=[published.slug]) + "?from=1&to=2")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<del><span class="visually-hidden">removed: </span>should</del>' in page
    assert '<ins><span class="visually-hidden">added: </span>must</ins>' in page


def test_the_diff_page_refuses_a_version_that_does_not_exist(client, published):
    response = client.get(reverse("advocacy:diff", args=[published.slug]) + "?from=1&to=7")
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_edith_translates_and_sees_the_source_diff_once_a_section_changed(client, edith, published):
    login(client, edith)
    url = reverse("advocacy:translation", args=[published.slug, 1, "fr", "asks"])
    response = client.post(url, {"heading": "Demandes", "text": "Les États devraient…"})
    assert response.status_code == 302
    publish_through_services(published, edith, V2)
    translation = SectionTranslation.objects.get(
        version__number=2, section_key="asks", language="fr"
    )
    assert translation.state == "needs-update"
    response = client.get(reverse("advocacy:translation", args=[published.slug, 2, "fr", "asks"]))
    page = response.content.decode()
    assert "The English changed since this was translated (from version 1)" in page
    assert '<ins><span class="visually-hidden">added: </span>must</ins>' in page
    assert "Les États devraient…" in page


def test_bob_cannot_translate_without_his_society_being_named(client, bob, published):
    login(client, bob)
    url = reverse("advocacy:translation", args=[published.slug, 1, "es", "asks"])
    assert client.post(url, {"text": "Los Estados"}).status_code == 403
    assert (
        SectionTranslation.objects.get(version__number=1, section_key="asks", language="es").state
        == "missing"
    )


def test_a_blank_translation_is_shown_again_with_a_message(client, edith, published):
    login(client, edith)
    url = reverse("advocacy:translation", args=[published.slug, 1, "ar", "asks"])
    response = client.post(url, {"heading": "مطالب", "text": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "مطالب" in page and 'dir="rtl"' in page


def test_the_print_view_of_a_version_is_in_arabic_right_to_left(client, edith, published):
    login(client, edith)
    client.post(
        reverse("advocacy:translation", args=[published.slug, 1, "ar", "asks"]),
        {"heading": "المطالب", "text": "يجب على الدول ضمان الوصول."},
    )
    response = client.get(
        reverse("advocacy:version_print", args=[published.slug, 1]) + "?language=ar"
    )
    page = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "يجب على الدول ضمان الوصول." in page


def test_the_pdf_of_a_version_is_a_pdf(client, published):
    response = client.get(
        reverse("advocacy:version_print", args=[published.slug, 1]) + "?format=pdf&language=fr"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response).startswith(b"%PDF")
    assert (
        "access-v1-fr.pdf" in response["Content-Disposition"]
        or "v1-fr.pdf" in response["Content-Disposition"]
    )


def test_the_feed_lists_published_versions_for_visitors_only(client, edith, published):
    services.create_guideline(actor=edith, data={"title": "Secret draft guideline"})
    publish_through_services(published, edith, V2, level="editorial")
    response = client.get(reverse("advocacy:feed"))
    feed = response.content.decode()
    assert response.status_code == 200
    assert feed.count("<entry>") == 2
    assert "Humanitarian access, version 2" in feed
    assert "Secret draft guideline" not in feed


@pytest.mark.parametrize("size", [2, 7])
def test_the_guideline_list_query_count_does_not_grow(
    client, alice, edith, size, django_assert_max_num_queries
):
    for number in range(size):
        guideline = services.create_guideline(actor=edith, data={"title": f"Guideline {number}"})
        publish_through_services(guideline, edith, V1)
    login(client, alice)
    # Session, user, her societies; the page of guidelines, its count, their published
    # versions; the bell's unread count.
    with django_assert_max_num_queries(8):
        response = client.get(reverse("advocacy:list"))
    titles = re.findall(
        r'<h2 class="practice-title"><a href="/advocacy/[^"]+/">([^<]+)</a>',
        response.content.decode(),
    )
    assert len(titles) == size


@pytest.mark.parametrize("sections", [2, 8])
def test_the_guideline_page_query_count_does_not_grow(
    client, edith, sections, django_assert_max_num_queries
):
    guideline = services.create_guideline(actor=edith, data={"title": "Big"})
    content = {f"part-{n}": (f"Part {n}", f"Text {n}.") for n in range(sections)}
    publish_through_services(guideline, edith, content)
    publish_through_services(guideline, edith, {**content, "part-0": ("Part 0", "New.")})
    # Two more for who adapted and who endorses it (advocacy.sections.guideline_adoption).
    with django_assert_max_num_queries(12):
        response = client.get(reverse("advocacy:detail", args=[guideline.slug]))
    assert response.content.decode().count('class="guideline-section"') == sections


def test_an_arabic_reader_sees_the_guideline_in_arabic_right_to_left(client, edith, published):
    login(client, edith)
    client.post(
        reverse("advocacy:translation", args=[published.slug, 1, "ar", "asks"]),
        {"heading": "المطالب", "text": "يجب على الدول ضمان الوصول."},
    )
    client.logout()
    response = client.get(detail_url(published), HTTP_ACCEPT_LANGUAGE="ar")
    page = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "سجل الإصدارات" in page  # "History of versions"
    assert 'lang="ar" dir="rtl"' in page and "يجب على الدول ضمان الوصول." in page
    # A section without an Arabic translation reads in English, marked as English.
    assert 'lang="en" dir="ltr"' in page and "Migrants face barriers." in page


def test_a_nul_byte_in_a_section_is_a_400_and_saves_nothing(client, edith, guideline):
    services.create_version(guideline=guideline, actor=edith)
    login(client, edith)
    response = client.post(
        reverse("advocacy:section_create", args=[guideline.slug, 1]),
        {"key": "asks", "heading": "Asks", "body": "Access\x00"},
    )
    assert response.status_code == 400
    assert not GuidelineVersion.objects.get().sections.exists()
