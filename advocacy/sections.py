"""What societies' adaptations and endorsements add to pages: a society's page lists its
published adaptations (core.sections), a guideline's page says who adapted it and who
endorses its key messages (guideline_adoption, included by the guideline page)."""

from __future__ import annotations

from advocacy import permissions
from advocacy.grid import language_name
from advocacy.models import Adaptation, Endorsement, Guideline, GuidelineVersion
from core.models import NationalSociety


def _published_adaptations(request):
    return (
        Adaptation.objects.visible_to(request.user)
        .published()
        .select_related("guideline", "version", "society", "society__region")
    )


def society(request, society):
    adaptations = list(
        _published_adaptations(request)
        .filter(society=society, guideline__in=Guideline.objects.visible_to(request.user))
        .order_by("guideline__title", "language", "-version__number")
    )
    if not adaptations:
        return None
    for adaptation in adaptations:
        adaptation.language_name = language_name(adaptation.language)
    return "advocacy/includes/society_adaptations.html", {
        "society": society,
        "adaptations": adaptations,
    }


def guideline_adoption(request, guideline: Guideline, version: GuidelineVersion | None) -> dict:
    """The guideline page's context for "advocacy/includes/guideline_adoption.html": the
    published adaptations the reader sees ("adapted by 23 National Societies in 4 languages"),
    and the societies endorsing the published `version` (None: none is published) and its key
    messages, by region. Two statements, whatever the numbers (the version's sections are the
    page's own)."""
    user = request.user
    adaptations = list(
        _published_adaptations(request)
        .filter(guideline=guideline)
        .order_by("society__region__position", "society__name", "language", "-version__number")
    )
    for adaptation in adaptations:
        adaptation.language_name = language_name(adaptation.language)
    endorsements = (
        list(
            Endorsement.objects.filter(version=version)
            .select_related("society", "society__region")
            .order_by("society__region__position", "society__name")
        )
        if version
        else []
    )
    key_messages = (
        [section for section in version.sections.all() if section.key_message] if version else []
    )
    endorsing = list(permissions.endorsing_societies(user)) if version else []
    own = {(e.section_key, e.society_id) for e in endorsements}
    items = [("", None)] + [(section.key, section) for section in key_messages]
    return {
        "guideline": guideline,
        "adaptations": adaptations,
        "adapted_societies": len({adaptation.society_id for adaptation in adaptations}),
        "adapted_languages": len({adaptation.language for adaptation in adaptations}),
        "endorsed_version": version,
        "endorsements": [
            {
                "key": key,
                "section": section,
                "regions": _by_region(e.society for e in endorsements if e.section_key == key),
                "mine": [
                    {"society": society, "endorsed": (key, society.pk) in own}
                    for society in endorsing
                ],
            }
            for key, section in items
        ],
        "may_endorse": bool(endorsing) and not guideline.endorsements_closed,
        "may_close": permissions.can_close_endorsement(user),
    }


def _by_region(societies) -> list[tuple[object, list[NationalSociety]]]:
    groups: dict[int, tuple[object, list]] = {}
    for society in societies:
        groups.setdefault(society.region_id, (society.region, []))[1].append(society)
    return list(groups.values())
