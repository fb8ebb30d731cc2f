"""An indicator's name, definition and guidance in French, Spanish and Arabic: editors write
them on the indicator form or through the API, readers see them in their language on the data
and report pages, and English wherever a text is missing."""

from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from reports import services
from reports.models import DataValue, Indicator, Report
from tests.conftest import login
from tests.reports.factories import make_indicator, make_period, make_submission

pytestmark = pytest.mark.django_db

GUIDE = reverse("reports:indicators")
API_INDICATORS = reverse("api:indicator-list")

FRENCH = {
    "name": "Migrants ayant bénéficié d\u2019une assistance",
    "definition": "Personnes en déplacement ayant reçu un service de la Société nationale.",
    "guidance": "- Comptez **des personnes**, et non des services.",
}
ARABIC = {
    "name": "المهاجرون الذين تلقوا المساعدة",
    "definition": "الأشخاص المتنقلون الذين تلقوا خدمة من الجمعية الوطنية.",
    "guidance": "- احسب **الأشخاص** لا الخدمات.",
}


@pytest.fixture
def indicator(edith):
    """Translated into French and Arabic, not Spanish."""
    return make_indicator(edith, translations={"fr": FRENCH, "ar": ARABIC})


@pytest.fixture
def period(edith, indicator):
    return make_period(edith, [indicator])


def page(client, url, language) -> str:
    response = client.get(url, headers={"Accept-Language": language})
    assert response.status_code == 200
    return response.content.decode()


class Inputs(HTMLParser):
    """The attributes of a page's inputs and text areas, by name."""

    def __init__(self, html):
        super().__init__()
        self.by_name = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("input", "textarea") and attrs.get("name"):
            self.by_name[attrs["name"]] = attrs


def submission_url(period, society):
    return reverse("reports:submission", args=[period.pk, society.slug])


# --- Reading ----------------------------------------------------------------------------------


def test_a_french_reader_sees_the_french_text_on_the_guide(client, indicator):
    html = page(client, GUIDE, "fr")
    assert FRENCH["name"] in html
    assert FRENCH["definition"] in html
    assert "<strong>des personnes</strong>" in html  # the guidance is still Markdown
    assert "Migrants reached" not in html


def test_an_arabic_reader_sees_the_arabic_text_on_the_guide(client, indicator):
    html = page(client, GUIDE, "ar")
    assert ARABIC["name"] in html
    assert ARABIC["definition"] in html
    assert "<strong>الأشخاص</strong>" in html
    assert FRENCH["name"] not in html


def test_a_spanish_reader_sees_english_where_there_is_no_spanish_text(client, indicator):
    html = page(client, GUIDE, "es")
    assert "Migrants reached" in html
    assert "People on the move who received any service from the society." in html
    assert "Count each person once per period." in html


def test_a_translation_with_only_a_name_falls_back_to_english_for_the_rest(client, edith):
    make_indicator(edith, translations={"es": {"name": "Migrantes atendidos"}})
    html = page(client, GUIDE, "es")
    assert "Migrantes atendidos" in html
    assert "Count each person once per period." in html


def test_a_regional_french_reads_french(indicator):
    with translation.override("fr-ca"):
        assert indicator.localized_name() == FRENCH["name"]
    with translation.override(None):
        assert indicator.localized_name() == "Migrants reached"


def test_alice_reads_her_societys_form_in_french_and_in_arabic(client, alice, society_a, period):
    login(client, alice)
    url = submission_url(period, society_a)
    french = page(client, url, "fr")
    assert f"<legend><bdi>{FRENCH['name']}</bdi></legend>" in french
    assert FRENCH["definition"] in french
    arabic = page(client, url, "ar")
    assert f"<legend><bdi>{ARABIC['name']}</bdi></legend>" in arabic
    assert ARABIC["definition"] in arabic
    spanish = page(client, url, "es")
    assert "<legend><bdi>Migrants reached</bdi></legend>" in spanish


def test_a_wrong_value_is_summed_up_under_the_readers_name(client, alice, society_a, period):
    login(client, alice)
    response = client.post(
        submission_url(period, society_a),
        {"migrants-reached-total": "many"},
        headers={"Accept-Language": "fr"},
    )
    assert response.status_code == 400
    assert f"{FRENCH['name']} · " in response.content.decode()


def test_period_and_completeness_pages_name_the_indicator_in_the_readers_language(
    client, edith, period
):
    assert FRENCH["name"] in page(client, period.get_absolute_url(), "fr")
    login(client, edith)
    completeness = reverse("reports:completeness", args=[period.pk])
    assert ARABIC["name"] in page(client, completeness, "ar")


@pytest.fixture
def compilation(alice, edith, society_a, period, indicator, django_capture_on_commit_callbacks):
    make_submission(
        alice,
        society_a,
        period,
        {indicator.code: {"total": "10"}},
        status="validated",
        editor=edith,
    )
    with django_capture_on_commit_callbacks(execute=True):
        report, _created = services.request_report(
            actor=edith, kind="data-compilation", period=period
        )
    return services.publish_report(report=Report.objects.get(pk=report.pk), actor=edith)


def test_a_data_compilation_names_the_indicator_in_the_readers_language(client, compilation):
    url = reverse("reports:detail", args=[compilation.pk])
    assert f"<bdi>{ARABIC['name']}</bdi>" in page(client, url, "ar")
    assert "<bdi>Migrants reached</bdi>" in page(client, url, "es")


def test_a_data_compilation_keeps_its_stored_name_for_an_indicator_gone_since(client, compilation):
    DataValue.objects.all().delete()
    Indicator.objects.all().delete()
    html = page(client, reverse("reports:detail", args=[compilation.pk]), "fr")
    assert "<bdi>Migrants reached</bdi>" in html


@pytest.mark.parametrize("size", [1, 5])
def test_the_data_compilation_page_looks_the_names_up_in_one_query(
    client,
    alice,
    edith,
    society_a,
    size,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):
    indicators = [
        make_indicator(edith, code=f"indicator-{number}", translations={"fr": {"name": "N"}})
        for number in range(size)
    ]
    period = make_period(edith, indicators)
    values = {indicator.code: {"total": "1"} for indicator in indicators}
    make_submission(alice, society_a, period, values, status="validated", editor=edith)
    with django_capture_on_commit_callbacks(execute=True):
        report, _created = services.request_report(
            actor=edith, kind="data-compilation", period=period
        )
    services.publish_report(report=Report.objects.get(pk=report.pk), actor=edith)
    # The report, and the indicators' current names.
    with django_assert_max_num_queries(2):
        html = page(client, reverse("reports:detail", args=[report.pk]), "fr")
    assert html.count("<bdi>N</bdi>") == size


# --- Writing on the indicator form ------------------------------------------------------------

INDICATOR_FORM = {
    "code": "migrants-reached",
    "name": "Migrants reached",
    "definition": "People on the move who received any service from the society.",
    "unit": "count",
    "currency": "",
    "guidance": "",
    "position": "1",
    "active": "on",
}


def test_the_form_offers_each_language_typed_in_its_own_direction(client, edith, indicator):
    login(client, edith)
    html = page(client, reverse("reports:indicator_edit", args=[indicator.pk]), "ar")
    inputs = Inputs(html).by_name
    assert inputs["name_fr"]["value"] == FRENCH["name"]
    assert (inputs["name_fr"]["lang"], inputs["name_fr"]["dir"]) == ("fr", "ltr")
    assert (inputs["guidance_es"]["lang"], inputs["guidance_es"]["dir"]) == ("es", "ltr")
    assert (inputs["definition_ar"]["lang"], inputs["definition_ar"]["dir"]) == ("ar", "rtl")
    assert ARABIC["guidance"] in html
    assert 'for="id_definition_es"' in html


def test_edith_saves_the_translations_on_the_form(client, edith):
    login(client, edith)
    response = client.post(
        reverse("reports:indicator_create"),
        {
            **INDICATOR_FORM,
            "name_fr": "  Migrants ayant reçu une assistance ",
            "guidance_fr": "- Comptez des personnes.",
            "name_ar": ARABIC["name"],
            "name_es": "",
        },
    )
    assert response.status_code == 302
    # Blank texts are not stored: the reader sees English instead.
    assert Indicator.objects.get().translations == {
        "fr": {
            "name": "Migrants ayant reçu une assistance",
            "guidance": "- Comptez des personnes.",
        },
        "ar": {"name": ARABIC["name"]},
    }


def test_edith_removes_a_translation_by_emptying_it(client, edith, indicator):
    login(client, edith)
    form = {**INDICATOR_FORM, **{f"{field}_fr": text for field, text in FRENCH.items()}}
    response = client.post(reverse("reports:indicator_edit", args=[indicator.pk]), form)
    assert response.status_code == 302
    assert Indicator.objects.get().translations == {"fr": FRENCH}


def test_a_too_long_name_is_shown_again_with_everything_typed(client, edith):
    login(client, edith)
    response = client.post(
        reverse("reports:indicator_create"),
        {**INDICATOR_FORM, "name_ar": "\u0627" * 201, "definition_fr": "Définition gardée"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Name in Arabic" in html and "at most 200 characters" in html
    assert "Définition gardée</textarea>" in html
    assert not Indicator.objects.exists()


def test_the_service_refuses_unknown_languages_and_fields(edith):
    with pytest.raises(ValidationError) as refused:
        make_indicator(edith, translations={"de": {"name": "Erreichte"}, "fr": {"title": "x"}})
    messages = refused.value.message_dict["translations"]
    assert len(messages) == 2
    assert "“de”" in messages[0] and "fr, es, ar" in messages[0]
    assert "“title”" in messages[1]
    assert not Indicator.objects.exists()


# --- API --------------------------------------------------------------------------------------


def test_the_api_labels_the_indicator_in_the_requests_language(indicator):
    client = Client()
    detail = reverse("api:indicator-detail", args=[indicator.code])
    assert client.get(detail, {"lang": "fr"}).json()["label"] == FRENCH["name"]
    arabic = client.get(API_INDICATORS, headers={"Accept-Language": "ar"}).json()
    assert arabic["results"][0]["label"] == ARABIC["name"]
    spanish = client.get(detail, {"lang": "es"}).json()
    assert spanish["label"] == "Migrants reached"
    assert spanish["name"] == "Migrants reached"
    assert spanish["translations"] == {"fr": FRENCH, "ar": ARABIC}


def test_edith_writes_translations_through_the_api(edith, indicator):
    client = Client()
    login(client, edith)
    detail = reverse("api:indicator-detail", args=[indicator.code])
    changed = client.patch(
        detail,
        {"translations": {"es": {"name": "Migrantes atendidos", "definition": " "}}},
        content_type="application/json",
    )
    assert changed.status_code == 200, changed.json()
    assert changed.json()["translations"] == {"es": {"name": "Migrantes atendidos"}}
    assert client.get(detail, {"lang": "es"}).json()["label"] == "Migrantes atendidos"


@pytest.mark.parametrize(
    "translations",
    [
        {"de": {"name": "Erreichte Migranten"}},
        {"fr": {"title": "Migrants"}},
        {"fr": "Migrants"},
        ["fr"],
        {"fr": {"name": 3}},
    ],
)
def test_bad_translations_through_the_api_are_400s_naming_them(edith, indicator, translations):
    client = Client()
    login(client, edith)
    response = client.patch(
        reverse("api:indicator-detail", args=[indicator.code]),
        {"translations": translations},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"translations"}
    assert Indicator.objects.get().translations == {"fr": FRENCH, "ar": ARABIC}


def test_alice_cannot_write_translations_through_the_api(alice, indicator):
    client = Client()
    login(client, alice)
    response = client.patch(
        reverse("api:indicator-detail", args=[indicator.code]),
        {"translations": {"es": {"name": "Migrantes"}}},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "es" not in Indicator.objects.get().translations
