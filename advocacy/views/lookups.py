"""The lookups every guideline page starts from: each begins with the models'
visible_to(user), so what a user may not see is a 404."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from advocacy.models import Guideline, GuidelineVersion, VersionStatus

# Lazy: read in the language of each request, not of the process that loaded the module.
NOT_SAVED = _("Nothing is saved yet. Please correct what is marked below.")


def guideline_or_404(request, slug) -> Guideline:
    return get_object_or_404(Guideline.objects.visible_to(request.user), slug=slug)


def version_or_404(request, slug, number) -> GuidelineVersion:
    return get_object_or_404(
        GuidelineVersion.objects.visible_to(request.user).select_related("guideline"),
        guideline__slug=slug,
        number=number,
    )


def versions_with_content(user):
    return GuidelineVersion.objects.visible_to(user).prefetch_related(
        "sections", "parameters", "translations"
    )


def published_version(guideline: Guideline) -> GuidelineVersion | None:
    return guideline.versions.filter(status=VersionStatus.PUBLISHED).first()
