"""The trail of a route as one reader sees it: its stops in order, the steps each carries, and in
each stop-and-step cell the active offers the reader may see, the published practices of that
country and step, the types of support nobody offers there (gaps), and between two stops whom
to hand over to. The trail page, its print card, its JSON and its exports all read this.

A trail costs the same few queries whatever the number of stops, offers and practices: the
stops, the offers of the route's countries (one query, placed into cells in Python) and the
practice counts (one grouped query). Offers start from SupportOffer.objects.visible_to and
practices from Practice.objects.visible_to, so a reader sees here exactly what they see
elsewhere; contacts come from networks.permissions.offer_contacts.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import taxonomy, versions
from core.models import NationalSociety
from core.translations import active_language, translated
from networks.models import Route, RouteStop, SupportOffer
from networks.models.routes import ACROSS_THE_TRAIL, SupportOfferQuerySet, stale_before
from networks.permissions import can_see_offer_contacts, offer_contacts
from networks.vocabulary import language_choices, language_label
from practices.models import Practice, PracticeQuerySet, TargetGroup
from practices.tallies import country_step_counts

# A cell shows its most recently confirmed offers, and links to the list of all of them.
OFFERS_PER_CELL = 5
# The tables a trail reads: a write to any of them makes every cached trail a new one.
TRAIL_TABLES = (Route, RouteStop, SupportOffer, Practice, NationalSociety)
# Whose rules say which of those rows a reader sees (routes and stops are public).
READ_POLICIES = (SupportOfferQuerySet.policy, PracticeQuerySet.policy)
STEP_ORDER = {code: index for index, code in enumerate(taxonomy.codes("step"))}


def _in_trail_order(steps) -> list[str]:
    return sorted(steps, key=lambda step: STEP_ORDER.get(step, len(STEP_ORDER)))


class TrailFilterForm(forms.Form):
    """What a reader narrows the trail to: repeated values of a field OR, fields AND."""

    support_type = forms.MultipleChoiceField(
        label=_("Type of support"), required=False, widget=forms.CheckboxSelectMultiple
    )
    target_group = forms.MultipleChoiceField(
        label=_("Target group"), required=False, choices=TargetGroup.choices
    )
    language = forms.MultipleChoiceField(label=_("Language spoken"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per form, so labels are in the reader's language.
        self.fields["support_type"].choices = taxonomy.choices("support_type")
        self.fields["target_group"].choices = TargetGroup.choices
        self.fields["language"].choices = language_choices()

    def filters(self) -> dict[str, list[str]]:
        return {name: self.cleaned_data.get(name) or [] for name in self.fields}

    def options(self, name: str) -> list[tuple[str, str, bool]]:
        """(code, label, chosen) of a field, chosen as typed (kept when the form is invalid).
        The page writes these itself: Django's widgets render each of the ~180 languages
        through a template of its own, which costs more than the rest of the trail."""
        chosen = set(self.data.getlist(name)) if hasattr(self.data, "getlist") else set()
        return [(code, label, code in chosen) for code, label in self.fields[name].choices]


@dataclass
class ShownOffer:
    """An offer as one reader sees it on the trail: the contacts they may see (empty texts where
    hidden), whether those are hidden from them (movement-only contacts, for a visitor),
    whether the offer is stale, and its texts in the reader's language, worked out once here
    rather than by the page's template for each of hundreds of offers."""

    offer: SupportOffer
    contacts: dict[str, str]
    contacts_hidden: bool
    stale: bool
    url: str
    name: str
    society_name: str
    support_labels: list[str]
    language_names: list[str]


@dataclass
class Words:
    """What every offer of a trail repeats, looked up once per trail: the reader's language,
    the day before which an offer is stale, and the names of societies, types of support and
    languages (a trail shows hundreds of offers of a few dozen societies)."""

    language: str = field(default_factory=active_language)
    stale_if_confirmed_before: datetime.date = field(default_factory=stale_before)
    support_types: dict[str, str] = field(
        default_factory=lambda: dict(taxonomy.choices("support_type"))
    )
    societies: dict[int, str] = field(default_factory=dict)

    def society(self, society) -> str:
        if society.pk not in self.societies:
            self.societies[society.pk] = translated(society, "name", self.language)
        return self.societies[society.pk]


def shown_offer(offer: SupportOffer, *, user, words: Words) -> ShownOffer:
    return ShownOffer(
        offer=offer,
        contacts=offer_contacts(user, offer),
        contacts_hidden=not can_see_offer_contacts(user, offer),
        # Only active offers are on a trail: the last confirmation says it all.
        stale=offer.last_confirmed_on < words.stale_if_confirmed_before,
        url=offer.get_absolute_url(),
        name=translated(offer, "name", words.language),
        society_name=words.society(offer.society),
        support_labels=[words.support_types.get(code, code) for code in offer.support_types],
        language_names=[language_label(code) for code in offer.languages],
    )


@dataclass
class Cell:
    """A stop-and-step cell (or the route's "across the trail"): the first offers shown, how
    many there are in all, and where the rest are listed."""

    step: str
    offers: list[ShownOffer]
    offer_count: int
    offers_url: str
    practices: int
    practices_url: str
    gaps: list[str]  # the types of support no offer of the cell covers

    @property
    def step_label(self) -> str:
        return taxonomy.term_label("step", self.step)

    @property
    def gap_items(self) -> list[tuple[str, str]]:
        return [(code, taxonomy.term_label("support_type", code)) for code in self.gaps]

    @property
    def more_offers(self) -> int:
        return self.offer_count - len(self.offers)


@dataclass
class Handover:
    """Whom to hand over to after a stop: the next stop's offers for the next step."""

    stop: TrailStop
    cell: Cell


@dataclass
class TrailStop:
    stop: RouteStop
    cells: list[Cell]
    handover: Handover | None = None

    @property
    def country_label(self) -> str:
        return taxonomy.term_label("country", self.stop.country_id)


@dataclass
class Trail:
    route: Route
    stops: list[TrailStop]
    across: Cell  # "across the trail": offers and practices of the whole route
    support_types: list[str]  # the types of support gaps are looked for
    filters: dict[str, list[str]] = field(default_factory=dict)

    @property
    def gap_count(self) -> int:
        return sum(len(cell.gaps) for stop in self.stops for cell in stop.cells)


def catalogue_url(countries: list[str], step: str) -> str:
    """The practices catalogue filtered on these countries (OR) and the step."""
    query = urlencode([*(("country", code) for code in countries), ("step", step)])
    return f"{reverse('practices:catalogue')}?{query}"


def offer_list_url(countries: list[str], step: str, filters: dict) -> str:
    """The offers list on these countries and the step, with the trail's filters."""
    query = [*(("country", code) for code in countries), ("step", step)]
    query += [(name, value) for name, values in filters.items() for value in values]
    return f"{reverse('networks:offer-list')}?{urlencode(query)}"


def trail_offers(stops: list[RouteStop], *, user, filters: dict):
    """The active offers `user` sees on the trail of these stops, narrowed by `filters`: those
    of a stop's country for one of its steps, or across the trail."""
    on_trail = Q()
    steps_by_country: dict[str, set[str]] = {}
    for stop in stops:
        steps_by_country.setdefault(stop.country_id, {ACROSS_THE_TRAIL}).update(stop.steps)
    for country, steps in steps_by_country.items():
        on_trail |= Q(country_id=country, steps__overlap=sorted(steps))
    if not steps_by_country:
        return SupportOffer.objects.none()
    offers = SupportOffer.objects.visible_to(user).active().filter(on_trail)
    if filters.get("support_type"):
        offers = offers.filter(support_types__overlap=filters["support_type"])
    if filters.get("target_group"):
        offers = offers.filter(target_groups__overlap=filters["target_group"])
    if filters.get("language"):
        offers = offers.filter(languages__overlap=filters["language"])
    return offers


@dataclass
class CellOffers:
    ids: list[int]  # the first offers, most recently confirmed first
    count: int
    covered: set[str]  # the types of support the cell's offers cover, all of them


def offers_by_cell(offers, *, per_cell: int) -> dict[tuple[str, str], CellOffers]:
    """(country, step) → the cell's first `per_cell` offer ids, its number of offers and the
    types of support they cover: one query, however many offers there are, so that a page
    never loads thousands of offers to show a few in each cell."""
    columns = offers.order_by().values(
        "id", "country_id", "steps", "support_types", "last_confirmed_on"
    )
    try:
        subquery, params = columns.query.sql_with_params()
    except EmptyResultSet:  # a queryset that is none(): a route without stops
        return {}
    support_types = taxonomy.codes("support_type")
    covers = ", ".join(
        f"bool_or(%s = ANY(v.support_types)) OVER cell AS covers_{index}"
        for index in range(len(support_types))
    )
    # Ranked within each cell: an offer counts once in each step it carries.
    sql = (
        "SELECT country, step, id, total, "
        + ", ".join(f"covers_{index}" for index in range(len(support_types)))
        + " FROM (SELECT v.country_id AS country, s.step AS step, v.id AS id, "
        "row_number() OVER (cell ORDER BY v.last_confirmed_on DESC, v.id) AS rank, "
        f"count(*) OVER cell AS total, {covers} "
        f"FROM ({subquery}) v CROSS JOIN unnest(v.steps) AS s(step) "
        "WINDOW cell AS (PARTITION BY v.country_id, s.step)) ranked WHERE rank <= %s "
        "ORDER BY country, step, rank"
    )
    cells: dict[tuple[str, str], CellOffers] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [*support_types, *params, per_cell])
        for country, step, offer_id, total, *covered in cursor.fetchall():
            cell = cells.get((country, step))
            if cell is None:
                cell = cells[(country, step)] = CellOffers(
                    ids=[],
                    count=total,
                    covered={code for code, yes in zip(support_types, covered, strict=True) if yes},
                )
            cell.ids.append(offer_id)
    return cells


def practice_counts(countries: list[str], *, user) -> dict[tuple[str | None, str], int]:
    """(country, step) → the number of published practices `user` sees that carry both, and
    (None, "across-the-trail") → those of any of `countries` across the trail (each once).
    The pairs come from the counts practices keep current (practices.tallies), so a trail
    costs the same at a thousand practices and at a million; the practices across the trail
    are counted from the rows, through the index on their tags."""
    if not countries:
        return {}
    counts: dict[tuple[str | None, str], int] = dict(
        country_step_counts(user, countries, list(taxonomy.codes("step")))
    )
    across = (
        Practice.objects.visible_to(user)
        .published()
        .filter(countries__overlap=countries, steps__contains=[ACROSS_THE_TRAIL])
        .count()
    )
    counts[(None, ACROSS_THE_TRAIL)] = across
    return counts


def next_step(steps: list[str], after: list[str]) -> str:
    """The step a person reaches at the next stop: its first step that does not come before
    the last step of the stop they leave, or its first step."""
    ordered = _in_trail_order(steps)
    last = max((STEP_ORDER.get(step, -1) for step in after), default=-1)
    return next((step for step in ordered if STEP_ORDER.get(step, -1) >= last), ordered[0])


def build_trail(
    route: Route, *, user, filters: dict | None = None, per_cell: int = OFFERS_PER_CELL
) -> Trail:
    """The trail of `route` for `user`, narrowed by `filters` (cleaned TrailFilterForm data),
    with at most `per_cell` offers shown in each cell (the cell says how many there are)."""
    filters = filters or {}
    stops = list(route.stops.select_related("country__region").order_by("position"))
    countries = list(dict.fromkeys(stop.country_id for stop in stops))
    support_types = filters.get("support_type") or list(taxonomy.codes("support_type"))

    cells = offers_by_cell(trail_offers(stops, user=user, filters=filters), per_cell=per_cell)
    wanted = {offer_id for cell in cells.values() for offer_id in cell.ids}
    loaded = SupportOffer.objects.select_related("society", "country").in_bulk(wanted)
    words = Words()
    shown = {pk: shown_offer(offer, user=user, words=words) for pk, offer in loaded.items()}
    counts = practice_counts(countries, user=user)
    empty = CellOffers(ids=[], count=0, covered=set())

    def cell(cell_countries: list[str], step: str, found: list[CellOffers], practices: int):
        covered = set().union(*(offers.covered for offers in found))
        return Cell(
            step=step,
            offers=[shown[pk] for offers in found for pk in offers.ids if pk in shown][:per_cell],
            offer_count=sum(offers.count for offers in found),
            offers_url=offer_list_url(cell_countries, step, filters),
            practices=practices,
            practices_url=catalogue_url(cell_countries, step),
            gaps=[code for code in support_types if code not in covered],
        )

    trail_stops = [
        TrailStop(
            stop=stop,
            cells=[
                cell(
                    [stop.country_id],
                    step,
                    [cells.get((stop.country_id, step), empty)],
                    counts.get((stop.country_id, step), 0),
                )
                for step in _in_trail_order(stop.steps)
            ],
        )
        for stop in stops
    ]
    for here, there in itertools.pairwise(trail_stops):
        step = next_step(there.stop.steps, here.stop.steps)
        there_cell = next(c for c in there.cells if c.step == step)
        here.handover = Handover(stop=there, cell=there_cell)

    across = cell(
        countries,
        ACROSS_THE_TRAIL,
        [
            cells[(country, ACROSS_THE_TRAIL)]
            for country in countries
            if (country, ACROSS_THE_TRAIL) in cells
        ],
        counts.get((None, ACROSS_THE_TRAIL), 0),
    )
    return Trail(
        route=route,
        stops=trail_stops,
        across=across,
        support_types=support_types,
        filters=filters,
    )


def cached_trail(route: Route, *, user, filters: dict, output: str, build, variant: str = ""):
    """What `build()` makes of the trail of `route` for `user` (an `output`: the page's
    trail, its JSON), made once for all readers who see the same offers, practices and
    contacts, in the same language, on the same filters and day, until a table the trail
    reads is written (core.versions). `variant`: anything else the output depends on."""
    parts = {
        "route": route.pk,
        "readers": [policy.reader_key(user) for policy in READ_POLICIES],
        "language": active_language(),
        "filters": {name: sorted(values) for name, values in filters.items()},
        "stale_before": stale_before().isoformat(),
        "variant": variant,
    }
    return versions.cached(f"trail-{output}", parts, TRAIL_TABLES, build)
