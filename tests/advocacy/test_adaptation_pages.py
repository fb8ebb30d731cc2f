"""The adaptation pages: starting, writing and submitting one, the outdated page with its diff,
carrying forward, the status grids, endorsements, the society page, print and PDF."""

import pytest
from django.urls import reverse
from django.utils import translation

from advocacy.models import Adaptation, Endorsement
from advocacy.services import adaptations as services
from tests.advocacy.test_adaptations import V1, filled, published_adaptation, write_version
from tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def guideline(edith):
    from advocacy.services import guidelines

    guideline = guidelines.create_guideline(
        actor=edith, data={"title": "Humanitarian access for migrants"}
    )
    write_version(guideline, edith, V1)
    return guideline


@pytest.fixture
def draft(guideline, alice, society_a):
    return services.create_adaptation(
        guideline=guideline, actor=alice, society=society_a, language="it"
    )


def page(client, url, **params):
    response = client.get(url, params)
    return response, response.content.decode()


def test_alice_starts_fills_and_submits_an_adaptation_through_the_pages(client, guideline, alice):
    login(client, alice)
    new = reverse("advocacy:adaptation_create", args=[guideline.slug])
    response = client.post(new, {"language": "other", "other_language": "it", "title": ""})
    adaptation = Adaptation.objects.get()
    assert response.url == reverse("advocacy:adaptation_edit", args=[guideline.slug, adaptation.pk])
    response = client.post(
        response.url,
        {
            "title": "Accesso umanitario",
            "visibility": "public",
            "departure_note": "",
            "parameter_legal-framework": "Decreto legislativo 286/1998",
            "section_asks": "L'Italia deve garantire l'accesso.",
            "section_key-messages": "",
        },
    )
    assert response.status_code == 302
    response, text = page(client, adaptation.get_absolute_url())
    assert "Decreto legislativo 286/1998" in text
    assert "Submit for approval" in text
    response = client.post(
        reverse("advocacy:adaptation_workflow", args=[guideline.slug, adaptation.pk, "submit"])
    )
    adaptation.refresh_from_db()
    assert adaptation.status == "submitted"


def test_a_bad_language_code_reshows_the_form_with_what_was_typed(client, guideline, alice):
    login(client, alice)
    new = reverse("advocacy:adaptation_create", args=[guideline.slug])
    response = client.post(new, {"language": "other", "other_language": "elvish", "title": "Mine"})
    text = response.content.decode()
    assert response.status_code == 400
    assert "is not a language code we know" in text
    assert 'value="elvish"' in text and 'value="Mine"' in text
    assert not Adaptation.objects.exists()


def test_a_nul_byte_in_an_adaptation_is_a_400_and_keeps_the_rest(client, draft, alice):
    login(client, alice)
    url = reverse("advocacy:adaptation_edit", args=[draft.guideline.slug, draft.pk])
    response = client.post(
        url, {"title": "Bad\x00title", "visibility": "public", "section_asks": "Kept text"}
    )
    assert response.status_code == 400
    assert "Kept text" in response.content.decode()


def test_bob_cannot_see_edit_or_submit_alices_draft_through_the_pages(client, draft, bob):
    login(client, bob)
    slug = draft.guideline.slug
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("advocacy:adaptation_edit", args=[slug, draft.pk])).status_code == 404
    response = client.post(reverse("advocacy:adaptation_workflow", args=[slug, draft.pk, "submit"]))
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_alice_sees_no_approve_button_and_her_post_is_refused(client, draft, alice, edith):
    filled(draft, alice)
    services.submit_adaptation(adaptation=draft, actor=alice)
    login(client, alice)
    _response, text = page(client, draft.get_absolute_url())
    assert "Approve" not in text
    url = reverse("advocacy:adaptation_workflow", args=[draft.guideline.slug, draft.pk, "approve"])
    assert client.post(url).status_code == 403
    login(client, edith)
    _response, text = page(client, draft.get_absolute_url())
    assert "Approve" in text and "Return with a note" in text


def test_alices_outdated_adaptation_shows_the_diff_and_she_carries_it_forward(
    client, guideline, alice, edith, society_a
):
    old = published_adaptation(guideline, alice, edith, society_a, asks="L'Italia deve agire.")
    changed = {**V1, "asks": ("Asks", "States must guarantee safe and dignified access.")}
    version = write_version(
        guideline, edith, changed, parameters={"legal-framework": True, "statistics": False}
    )
    services.mark_adaptations_outdated(version_id=version.pk)
    login(client, alice)
    _response, text = page(client, old.get_absolute_url())
    assert "Outdated: version 2 of the guideline changed its meaning" in text
    assert '<ins><span class="visually-hidden">added: </span>must</ins>' in text
    assert "Added: statistics" in text
    response = client.post(
        reverse("advocacy:adaptation_carry_forward", args=[guideline.slug, old.pk])
    )
    carried = Adaptation.objects.get(version=version)
    assert response.url == reverse("advocacy:adaptation_edit", args=[guideline.slug, carried.pk])
    _response, text = page(client, response.url)
    assert "The source of this section changed: look at it again." in text
    assert "L&#x27;Italia deve agire." in text
    _response, text = page(client, old.get_absolute_url())
    assert "See the adaptation of the current version" in text


def test_visitor_reads_the_guideline_page_adapted_by_and_endorsed_by(
    client, guideline, alice, fiona, edith, society_a
):
    published_adaptation(guideline, alice, edith, society_a)
    services.endorse(
        version=guideline.versions.get(status="published"),
        actor=fiona,
        society=society_a,
        section_key="key-messages",
    )
    _response, text = page(client, guideline.get_absolute_url())
    assert "Adapted by 1 National Society in 1 language(s)." in text
    assert "Key message: Key messages" in text
    assert "Europe" in text and "Italian Red Cross" in text
    _response, text = page(client, society_a.get_absolute_url())
    assert "Published adaptations of advocacy guidelines" in text


def test_fiona_endorses_through_the_page_and_bob_cannot(
    client, guideline, fiona, bob, society_a, edith
):
    url = reverse("advocacy:endorse", args=[guideline.slug])
    login(client, bob)
    assert client.post(url, {"section_key": ""}).status_code == 403
    login(client, fiona)
    _response, text = page(client, guideline.get_absolute_url())
    assert "Endorse for Italian Red Cross" in text
    client.post(url, {"society": society_a.slug, "section_key": "key-messages"})
    assert Endorsement.objects.get().society == society_a
    login(client, edith)
    client.post(reverse("advocacy:endorsement_close", args=[guideline.slug]), {"closed": "1"})
    guideline.refresh_from_db()
    assert guideline.endorsements_closed


@pytest.mark.parametrize("size", [20, 191])
def test_the_grid_page_in_a_constant_number_of_queries(
    client, guideline, alice, size, django_assert_max_num_queries
):
    from core.models import NationalSociety

    version = guideline.versions.get(status="published")
    societies = NationalSociety.objects.national_societies().order_by("pk")[:size]
    Adaptation.objects.bulk_create(
        Adaptation(
            guideline=guideline,
            version=version,
            society=society,
            language=language,
            status="published",
        )
        for society in societies
        for language in ["en", "fr", "es", "ar"]
    )
    login(client, alice)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("advocacy:grid", args=[guideline.slug]))
    assert response.content.decode().count('class="grid-cell grid-published"') == size * 4


def test_the_grid_filters_counts_and_exports_csv_in_arabic_too(
    client, guideline, alice, edith, society_a
):
    published_adaptation(guideline, alice, edith, society_a)
    url = reverse("advocacy:grid", args=[guideline.slug])
    response, text = page(client, url, region="europe", state="published")
    assert text.count("<tr>") == 2  # the header and Italy
    response = client.get(url, {"format": "csv", "hxl": "1"})
    rows = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert rows[0] == "society,society_slug,region,language,state,version"
    assert "Italian Red Cross,italian-red-cross,europe,it,published,1" in rows
    assert client.get(url, {"state": "lost"}).status_code == 400
    with translation.override("ar"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()


def test_the_translation_grid_and_its_csv(client, guideline):
    url = reverse("advocacy:translation_grid", args=[guideline.slug])
    response, text = page(client, url)
    assert response.status_code == 200
    assert text.count("badge-translation-missing") >= 9
    response = client.get(url, {"format": "csv"})
    rows = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert rows[1] == "background,Background,fr,missing"
    assert client.get(url, {"version": "x"}).status_code == 404


def test_the_adaptation_prints_in_its_language_and_as_a_pdf(
    client, guideline, alice, edith, society_a
):
    adaptation = published_adaptation(guideline, alice, edith, society_a, language="ar")
    url = reverse("advocacy:adaptation_print", args=[guideline.slug, adaptation.pk])
    response, text = page(client, url)
    assert 'dir="rtl"' in text and 'lang="ar"' in text
    response = client.get(url, {"format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
