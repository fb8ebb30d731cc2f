"""Writes to societies' adaptations."""

from __future__ import annotations

import pghistory
from django.db import transaction

from advocacy.models import Adaptation, ChangeLevel, GuidelineVersion


@transaction.atomic
def mark_adaptations_outdated(*, version_id: int) -> list[int]:
    """After `version` was published as a substantive change: every adaptation of an earlier
    version of its guideline is outdated, since that version. An editorial version outdates
    none. Safe to run twice: an adaptation already outdated is left as it is. Answers the ids
    of the adaptations it outdated."""
    version = GuidelineVersion.objects.filter(pk=version_id).first()
    if version is None or version.change_level != ChangeLevel.SUBSTANTIVE:
        return []
    adaptations = Adaptation.objects.select_for_update().filter(
        guideline_id=version.guideline_id, version__number__lt=version.number, outdated=False
    )
    outdated = list(adaptations.values_list("pk", flat=True))
    with pghistory.context(action="outdate", version=version.pk):
        Adaptation.objects.filter(pk__in=outdated).update(
            outdated=True, outdated_since_version=version
        )
    return outdated
