"""Object-level answers derived from the advocacy querysets' one rule (core.audience). Which
steps a version or an adaptation may take is advocacy.workflow's answer
(VERSION_WORKFLOW.available, ADAPTATION_WORKFLOW.available)."""

from advocacy.models import (
    Adaptation,
    AdaptationQuerySet,
    Guideline,
    GuidelineQuerySet,
    GuidelineVersion,
    Translator,
)
from core.models import user_is_editor
from core.permissions import acts_for, focal_point_societies

GUIDELINE_POLICY = GuidelineQuerySet.policy
ADAPTATION_POLICY = AdaptationQuerySet.policy


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


def can_view_adaptation(user, adaptation: Adaptation) -> bool:
    return ADAPTATION_POLICY.can_view(user, adaptation)


def can_edit_adaptation(user, adaptation: Adaptation) -> bool:
    """The society's members write its draft or returned adaptation (editors may correct what
    they see)."""
    return ADAPTATION_POLICY.can_edit(user, adaptation)


def can_adapt(user) -> bool:
    """Approved members of a National Society adapt guidelines for it."""
    return bool(user.is_authenticated and user.approved_society_ids)


def can_carry_forward(user, adaptation: Adaptation) -> bool:
    return adaptation.outdated and acts_for(user, adaptation.society)


def endorsing_societies(user):
    """The societies `user` endorses for: those where they are a focal point."""
    return focal_point_societies(user)


def can_close_endorsement(user) -> bool:
    return user_is_editor(user)
