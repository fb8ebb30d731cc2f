"""Translations of guideline versions: carried over when a version is published, written by
translators, approved by editors, and the societies editors name as translators.

A translation remembers the English it was made from (`source_hash`, `source_version`). When a
version is published, each of its sections in each language gets:
- the translation of the version before, as it was, when the section did not change, or when
  the version is editorial (nothing has to be redone: it stays current, now of the new text);
- else the translation once made from this very text, when the section's English went back to
  it (its state as it was, current or approved);
- else the translation of the version before, kept but marked `needs-update` (it still says
  what it was translated from, so the page can show the source diff since then);
- else nothing yet: `missing`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from advocacy import permissions
from advocacy.models import (
    ChangeLevel,
    GuidelineVersion,
    SectionTranslation,
    TranslationLanguage,
    TranslationState,
    Translator,
    VersionStatus,
)
from core.models import NationalSociety, User
from core.permissions import require_editor
from core.validation import clean_text

DONE = [TranslationState.CURRENT, TranslationState.APPROVED]
COPIED_FIELDS = [
    "heading",
    "text",
    "source_hash",
    "source_version_id",
    "state",
    "translator_id",
    "translated_at",
    "approved_by_id",
    "approved_at",
]


@dataclass
class CarriedOver:
    """What publishing a version did to its translations: (section key, language) pairs."""

    change_level: str
    needs_update: list[tuple[str, str]] = field(default_factory=list)
    restored: list[tuple[str, str]] = field(default_factory=list)
    kept: list[tuple[str, str]] = field(default_factory=list)
    missing: list[tuple[str, str]] = field(default_factory=list)


def _copy(source: SectionTranslation | None, **changes) -> dict:
    values = {name: getattr(source, name) for name in COPIED_FIELDS} if source else {}
    values.update(changes)
    return values


def carry_over(*, version: GuidelineVersion, previous: GuidelineVersion | None) -> CarriedOver:
    """The translations of `version`, just published after `previous` (None: the first), made
    from those before it (see the module's docstring). Called by publish_version, inside its
    transaction; it reads every earlier translation of the guideline once."""
    editorial = version.change_level == ChangeLevel.EDITORIAL
    result = CarriedOver(change_level=version.change_level)
    sections = list(version.sections.all())
    earlier = list(
        SectionTranslation.objects.filter(
            version__guideline_id=version.guideline_id, version__number__lt=version.number
        )
        .exclude(state=TranslationState.MISSING)
        .order_by("-version__number")
        .select_related("version")
    )
    previous_translations = {
        (translation.section_key, translation.language): translation
        for translation in earlier
        if previous is not None and translation.version_id == previous.pk
    }
    previous_hashes = (
        {section.key: section.source_hash for section in previous.sections.all()}
        if previous is not None
        else {}
    )
    done_by_hash: dict[tuple[str, str, str], SectionTranslation] = {}
    for translation in earlier:  # newest first: the latest translation of a text wins
        if translation.state in DONE:
            done_by_hash.setdefault(
                (translation.section_key, translation.language, translation.source_hash),
                translation,
            )
    rows = []
    for section in sections:
        source_hash = section.source_hash
        unchanged = previous_hashes.get(section.key) == source_hash
        for language in TranslationLanguage.values:
            pair = (section.key, language)
            before = previous_translations.get(pair)
            again = done_by_hash.get((section.key, language, source_hash))
            if before is not None and (unchanged or editorial):
                values = _copy(before)
                if editorial and before.state in DONE:
                    values["source_hash"] = source_hash  # still right for the new wording
                result.kept.append(pair)
            elif again is not None:
                values = _copy(again)
                result.restored.append(pair)
            elif before is not None:
                values = _copy(before, state=TranslationState.NEEDS_UPDATE)
                result.needs_update.append(pair)
            else:
                values = {"state": TranslationState.MISSING}
                result.missing.append(pair)
            rows.append(
                SectionTranslation(
                    version=version, section_key=section.key, language=language, **values
                )
            )
    SectionTranslation.objects.bulk_create(rows)
    return result


def _translatable_version(version: GuidelineVersion) -> GuidelineVersion:
    if version.status != VersionStatus.PUBLISHED:
        raise ValidationError(
            {"status": [_("Only the published version of a guideline is translated.")]}
        )
    return version


@transaction.atomic
def save_translation(
    *,
    version: GuidelineVersion,
    section_key: str,
    language: str,
    actor: User,
    heading: str,
    text: str,
) -> SectionTranslation:
    """A translator (an editor, or a member of a society named for `language`) writes a
    section of the published version in `language`. It is then current, made from the English
    as it is now; an editor approves it next."""
    if language not in TranslationLanguage.values:
        raise ValidationError({"language": [_("Choose French, Spanish or Arabic.")]})
    if not permissions.can_translate(actor, language):
        raise PermissionDenied(
            _("Only editors and the societies named as translators translate guidelines.")
        )
    version = _translatable_version(GuidelineVersion.objects.select_for_update().get(pk=version.pk))
    section = version.sections.filter(key=section_key).first()
    if section is None:
        raise ValidationError({"section_key": [_("This version has no such section.")]})
    errors: dict[str, list[str]] = {}
    heading = clean_text(heading, field="heading", max_length=200, errors=errors)
    text = clean_text(
        text,
        field="text",
        required=True,
        required_message=_("Write the translated text."),
        errors=errors,
    )
    if errors:
        raise ValidationError(errors)
    translation, _created = SectionTranslation.objects.select_for_update().get_or_create(
        version=version, section_key=section_key, language=language
    )
    translation.heading = heading
    translation.text = text
    translation.source_hash = section.source_hash
    translation.source_version = version
    translation.state = TranslationState.CURRENT
    translation.translator = actor
    translation.translated_at = timezone.now()
    translation.approved_by = None
    translation.approved_at = None
    with pghistory.context(user=actor.pk, action="translate"):
        translation.save()
    return translation


@transaction.atomic
def approve_translation(*, translation: SectionTranslation, actor: User) -> SectionTranslation:
    """An editor approves a current translation of the published version."""
    require_editor(actor, _("Only IFRC editors approve translations."))
    translation = SectionTranslation.objects.select_for_update().get(pk=translation.pk)
    _translatable_version(translation.version)
    if translation.state != TranslationState.CURRENT:
        raise ValidationError(
            {
                "status": [
                    _("Only a current translation can be approved; this one is %(state)s.")
                    % {"state": str(translation.get_state_display()).lower()}
                ]
            }
        )
    translation.state = TranslationState.APPROVED
    translation.approved_by = actor
    translation.approved_at = timezone.now()
    with pghistory.context(user=actor.pk, action="approve"):
        translation.save(update_fields=["state", "approved_by", "approved_at", "updated_at"])
    return translation


@transaction.atomic
def name_translator(*, society: NationalSociety, language: str, actor: User) -> Translator:
    """An editor names a society to translate guidelines into `language`."""
    require_editor(actor, _("Only IFRC editors name translators."))
    if language not in TranslationLanguage.values:
        raise ValidationError({"language": [_("Choose French, Spanish or Arabic.")]})
    with pghistory.context(user=actor.pk, action="name-translator"):
        translator, _created = Translator.objects.get_or_create(
            society=society, language=language, defaults={"named_by": actor}
        )
    return translator


@transaction.atomic
def remove_translator(*, translator: Translator, actor: User) -> None:
    require_editor(actor, _("Only IFRC editors name translators."))
    with pghistory.context(user=actor.pk, action="remove-translator"):
        Translator.objects.filter(pk=translator.pk).delete()
