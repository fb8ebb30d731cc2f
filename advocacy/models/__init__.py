"""Global advocacy guidelines, their versions and translations, and societies' adaptations.
Each part has its own module; this package exports them all."""

from advocacy.models.adaptations import (
    Adaptation,
    AdaptationParameterValue,
    AdaptationQuerySet,
    AdaptationSection,
    AdaptationStatus,
    Endorsement,
)
from advocacy.models.guidelines import (
    ChangeLevel,
    Guideline,
    GuidelineQuerySet,
    GuidelineVersion,
    Parameter,
    Section,
    VersionStatus,
    source_hash,
)
from advocacy.models.translations import (
    SectionTranslation,
    TranslationLanguage,
    TranslationState,
    Translator,
)

__all__ = [
    "Adaptation",
    "AdaptationParameterValue",
    "AdaptationQuerySet",
    "AdaptationSection",
    "AdaptationStatus",
    "ChangeLevel",
    "Endorsement",
    "Guideline",
    "GuidelineQuerySet",
    "GuidelineVersion",
    "Parameter",
    "Section",
    "SectionTranslation",
    "TranslationLanguage",
    "TranslationState",
    "Translator",
    "VersionStatus",
    "source_hash",
]
