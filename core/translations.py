"""Texts in the site's four languages: English in the model's own columns, the other languages
in one JSON column shaped {language: {field: text}}; a text missing in a language reads in
English.

A model declares it:

    class Guideline(models.Model):
        title = models.CharField(_("title"), max_length=200)
        description = models.TextField(_("description"))
        translations = TranslationsField(
            _("translations"), fields={"title": 200, "description": None}  # field: max length
        )

        def localized(self, field: str, language: str | None = None) -> str:
            return translated(self, field, language)

its service cleans what it is given (full_clean() checks it again):

    fields = Guideline._meta.get_field("translations").translated_fields
    data["translations"] = clean_translations(data["translations"], fields=fields)

and its form adds the per-language inputs:

    class GuidelineForm(TranslationsFormMixin, forms.Form):
        translation_model = Guideline
        translation_labels = {"fr": {"title": _("Title in French"), ...}, "es": ..., "ar": ...}
        translation_rows = {"description": 6}
        # __init__: initial.update(self.translation_initial(guideline.translations)), then
        # self.add_translation_fields(); the service gets self.translations_data().
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

SOURCE_LANGUAGE = "en"
# The site's languages besides English, in which content may be translated.
LANGUAGES = tuple(code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE)
RTL_LANGUAGES = frozenset({"ar"})
# A fieldset's legend per language: whole phrases, since languages inflect and order differently.
LEGENDS = {
    "fr": gettext_lazy("In French"),
    "es": gettext_lazy("In Spanish"),
    "ar": gettext_lazy("In Arabic"),
}


def active_language() -> str:
    """The active language's base code: "fr" for "fr-ca"."""
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0].lower()


def translations_field(model: type[models.Model]) -> TranslationsField:
    for field in model._meta.get_fields():
        if isinstance(field, TranslationsField):
            return field
    raise LookupError(f"{model.__name__} has no TranslationsField")


def translated(obj: models.Model, field: str, language: str | None = None) -> str:
    """`obj`'s `field` in `language` (by default the active one, "fr-ca" read as "fr"), or its
    English text when it has none in that language."""
    language = (language or active_language()).split("-")[0].lower()
    texts = getattr(obj, translations_field(type(obj)).attname) or {}
    return (texts.get(language) or {}).get(field) or getattr(obj, field)


def clean_translations(value: Any, *, fields: Mapping[str, int | None]) -> dict:
    """The texts in other languages as stored: {language: {field: text}}, stripped, with blank
    texts and languages left out (so that they read in English). `fields` maps each translated
    field to its maximum length (None: any). Anything else is refused with a ValidationError
    listing every problem: an unknown language or field, a text that is not text or too long."""
    if not isinstance(value, dict):
        raise ValidationError(_("Give the translations as an object keyed by language code."))
    errors, cleaned = [], {}
    languages, field_names = ", ".join(LANGUAGES), ", ".join(fields)
    for language, texts in value.items():
        if language not in LANGUAGES:
            errors.append(
                _("“%(language)s” is not a language of the site; use %(languages)s.")
                % {"language": language, "languages": languages}
            )
            continue
        if not isinstance(texts, dict):
            errors.append(
                _("Give the texts in “%(language)s” as an object keyed by field (%(fields)s).")
                % {"language": language, "fields": field_names}
            )
            continue
        for field, text in texts.items():
            if field not in fields:
                errors.append(
                    _("“%(field)s” cannot be translated; use %(fields)s.")
                    % {"field": field, "fields": field_names}
                )
            elif not isinstance(text, str):
                errors.append(
                    _("The %(field)s in “%(language)s” must be text.")
                    % {"field": field, "language": language}
                )
            elif fields[field] is not None and len(text.strip()) > fields[field]:
                errors.append(
                    _("The %(field)s in “%(language)s” has at most %(limit)d characters.")
                    % {"field": field, "language": language, "limit": fields[field]}
                )
            elif text.strip():
                cleaned.setdefault(language, {})[field] = text.strip()
    if errors:
        raise ValidationError(errors)
    return cleaned


class TranslationsField(models.JSONField):
    """{language: {field: text}} for the `fields` ({field: max length or None}) of its model.

    Stored as a plain JSONField (its migrations say JSONField), so adopting it changes no
    schema; full_clean() checks the shape with clean_translations."""

    def __init__(self, *args, fields: Mapping[str, int | None] | None = None, **kwargs):
        self.translated_fields = dict(fields or {})
        kwargs.setdefault("default", dict)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.JSONField", args, kwargs

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        try:
            clean_translations(value, fields=self.translated_fields)
        except ValidationError as error:
            raise ValidationError(error.messages) from error


class TranslationsFormMixin:
    """Adds a `<field>_<language>` input for each translated field and language, each typed in
    its own language and direction (the browser then picks the right spelling checker, and
    Arabic reads right to left on an English page).

    The form sets `translation_model` (whose TranslationsField names the fields) and
    `translation_labels` ({language: {field: label}}, whole phrases such as "Name in French");
    it calls add_translation_fields(initial_translations) at the end of __init__ and
    translations_data() for the service's `translations`."""

    translation_model: type[models.Model]
    translation_labels: Mapping[str, Mapping[str, str]]
    # field → widget rows for a text area; a field not named here is a one-line input.
    translation_rows: Mapping[str, int] = {}

    @classmethod
    def translation_initial(cls, translations: Mapping | None) -> dict[str, str]:
        """The inputs' initial values from stored translations."""
        return {
            f"{field}_{language}": text
            for language, texts in (translations or {}).items()
            for field, text in texts.items()
        }

    def _translated_fields(self) -> dict[str, int | None]:
        return translations_field(self.translation_model).translated_fields

    def add_translation_fields(self) -> None:
        for language in LANGUAGES:
            attrs = {"lang": language, "dir": "rtl" if language in RTL_LANGUAGES else "ltr"}
            for field, max_length in self._translated_fields().items():
                rows = self.translation_rows.get(field)
                widget = (
                    forms.Textarea(attrs={**attrs, "rows": rows})
                    if rows
                    else forms.TextInput(attrs=attrs)
                )
                self.fields[f"{field}_{language}"] = forms.CharField(
                    label=self.translation_labels[language][field],
                    max_length=max_length,
                    required=False,
                    widget=widget,
                )

    def translation_sections(self) -> list[tuple[str, list]]:
        """(legend, bound fields) per language, for one fieldset each."""
        fields = self._translated_fields()
        return [
            (LEGENDS[language], [self[f"{field}_{language}"] for field in fields])
            for language in LANGUAGES
        ]

    def translations_data(self) -> dict[str, dict[str, str]]:
        """Every input, blank ones included: clean_translations leaves those out."""
        return {
            language: {
                field: self.cleaned_data[f"{field}_{language}"]
                for field in self._translated_fields()
            }
            for language in LANGUAGES
        }
