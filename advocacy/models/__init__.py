"""Global advocacy guidelines, their versions and translations, and societies' adaptations.
Each part has its own module; this package exports them all."""

from advocacy.models.adaptations import (
    Adaptation,
    AdaptationParameterValue,
    AdaptationSection,
    AdaptationStatus,
    Endorsement,
)
from advocacy.models.guidelines import (
    ChangeLevel,
    Guideline,
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
    "AdaptationSection",
    "AdaptationStatus",
    "ChangeLevel",
    "Endorsement",
    "Guideline",
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
