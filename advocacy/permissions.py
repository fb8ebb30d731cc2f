"""Object-level answers derived from the advocacy querysets' one rule (core.audience). Which
steps a version may take is advocacy.workflow's answer (VERSION_WORKFLOW.available)."""

from advocacy.models import Guideline, GuidelineQuerySet, GuidelineVersion, Translator
from core.models import user_is_editor

GUIDELINE_POLICY = GuidelineQuerySet.policy


def can_view_guideline(user, guideline: Guideline) -> bool:
    return GUIDELINE_POLICY.can_view(user, guideline)


def can_edit_guideline(user, guideline: Guideline) -> bool:
    """Editors write guidelines; no society owns one."""
    return GUIDELINE_POLICY.can_edit(user, guideline)


def can_edit_version_content(user, version: GuidelineVersion) -> bool:
    """A version's sections and parameters are written while it is a draft, by editors."""
    return version.is_draft and user_is_editor(user)


def translation_languages(user) -> set[str]:
    """The languages `user` translates guidelines into: all of them for an editor; for a
    member, those their societies were named to translate."""
    from advocacy.models import TranslationLanguage

    if user_is_editor(user):
        return set(TranslationLanguage.values)
    if not user.is_authenticated or not user.approved_society_ids:
        return set()
    return set(
        Translator.objects.filter(society_id__in=user.approved_society_ids).values_list(
            "language", flat=True
        )
    )


def can_translate(user, language: str) -> bool:
    return language in translation_languages(user)


def can_approve_translation(user) -> bool:
    return user_is_editor(user)
