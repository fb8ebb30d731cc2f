"""core.translations: texts in the site's other languages, with English as the fallback."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from core.translations import TranslationsFormMixin, clean_translations, translated
from reports.models import Indicator

FIELDS = {"name": 200, "definition": None}


def indicator(**translations):
    return Indicator(
        name="People reached", definition="Everyone helped.", translations=translations
    )


def test_a_text_reads_in_the_asked_language_else_in_english():
    reached = indicator(fr={"name": "Personnes atteintes"})
    assert translated(reached, "name", "fr") == "Personnes atteintes"
    assert translated(reached, "name", "fr-ca") == "Personnes atteintes"
    assert translated(reached, "definition", "fr") == "Everyone helped."
    assert translated(reached, "name", "es") == "People reached"


def test_a_text_reads_in_the_active_language_by_default():
    reached = indicator(ar={"name": "الأشخاص الذين تم الوصول إليهم"})
    with translation.override("ar"):
        assert translated(reached, "name") == "الأشخاص الذين تم الوصول إليهم"
    with translation.override("en"):
        assert translated(reached, "name") == "People reached"


def test_cleaning_strips_texts_and_leaves_blank_ones_out():
    cleaned = clean_translations(
        {"fr": {"name": " Personnes ", "definition": "  "}, "es": {"name": ""}}, fields=FIELDS
    )
    assert cleaned == {"fr": {"name": "Personnes"}}


def test_an_unknown_language_is_refused():
    with pytest.raises(ValidationError) as refused:
        clean_translations({"de": {"name": "Erreichte"}}, fields=FIELDS)
    assert "“de” is not a language of the site; use fr, es, ar." in refused.value.messages


@pytest.mark.parametrize(
    ("translations", "message"),
    [
        ({"fr": {"title": "x"}}, "“title” cannot be translated; use name, definition."),
        ({"fr": {"name": 3}}, "The name in “fr” must be text."),
        ({"fr": {"name": "x" * 201}}, "The name in “fr” has at most 200 characters."),
        ({"fr": "Personnes"}, "Give the texts in “fr” as an object keyed by field"),
        (["fr"], "Give the translations as an object keyed by language code."),
    ],
)
def test_what_is_not_a_text_of_a_translated_field_is_refused(translations, message):
    with pytest.raises(ValidationError) as refused:
        clean_translations(translations, fields=FIELDS)
    assert any(error.startswith(message) for error in refused.value.messages)


def test_the_model_field_checks_the_translations_on_full_clean():
    with pytest.raises(ValidationError) as refused:
        indicator(de={"name": "Erreichte"}).clean_fields(exclude=["code", "unit"])
    assert "translations" in refused.value.message_dict


class TextsForm(TranslationsFormMixin, forms.Form):
    translation_model = Indicator
    translation_labels = {
        language: {"name": f"Name ({language})", "definition": "D", "guidance": "G"}
        for language in ("fr", "es", "ar")
    }
    translation_rows = {"definition": 3, "guidance": 6}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_translation_fields()


def test_the_form_mixin_adds_an_input_per_language_and_field_in_its_own_direction():
    form = TextsForm({"name_fr": " Personnes ", "name_ar": "x" * 201})
    assert not form.is_valid()
    assert set(form.errors) == {"name_ar"}
    assert 'lang="ar" dir="rtl"' in str(form["name_ar"])
    assert form["definition_fr"].field.widget.attrs["rows"] == 3
    legends = [str(legend) for legend, _fields in form.translation_sections()]
    assert legends == ["In French", "In Spanish", "In Arabic"]
    form = TextsForm(
        {"name_fr": "Personnes"}, initial=TextsForm.translation_initial({"es": {"name": "P"}})
    )
    assert form.is_valid()
    assert form.translations_data()["fr"] == {"name": "Personnes", "definition": "", "guidance": ""}
    assert form["name_es"].initial == "P"
