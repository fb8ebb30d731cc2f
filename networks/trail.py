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

import itertools
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.db import connection
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import taxonomy
from networks.models import Route, RouteStop, SupportOffer
from networks.models.routes import ACROSS_THE_TRAIL
from networks.permissions import can_see_offer_contacts, offer_contacts
from networks.vocabulary import language_choices, language_label
from practices.models import Practice, TargetGroup

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


@dataclass
class ShownOffer:
    """An offer with the contacts its reader may see (empty texts where hidden), whether they
    are hidden from this reader (movement-only contacts, for a visitor), and whether the offer
    is stale."""

    offer: SupportOffer
    contacts: dict[str, str]
    contacts_hidden: bool
    stale: bool

    @property
    def language_names(self) -> list[str]:
        return [language_label(code) for code in self.offer.languages]


@dataclass
class Cell:
    step: str
    offers: list[ShownOffer]
    practices: int
    practices_url: str
    gaps: list[str]  # the types of support no shown offer covers

    @property
    def step_label(self) -> str:
        return taxonomy.term_label("step", self.step)


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
    def countries(self) -> list[str]:
        return list(dict.fromkeys(stop.stop.country_id for stop in self.stops))

    @property
    def offers(self) -> list[ShownOffer]:
        """Every offer shown on the trail, once, in the route's order (for exports)."""
        seen: dict[int, ShownOffer] = {}
        for cell in [*(cell for stop in self.stops for cell in stop.cells), self.across]:
            for shown in cell.offers:
                seen.setdefault(shown.offer.pk, shown)
        return list(seen.values())

    @property
    def gap_count(self) -> int:
        return sum(len(cell.gaps) for stop in self.stops for cell in stop.cells)


def catalogue_url(countries: list[str], step: str) -> str:
    """The practices catalogue filtered on these countries (OR) and the step."""
    query = urlencode([*(("country", code) for code in countries), ("step", step)])
    return f"{reverse('practices:catalogue')}?{query}"


def visible_offers(route: Route, stops: list[RouteStop], *, user, filters: dict):
    """The active offers of the route's countries that `user` sees, narrowed by `filters`."""
    offers = (
        SupportOffer.objects.visible_to(user)
        .active()
        .filter(country__in={stop.country_id for stop in stops})
        .select_related("society", "country")
    )
    if filters.get("support_type"):
        offers = offers.filter(support_types__overlap=filters["support_type"])
    if filters.get("target_group"):
        offers = offers.filter(target_groups__overlap=filters["target_group"])
    if filters.get("language"):
        offers = offers.filter(languages__overlap=filters["language"])
    return offers.order_by("society__name", "name", "pk")


def practice_counts(countries: list[str], *, user) -> dict[tuple[str | None, str], int]:
    """(country, step) → the number of published practices `user` sees that carry both, and
    (None, "across-the-trail") → those of any of `countries` across the trail (each once): one
    grouped query over the same visible_to queryset the catalogue counts from."""
    if not countries:
        return {}
    visible = Practice.objects.visible_to(user).published().filter(countries__overlap=countries)
    subquery, params = visible.values("pk").query.sql_with_params()
    table = Practice._meta.db_table
    # Each array unnested on its own (a cross join), so that a practice counts once in each
    # country and step it carries; two unnest() in one select list would be zipped instead.
    sql = (
        f"SELECT country, step, count(*) FROM {table}, "
        f"unnest({table}.countries) AS country, unnest({table}.steps) AS step "
        f"WHERE {table}.id IN ({subquery}) AND country = ANY(%s) GROUP BY country, step "
        f"UNION ALL SELECT NULL, %s, count(*) FROM {table} "
        f"WHERE {table}.id IN ({subquery}) AND %s = ANY({table}.steps)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, countries, ACROSS_THE_TRAIL, *params, ACROSS_THE_TRAIL])
        return {(country, step): count for country, step, count in cursor.fetchall()}


def next_step(steps: list[str], after: list[str]) -> str:
    """The step a person reaches at the next stop: its first step that does not come before
    the last step of the stop they leave, or its first step."""
    ordered = _in_trail_order(steps)
    last = max((STEP_ORDER.get(step, -1) for step in after), default=-1)
    return next((step for step in ordered if STEP_ORDER.get(step, -1) >= last), ordered[0])


def build_trail(route: Route, *, user, filters: dict | None = None) -> Trail:
    """The trail of `route` for `user`, narrowed by `filters` (cleaned TrailFilterForm data)."""
    filters = filters or {}
    stops = list(route.stops.select_related("country__region").order_by("position"))
    countries = list(dict.fromkeys(stop.country_id for stop in stops))
    support_types = filters.get("support_type") or list(taxonomy.codes("support_type"))

    by_cell: dict[tuple[str, str], list[ShownOffer]] = {}
    for offer in visible_offers(route, stops, user=user, filters=filters):
        shown = ShownOffer(
            offer=offer,
            contacts=offer_contacts(user, offer),
            contacts_hidden=not can_see_offer_contacts(user, offer),
            stale=offer.is_stale(),
        )
        for step in offer.steps:
            by_cell.setdefault((offer.country_id, step), []).append(shown)
    counts = practice_counts(countries, user=user)

    def cell(country: str, step: str) -> Cell:
        offers = by_cell.get((country, step), [])
        covered = {code for shown in offers for code in shown.offer.support_types}
        return Cell(
            step=step,
            offers=offers,
            practices=counts.get((country, step), 0),
            practices_url=catalogue_url([country], step),
            gaps=[code for code in support_types if code not in covered],
        )

    trail_stops = [
        TrailStop(
            stop=stop,
            cells=[cell(stop.country_id, step) for step in _in_trail_order(stop.steps)],
        )
        for stop in stops
    ]
    for here, there in itertools.pairwise(trail_stops):
        step = next_step(there.stop.steps, here.stop.steps)
        there_cell = next(c for c in there.cells if c.step == step)
        here.handover = Handover(stop=there, cell=there_cell)

    across_offers = list(
        {
            shown.offer.pk: shown
            for country in countries
            for shown in by_cell.get((country, ACROSS_THE_TRAIL), [])
        }.values()
    )
    across_covered = {code for shown in across_offers for code in shown.offer.support_types}
    across = Cell(
        step=ACROSS_THE_TRAIL,
        offers=across_offers,
        practices=counts.get((None, ACROSS_THE_TRAIL), 0),
        practices_url=catalogue_url(countries, ACROSS_THE_TRAIL),
        gaps=[code for code in support_types if code not in across_covered],
    )
    return Trail(
        route=route,
        stops=trail_stops,
        across=across,
        support_types=support_types,
        filters=filters,
    )
