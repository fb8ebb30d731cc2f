"""The status grid of a guideline: every National Society (by region) by language, each cell
the state of that society's adaptation with its version. (The grid of its translations, section
by language, is advocacy.presenters.translation_grid.)

The grid reads what the reader may see (Adaptation.objects.visible_to): an anonymous visitor's
grid shows published adaptations only, a society's members see their drafts too. It is two
statements whatever its size (the societies, then the adaptations), so a grid of 191 societies
costs what a grid of 20 does.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from babel import Locale, UnknownLocaleError
from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from advocacy.models import Adaptation, Guideline
from core.models import NationalSociety

# The site's languages, always shown; other languages societies adapted into follow.
SITE_LANGUAGES = [code for code, _name in settings.LANGUAGES]


class CellState(models.TextChoices):
    NONE = "none", _("None")
    DRAFT = "draft", _("Draft")
    RETURNED = "returned", _("Returned with a note")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    OUTDATED = "outdated", _("Outdated")


def language_name(code: str) -> str:
    """A language's name in the active language ("Italian", "italien"), else its code."""
    names = dict(settings.LANGUAGES)
    if code in names:
        return str(names[code])
    try:
        return Locale.parse(code, sep="-").get_display_name(get_language() or "en") or code
    except (UnknownLocaleError, ValueError):
        return code


@dataclass
class Cell:
    language: str
    state: str
    adaptation_id: int | None = None
    version_number: int | None = None

    @property
    def state_label(self) -> str:
        return CellState(self.state).label


@dataclass
class Row:
    society: NationalSociety
    cells: list[Cell]


@dataclass
class RegionGroup:
    region: object
    rows: list[Row] = field(default_factory=list)


@dataclass
class AdaptationGrid:
    guideline: Guideline
    languages: list[tuple[str, str]]  # (code, name)
    groups: list[RegionGroup]
    counts: dict[str, int]  # state: cells in that state, for the region chosen
    societies: int  # societies in the region chosen

    @property
    def rows(self):
        for group in self.groups:
            yield from group.rows

    @property
    def count_list(self) -> list[tuple[str, str, int]]:
        return [(state, label, self.counts.get(state, 0)) for state, label in CellState.choices]


def cell_state(status: str, outdated: bool) -> str:
    return CellState.OUTDATED if outdated else status


def adaptation_grid(
    guideline: Guideline, user, *, region: str = "", state: str = ""
) -> AdaptationGrid:
    """The grid of `guideline` as `user` sees it: each society's latest visible adaptation per
    language (the one of the highest version). `region` keeps one region's societies; `state`
    the societies with a cell in that state. Counts are of the region's cells, every state."""
    societies = NationalSociety.objects.national_societies().select_related("region")
    if region:
        societies = societies.filter(region__code=region)
    societies = list(societies.order_by_label())
    adaptations = (
        Adaptation.objects.visible_to(user)
        .filter(guideline=guideline, society__in=[society.pk for society in societies])
        .order_by("society_id", "language", "-version__number")
        .values_list("pk", "society_id", "language", "status", "outdated", "version__number")
    )
    latest: dict[tuple[int, str], Cell] = {}
    for pk, society_id, language, status, outdated, number in adaptations:
        latest.setdefault(
            (society_id, language), Cell(language, cell_state(status, outdated), pk, number)
        )
    others = sorted({language for _society, language in latest} - set(SITE_LANGUAGES))
    codes = [*SITE_LANGUAGES, *others]
    counts: Counter = Counter()
    groups: dict[int, RegionGroup] = {}
    for society in sorted(societies, key=lambda society: society.region.position):
        cells = []
        for code in codes:
            cell = latest.get((society.pk, code))
            if cell is None:
                cell = Cell(code, CellState.NONE)
                if code in others:  # a language the society never adapted into: not a gap
                    cells.append(cell)
                    continue
            counts[cell.state] += 1
            cells.append(cell)
        if state and not any(
            cell.state == state and (state != CellState.NONE or cell.language in SITE_LANGUAGES)
            for cell in cells
        ):
            continue
        group = groups.setdefault(society.region_id, RegionGroup(society.region))
        group.rows.append(Row(society, cells))
    return AdaptationGrid(
        guideline=guideline,
        languages=[(code, language_name(code)) for code in codes],
        groups=list(groups.values()),
        counts=dict(counts),
        societies=len(societies),
    )


GRID_CSV_HEADER = ["society", "society_slug", "region", "language", "state", "version"]
GRID_CSV_HXL = ["#org+name", "#org+code", "#region+code", "#meta+lang", "#status", "#meta+version"]


def grid_csv_rows(grid: AdaptationGrid):
    for row in grid.rows:
        for cell in row.cells:
            yield [
                row.society.name,
                row.society.slug,
                row.society.region.code,
                cell.language,
                cell.state,
                cell.version_number if cell.version_number is not None else "",
            ]
