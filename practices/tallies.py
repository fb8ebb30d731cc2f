"""Counts of practices that cost the same at a thousand practices and at a million: the home
page's counts and the facets of a list that narrows only by region and status.

PracticeTally holds, per status, visibility and region, how many practices carry each facet
value; triggers keep it current in the transaction of every write, so a reader's snapshot of
the tally and of the practices agree (a publish counts in the very next request).

What a user sees splits in two (core.audience): the rows they see for who they are, a condition
on status and visibility that the tally answers by summing a few hundred cells; and the rows of
their own society (or, for an editor, the drafts they wrote) beyond those, a society's share,
counted from the rows. Anything else that narrows (text, tags, countries, dates, rubric) is
counted from the rows as before (practices.search.count_facets).
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Case, F, Q, Sum, Value, When

from practices.models import Practice, PracticeQuerySet, PracticeTally, Status
from practices.search import count_facets, labelled_facets
from practices.tally_triggers import PAIR_FACET

# The filters whose every combination of values the tally's cells record.
TALLIED_FILTERS = {"region", "status"}
# Parameters of a list that change its order, not what it holds.
ORDER_ONLY = {"ordering"}


def tallied_counts(
    user, *, statuses: list[str] | None = None, regions: list[str] | None = None
) -> tuple[int, dict[str, dict[str, int]]]:
    """The total and facet counts (shaped as count_facets gives them) of the practices `user`
    sees (Practice.objects.visible_to) with a status in `statuses` and a region in `regions`
    (None: any)."""
    policy = PracticeQuerySet.policy
    cells = Q()
    if statuses is not None:
        cells &= Q(status__in=statuses)
    if regions:
        cells &= Q(region_id__in=regions)
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    total = 0

    audience_rows = policy.audience_rows(user)
    if audience_rows is not None:
        # A cell's total is its region's count: the region facet needs no rows of its own.
        rows = (
            PracticeTally.objects.filter(cells, audience_rows)
            .exclude(facet=PAIR_FACET)
            .annotate(
                name=Case(When(facet="total", then=Value("region")), default=F("facet")),
                code=Case(When(facet="total", then=F("region_id")), default=F("value")),
            )
            .values_list("name", "code")
            .annotate(found=Sum("count"))
            .order_by()
        )
        for name, code, found in rows:
            if name == "region":
                total += found
                code = code or None  # '' stands for no region in the tally
            counts[name][code] = counts[name].get(code, 0) + found

    if policy.own_rows(user):
        own = Practice.objects.visible_to(user).filter(cells)
        if audience_rows is not None:
            own = own.exclude(audience_rows)
        own_total, own_counts = count_facets(own)
        total += own_total
        for name, found in own_counts.items():
            for code, count in found.items():
                counts[name][code] = counts[name].get(code, 0) + count

    return total, {
        name: {code: n for code, n in found.items() if n} for name, found in counts.items()
    }


def list_counts(user, filters: dict, rows, *, published_only: bool) -> tuple[int, dict]:
    """The total and labelled facets of `rows`: the practices `user` sees (only the published
    ones with `published_only`) narrowed by a PracticeFilter whose cleaned data is `filters`.
    From the tally when nothing but region and status narrows, otherwise from the rows."""
    narrowing = {name for name, value in filters.items() if value and name not in ORDER_ONLY}
    if not narrowing <= TALLIED_FILTERS:
        total, counts = count_facets(rows)
        return total, labelled_facets(counts)
    statuses = [Status.PUBLISHED] if published_only else None
    if filters.get("status"):
        statuses = [
            status for status in filters["status"] if statuses is None or status in statuses
        ]
    total, counts = tallied_counts(user, statuses=statuses, regions=filters.get("region"))
    return total, labelled_facets(counts)


def country_step_counts(user, countries: list[str], steps: list[str]) -> dict[tuple[str, str], int]:
    """(country, step) → the number of published practices `user` sees that carry both, for
    each pair of `countries` and `steps`: the tally's pairs for who `user` is, and their
    society's published practices beyond those counted from the rows."""
    pairs = {f"{country} {step}": (country, step) for country in countries for step in steps}
    counts: dict[tuple[str, str], int] = defaultdict(int)
    policy = PracticeQuerySet.policy
    audience_rows = policy.audience_rows(user)
    if audience_rows is not None:
        rows = (
            PracticeTally.objects.filter(
                audience_rows, status=Status.PUBLISHED, facet=PAIR_FACET, value__in=list(pairs)
            )
            .values_list("value")
            .annotate(found=Sum("count"))
            .order_by()
        )
        for value, found in rows:
            counts[pairs[value]] += found
    if policy.own_rows(user):
        own = Practice.objects.visible_to(user).published().filter(countries__overlap=countries)
        if audience_rows is not None:
            own = own.exclude(audience_rows)
        for practice_countries, practice_steps in own.values_list("countries", "steps"):
            for country in set(practice_countries) & set(countries):
                for step in set(practice_steps) & set(steps):
                    counts[(country, step)] += 1
    return {pair: count for pair, count in counts.items() if count}
