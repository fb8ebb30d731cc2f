"""The codes a support offer is tagged with besides core.taxonomy's: the languages it is
offered in (ISO 639-1, named by Babel in the reader's language) and the target groups
(practices' own list, so that an offer and a practice speak of the same people)."""

import functools

from babel import Locale, UnknownLocaleError

from core.translations import active_language
from practices.models import TargetGroup

__all__ = ["SPOKEN_LANGUAGES", "TargetGroup", "language_choices", "language_label"]

# ISO 639-1: the two-letter codes among the languages Babel names.
SPOKEN_LANGUAGES = frozenset(code for code in Locale("en").languages if len(code) == 2)


@functools.cache
def _language_names(language: str) -> dict[str, str]:
    try:
        names = Locale.parse(language).languages
    except (ValueError, UnknownLocaleError):
        names = Locale("en").languages
    return {code: names.get(code) or code for code in SPOKEN_LANGUAGES}


def language_label(code: str) -> str:
    """The name of a spoken language in the active language (the code itself when unknown)."""
    return _language_names(active_language()).get(code, code)


@functools.cache
def _sorted_choices(language: str) -> tuple[tuple[str, str], ...]:
    names = _language_names(language)
    return tuple(sorted(names.items(), key=lambda item: item[1].lower()))


def language_choices() -> list[tuple[str, str]]:
    """(ISO 639-1 code, name in the active language), sorted by name, for a form's field."""
    return list(_sorted_choices(active_language()))
