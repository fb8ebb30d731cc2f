"""Each National Society has its name in French, Spanish and Arabic: pages, forms, search and the
API read it in the reader's language, English where a society has none."""

import pytest
from django.urls import reverse
from django.utils import translation

from core.forms import SignupForm
from core.models import NationalSociety
from core.reference import read_json, sync_reference_data

pytestmark = pytest.mark.django_db


def test_every_society_of_the_reference_data_has_its_french_spanish_and_arabic_name():
    rows = read_json("national_societies.json")
    assert len(rows) == 191
    for row in rows:
        assert set(row["names"]) == {"fr", "es", "ar"}, row["country"]
        assert all(name.strip() == name and name for name in row["names"].values()), row
    # Loaded by the migrations: no society reads English on a French, Spanish or Arabic page.
    assert not NationalSociety.objects.filter(translations={}).exists()


def test_a_society_is_named_in_the_active_language_with_english_as_fallback(society_a):
    france = NationalSociety.objects.get(country_id="FRA")
    egypt = NationalSociety.objects.get(country_id="EGY")
    mexico = NationalSociety.objects.get(country_id="MEX")
    with translation.override("fr"):
        assert str(france) == "Croix-Rouge française"
        assert society_a.label == "Croix-Rouge italienne"
    with translation.override("es"):
        assert mexico.label == "Cruz Roja Mexicana"
    with translation.override("ar"):
        assert egypt.label == "جمعية الهلال الأحمر المصري"
    with translation.override("en"):
        assert france.label == "French Red Cross"
    france.translations = {"es": {"name": "Cruz Roja Francesa"}}
    with translation.override("fr-ca"):
        assert france.label == "French Red Cross"


def test_the_society_list_reads_in_french_and_finds_a_society_by_its_french_name(client):
    page = client.get(reverse("core:society_list"), {"q": "croix-rouge ITAL", "lang": "fr"})
    assert page.status_code == 200
    assert [society.country_id for society in page.context["societies"]] == ["ITA"]
    assert "Croix-Rouge italienne" in page.content.decode()


def test_an_english_page_finds_a_society_by_its_spanish_or_arabic_name(client):
    page = client.get(reverse("core:society_list"), {"q": "Cruz Roja Mexicana"})
    assert [society.country_id for society in page.context["societies"]] == ["MEX"]
    assert "Mexican Red Cross" in page.content.decode()
    page = client.get(reverse("core:society_list"), {"q": "الهلال الأحمر المصري"})
    assert [society.country_id for society in page.context["societies"]] == ["EGY"]


def test_the_society_list_is_alphabetical_in_the_readers_language(client):
    page = client.get(reverse("core:society_list"), {"region": "americas", "lang": "es"})
    with translation.override("es"):
        labels = [society.label for society in page.context["societies"]]
    assert labels == sorted(labels, key=lambda label: label.casefold())
    assert labels[0] == "Cruz Roja Americana"


def test_a_society_page_gives_its_other_names_each_marked_with_its_language(client, society_a):
    page = client.get(society_a.get_absolute_url(), {"lang": "ar"}).content.decode()
    assert "<h1>الصليب الأحمر الإيطالي</h1>" in page
    assert '<span lang="en" dir="auto">Italian Red Cross</span>' in page
    assert '<span lang="fr" dir="auto">Croix-Rouge italienne</span>' in page


def test_the_sign_up_form_lists_the_societies_by_their_names_in_the_readers_language():
    with translation.override("fr"):
        choices = [label for _value, label in SignupForm().fields["society"].choices][1:]
    assert "Croix-Rouge française" in choices
    assert choices == sorted(choices, key=str.casefold)
    with translation.override("en"):
        english = [label for _value, label in SignupForm().fields["society"].choices][1:]
    assert "French Red Cross" in english and "Croix-Rouge française" not in english


def test_the_api_gives_the_name_in_the_requested_language_beside_the_english_one(client):
    response = client.get("/api/v1/societies/", {"q": "Croix-Rouge française", "lang": "fr"})
    [society] = response.json()["results"]
    assert society["name"] == "French Red Cross"
    assert society["label"] == "Croix-Rouge française"
    assert society["names"]["ar"] == "الصليب الأحمر الفرنسي"


def test_a_reload_fills_missing_names_and_keeps_an_edited_one():
    france = NationalSociety.objects.get(country_id="FRA")
    france.translations = {"fr": {"name": "La Croix-Rouge française (revue)"}}
    france.save()
    sync_reference_data()
    france.refresh_from_db()
    assert france.translations == {
        "fr": {"name": "La Croix-Rouge française (revue)"},
        "es": {"name": "Cruz Roja Francesa"},
        "ar": {"name": "الصليب الأحمر الفرنسي"},
    }
    assert france.names["es"] == "Cruz Roja Francesa"


def test_names_are_texts_keyed_by_the_sites_languages(society_a):
    from django.core.exceptions import ValidationError

    society_a.translations = {"de": {"name": "Italienisches Rotes Kreuz"}}
    with pytest.raises(ValidationError) as error:
        society_a.full_clean()
    assert "translations" in error.value.message_dict
