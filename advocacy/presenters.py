"""What the advocacy pages show, computed from rows already read: a version's sections in the
reader's language, and the state of its translations per section and language."""

from __future__ import annotations

from dataclasses import dataclass

from advocacy.models import (
    GuidelineVersion,
    Section,
    SectionTranslation,
    TranslationLanguage,
    TranslationState,
)
from core.translations import RTL_LANGUAGES, active_language

# Translations good enough to show in place of the English.
SHOWN = [TranslationState.CURRENT, TranslationState.APPROVED, TranslationState.NEEDS_UPDATE]


@dataclass
class ShownSection:
    section: Section
    heading: str
    body: str
    language: str  # the language the text is shown in
    translation: SectionTranslation | None

    @property
    def direction(self) -> str:
        return "rtl" if self.language in RTL_LANGUAGES else "ltr"

    @property
    def outdated_translation(self) -> bool:
        return bool(self.translation and self.translation.state == TranslationState.NEEDS_UPDATE)


def translations_by_key(version: GuidelineVersion) -> dict[tuple[str, str], SectionTranslation]:
    """Every translation of `version`, by (section key, language): one query, unless the
    version's translations were prefetched."""
    return {(row.section_key, row.language): row for row in version.translations.all()}


def shown_sections(version: GuidelineVersion, language: str | None = None) -> list[ShownSection]:
    """The sections of `version` in `language` (by default the reader's) where a translation
    exists, else in English."""
    language = language or active_language()
    found = translations_by_key(version) if language in TranslationLanguage.values else {}
    shown = []
    for section in version.sections.all():
        translation = found.get((section.key, language))
        if translation is not None and translation.state in SHOWN and translation.text:
            shown.append(
                ShownSection(
                    section,
                    translation.heading or section.heading,
                    translation.text,
                    language,
                    translation,
                )
            )
        else:
            shown.append(ShownSection(section, section.heading, section.body, "en", None))
    return shown


@dataclass
class GridRow:
    section: Section
    cells: list[tuple[str, SectionTranslation | None]]  # (language, translation)


def translation_grid(version: GuidelineVersion) -> tuple[list[GridRow], dict[str, dict]]:
    """The translations of `version`, a row per section and a cell per language, and the count
    of each state per language."""
    found = translations_by_key(version)
    languages = TranslationLanguage.values
    rows, counts = (
        [],
        {language: {state: 0 for state in TranslationState.values} for language in languages},
    )
    for section in version.sections.all():
        cells = []
        for language in languages:
            translation = found.get((section.key, language))
            counts[language][translation.state if translation else TranslationState.MISSING] += 1
            cells.append((language, translation))
        rows.append(GridRow(section, cells))
    return rows, counts
