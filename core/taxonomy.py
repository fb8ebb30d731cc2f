"""The vocabularies every practice is tagged with, from the IFRC report and Policy on Migration.

Codes are stable: they appear in URLs, the API and stored data, so they never change. The English
names here are the source strings of the translated labels (marked with gettext_noop so that
makemessages collects them); the database keeps the codes and their order, loaded by the data
migration `core.0002_reference_data` and kept in step by `manage.py load_reference_data`.
"""

import functools
from collections.abc import Callable

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import get_language, gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from django_countries import countries as country_names

REGIONS = [
    ("africa", gettext_noop("Sub-Saharan Africa")),
    ("americas", gettext_noop("Americas")),
    ("asia-pacific", gettext_noop("Asia-Pacific")),
    ("europe", gettext_noop("Europe")),
    ("mena", gettext_noop("Middle East and North Africa")),
]

STEPS = [
    ("origin", gettext_noop("Origin")),
    ("transition-at-borders", gettext_noop("Transition at borders")),
    ("migrant-camps", gettext_noop("Migrant camps")),
    ("arrival", gettext_noop("Arrival")),
    ("long-term-stay", gettext_noop("Long-term stay")),
    ("return", gettext_noop("Return")),
    ("across-the-trail", gettext_noop("Across the trail")),
]

DIMENSIONS = [
    ("human-capital", gettext_noop("Human capital")),
    ("physical-capital", gettext_noop("Physical capital")),
    ("social-capital", gettext_noop("Social capital")),
    ("financial-capital", gettext_noop("Financial capital")),
    ("regulatory-governance", gettext_noop("Regulatory and governance systems")),
]

SUPPORT_TYPES = [
    ("awareness-raising", gettext_noop("Awareness raising")),
    ("assistance", gettext_noop("Assistance")),
    ("protection", gettext_noop("Protection")),
    ("advocacy", gettext_noop("Advocacy")),
]

# (code, name, one-line description, within the report's scope)
PRINCIPLES = [
    (
        "P1",
        gettext_noop("Focus on the needs and vulnerabilities of migrants"),
        gettext_noop("Assess and respond to the needs of migrants, whatever their legal status."),
        True,
    ),
    (
        "P2",
        gettext_noop("Include migrants in humanitarian programming"),
        gettext_noop(
            "Involve migrants in designing, running and evaluating the work that concerns them."
        ),
        True,
    ),
    (
        "P3",
        gettext_noop("Support the aspirations of migrants"),
        gettext_noop("Help migrants build the lives they seek, including their social inclusion."),
        True,
    ),
    (
        "P4",
        gettext_noop("Recognize the rights of migrants"),
        gettext_noop("Help migrants know and claim their rights, and uphold them in our own work."),
        True,
    ),
    (
        "P5",
        gettext_noop("Link assistance, protection and humanitarian advocacy for migrants"),
        gettext_noop("Use what assistance and protection reveal to advocate for migrants' needs."),
        True,
    ),
    (
        "P6",
        gettext_noop("Build partnerships for migrants"),
        gettext_noop(
            "Work with authorities, organisations and communities to reach more migrants."
        ),
        True,
    ),
    (
        "P7",
        gettext_noop("Work along the migratory trails"),
        gettext_noop("Coordinate with sister societies so that support continues along the trail."),
        True,
    ),
    (
        "P8",
        gettext_noop("Assist migrants in return"),
        gettext_noop("Support migrants who return, and their reintegration in their communities."),
        True,
    ),
    (
        "P9",
        gettext_noop("Respond to displacement of populations"),
        gettext_noop("Assist and protect people displaced by conflict, disaster or other crises."),
        True,
    ),
    (
        "P10",
        gettext_noop("Alleviate migratory pressures on communities of origin"),
        gettext_noop(
            "Reduce the pressures that drive migration; outside the report's scope, as such "
            "work belongs to domestic programmes."
        ),
        False,
    ),
]


class Kind(models.TextChoices):
    """The two kinds of practice in the report."""

    SMART_PRACTICE = "smart-practice", _("Smart practice")
    OPERATIONAL_ELEMENT = "operational-element", _("Smart operational element")


# --- One way to ask for codes, names and labels ----------------------------------------------
# Every app asks these functions; none rebuilds a code set from the lists above.

# vocabulary → its terms. The keys are the catalogue's filter names (`?step=arrival`).
VOCABULARIES = {
    "region": REGIONS,
    "step": STEPS,
    "dimension": DIMENSIONS,
    "support_type": SUPPORT_TYPES,
    "principle": PRINCIPLES,
}
# An array field of tagged content (a practice's `steps`) → the vocabulary of its values.
FIELD_VOCABULARIES = {
    "steps": "step",
    "dimensions": "dimension",
    "support_types": "support_type",
    "principles": "principle",
    "countries": "country",
}
# Choices an app adds (practices: content languages, target groups), by name: term_label then
# names them too. Registered in the app's ready(), so core imports no app.
_REGISTERED_CHOICES: dict[str, type[models.TextChoices]] = {"kind": Kind}


def register_choices(name: str, choices: type[models.TextChoices]) -> None:
    _REGISTERED_CHOICES[name] = choices


def vocabulary_name(name: str) -> str:
    """`steps` (a field) or `step` (a filter) → `step`."""
    return FIELD_VOCABULARIES.get(name, name)


def is_vocabulary(name: str) -> bool:
    """Whether term_label names the values of `name` (a vocabulary, a field of one, a country
    or registered choices)."""
    name = vocabulary_name(name)
    return name in VOCABULARIES or name in _REGISTERED_CHOICES or name == "country"


def codes(name: str) -> tuple[str, ...]:
    """Every code of a vocabulary (or of a registered choices class), in its own order (the
    trail's for steps): `codes("step")`, `codes("steps")`, `codes("kind")`."""
    name = vocabulary_name(name)
    if name in _REGISTERED_CHOICES:
        return tuple(_REGISTERED_CHOICES[name].values)
    return tuple(term[0] for term in VOCABULARIES[name])


def names(name: str) -> dict[str, str]:
    """code → English name (the source string of its label; gettext() translates it)."""
    return {term[0]: term[1] for term in VOCABULARIES[vocabulary_name(name)]}


def term_label(name: str, code: str) -> str:
    """The label of a code in the active language (the code itself when unknown): a term of a
    vocabulary (principles with their code: "P1 · Focus on…"), a country (ISO alpha-3) or a
    value of registered choices."""
    name = vocabulary_name(name)
    if name == "country":
        return _country_labels(get_language() or settings.LANGUAGE_CODE).get(code, code)
    if name in _REGISTERED_CHOICES:
        choices = _REGISTERED_CHOICES[name]
        return str(choices(code).label) if code in choices.values else code
    english = names(name).get(code) if name in VOCABULARIES else None
    if english is None:
        return code
    if name == "principle":
        return f"{code} · {gettext(english)}"
    return gettext(english)


def term_labeller(name: str) -> Callable[[str], str]:
    """term_label for many codes of one vocabulary: the language is read once (a facet of
    ~250 countries, labelled one by one, reads it ~250 times)."""
    if vocabulary_name(name) == "country":
        labels = _country_labels(get_language() or settings.LANGUAGE_CODE)
        return lambda code: labels.get(code, code)
    return functools.partial(term_label, name)


def choices(name: str) -> list[tuple[str, str]]:
    """(code, label in the active language) for a form's field; call it when the form is made."""
    return [(code, term_label(name, code)) for code in codes(name)]


def country_choices(*, known_only: bool = False) -> list[tuple[str, str]]:
    """(ISO alpha-3, name in the active language), sorted by that name: every ISO country, or
    with `known_only` the countries of the reference data (those the services accept)."""
    listed = [(country_names.alpha3(code), str(name)) for code, name in country_names]
    if known_only:
        from core.models import Country  # here: models modules import this one

        known = set(Country.objects.values_list("iso3", flat=True))
        listed = [(code, name) for code, name in listed if code in known]
    return listed


@functools.cache
def _country_labels(language: str) -> dict[str, str]:
    """ISO alpha-3 code → country name in `language`, built once per language: resolved one by
    one, the ~250 names of a broad search's country facet cost ~10 ms on every request."""
    with translation.override(language):
        return {country_names.alpha3(code): str(name) for code, name in country_names}
