"""The figures of each kind of report, computed in PostgreSQL: only aggregates come back to
Python, so compiling holds no practice or value rows in memory, however many there are.

Each function takes the report's parameters and a `progress(percent)` callback and returns the
JSON-ready `result`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import Decimal

from django.db import connection
from django.http import QueryDict
from django_filters import BaseInFilter

from core import taxonomy
from core.models import NationalSociety
from practices.filters import PracticeFilter
from practices.models import Practice
from practices.search import count_codes
from reports.models import (
    GROUPS,
    REPORTED_STATUSES,
    DataValue,
    ReportingPeriod,
    SubmissionStatus,
    Unit,
)

Progress = Callable[[int], None]

# The practice filters a report may take: those of /api/v1/practices/ but the ones about
# presentation (ordering) or workflow (status: a report counts published practices).
OVERVIEW_FILTERS = [
    name for name in PracticeFilter.base_filters if name not in ("ordering", "status")
]
DATA_FILTERS = ["region", "society"]
OUT_OF_SCOPE_PRINCIPLES = ["P10"]

# Every code of each vocabulary in its own order (the trail's for steps): results list every
# code, zeros included, and pages show them in this order (the stored jsonb keeps no key order).
CODES = {
    name: list(taxonomy.codes(name))
    for name in ("kind", "step", "region", "support_type", "principle", "dimension")
}


def filter_form_data(filters: dict[str, list[str]]) -> QueryDict:
    """The report's filters as the catalogue's query string would carry them: repeated values,
    except for the filters that take one comma-separated value (society)."""
    data = QueryDict(mutable=True)
    for name, values in filters.items():
        values = values if isinstance(values, list) else [values]
        if isinstance(PracticeFilter.base_filters.get(name), BaseInFilter):
            data[name] = ",".join(values)
        else:
            data.setlist(name, values)
    return data


@functools.cache
def _practice_filter_of(names: frozenset[str]) -> type[PracticeFilter]:
    """PracticeFilter holding only the filters named: the catalogue's own filters, so the same
    rows, without copying and validating the dozen a report leaves empty on every compile
    (a filter given no value narrows nothing). Three quarters of a small compile's Python
    went there."""
    narrowed = type("ReportPracticeFilter", (PracticeFilter,), {})
    narrowed.base_filters = {
        name: practice_filter
        for name, practice_filter in PracticeFilter.base_filters.items()
        if name in names
    }
    return narrowed


def overview_queryset(*, filters: dict[str, list[str]], audience: str):
    """The published practices a reader of the audience sees (core.audience: an anonymous
    visitor for public, a member of another society for movement, an editor for ifrc),
    narrowed by the filters (already valid)."""
    practices = Practice.objects.seen_by_audience(audience)
    narrowing = _practice_filter_of(frozenset(filters))
    return narrowing(filter_form_data(filters), queryset=practices, ranked=False).qs


def practices_overview(
    *, filters: dict[str, list[str]], audience: str, threshold: int, progress: Progress
) -> dict:
    queryset = overview_queryset(filters=filters, audience=audience)
    total, counts, pairs = count_codes(
        queryset,
        {
            "kind": ("kind", False, CODES["kind"]),
            "step": ("steps", True, CODES["step"]),
            "region": ("region_id", False, CODES["region"]),
            "support_type": ("support_types", True, CODES["support_type"]),
            "principle": ("principles", True, CODES["principle"]),
            "dimension": ("dimensions", True, CODES["dimension"]),
        },
        pairs={"step_region": ("steps", CODES["step"], "region_id", CODES["region"])},
    )
    progress(80)

    def every_code(facet: str) -> dict[str, int]:
        return {code: counts[facet].get(code, 0) for code in CODES[facet]}

    dimensions = every_code("dimension")
    dimension_tags = sum(dimensions.values())
    step_region = {
        step: {region: pairs["step_region"].get((step, region), 0) for region in CODES["region"]}
        for step in CODES["step"]
    }
    by_principle = every_code("principle")
    result = {
        "total": total,
        "by_kind": every_code("kind"),
        "by_step": every_code("step"),
        "by_region": every_code("region"),
        "by_support_type": every_code("support_type"),
        "by_principle": by_principle,
        "dimension_share": {
            code: round(100 * count / dimension_tags, 1) if dimension_tags else 0.0
            for code, count in dimensions.items()
        },
        "step_region": step_region,
        "gaps": {
            "threshold": threshold,
            "step_region": [
                {"step": step, "region": region, "count": count}
                for step, regions in step_region.items()
                for region, count in regions.items()
                if count < threshold
            ],
            "principles": [
                {"principle": code, "count": count}
                for code, count in by_principle.items()
                if count < threshold and code not in OUT_OF_SCOPE_PRINCIPLES
            ],
            # Work that relieves pressure on communities of origin belongs to domestic
            # programmes: the report flags it rather than calling it a gap.
            "outside_scope": [
                {"principle": code, "count": by_principle[code]} for code in OUT_OF_SCOPE_PRINCIPLES
            ],
        },
    }
    return result


def data_compilation(*, period: ReportingPeriod, filters: dict[str, list[str]], progress: Progress):
    """Per indicator of the period: the total and each disaggregation group, per region and
    globally, from validated submissions; and completeness (who reported what), counted from
    submitted and validated ones.

    Counts and amounts add up; a percentage is averaged over the societies that reported it
    (adding percentages of different populations would mean nothing).
    """
    progress(10)
    societies = NationalSociety.objects.national_societies()
    if filters.get("region"):
        societies = societies.filter(region__code__in=filters["region"])
    if filters.get("society"):
        societies = societies.filter(slug__in=filters["society"])
    indicators = list(period.indicators.order_by("position", "code"))
    regions = [
        code for code in CODES["region"] if not filters.get("region") or code in filters["region"]
    ]

    values = DataValue.objects.filter(submission__period=period, submission__society__in=societies)
    group_columns = [column for groups in GROUPS.values() for _code, column, _label in groups]
    figures = _value_figures(
        values.filter(submission__status=SubmissionStatus.VALIDATED), group_columns
    )
    progress(60)
    reported = _reported_counts(values.filter(submission__status__in=REPORTED_STATUSES))
    society_counts = dict(
        _grouped_rows(societies.values_list("region__code").order_by(), "count(*)")
    )
    statuses = _status_counts(period, societies)
    progress(90)

    result_indicators = []
    for indicator in indicators:
        average = indicator.unit == Unit.PERCENT

        def block(key, indicator=indicator, average=average):
            row = figures.get((indicator.pk, key))
            if row is None:
                return {"societies": 0, "total": None, **_empty_groups(indicator)}
            return _figure_block(indicator, row, average=average)

        result_indicators.append(
            {
                "code": indicator.code,
                "name": indicator.name,
                "unit": indicator.unit,
                "currency": indicator.currency,
                "aggregation": "mean" if average else "sum",
                "disaggregations": list(indicator.disaggregations),
                "global": block(None),
                "by_region": {region: block(region) for region in regions},
            }
        )

    completeness = {
        "societies": sum(society_counts.get(region, 0) for region in regions),
        "by_status": statuses,
        "by_region": {
            region: {
                "societies": society_counts.get(region, 0),
                "indicators": {
                    indicator.code: reported.get((indicator.pk, region), 0)
                    for indicator in indicators
                },
            }
            for region in regions
        },
        "global": {
            indicator.code: sum(reported.get((indicator.pk, region), 0) for region in regions)
            for indicator in indicators
        },
    }
    progress(100)
    return {
        "period": {
            "id": period.pk,
            "label": period.label,
            "opens_on": period.opens_on.isoformat(),
            "closes_on": period.closes_on.isoformat(),
        },
        "regions": regions,
        "indicators": result_indicators,
        "completeness": completeness,
    }


def _value_figures(values, group_columns):
    """{(indicator id, region or None for global): (societies, total sum, total mean, and a
    sum and a mean per group column)} from one GROUPING SETS statement."""
    aggregates = ["count(*)", "sum(total)", "avg(total)"]
    for column in group_columns:
        aggregates += [f"sum({column})", f"avg({column})", f"count({column})"]
    queryset = values.order_by().values(
        "indicator_id", "submission__society__region__code", "total", *group_columns
    )
    sql, params = queryset.query.sql_with_params()
    columns = ", ".join(["indicator_id", "region_id", "total", *group_columns])
    # One pass gives each region's rows and the global ones (GROUPING SETS); the global row
    # has no region. National Societies always have one, so NULL cannot mean anything else.
    statement = (
        f"SELECT indicator_id, region_id, {', '.join(aggregates)} "
        f"FROM ({sql}) AS value_rows ({columns}) "
        "GROUP BY GROUPING SETS ((indicator_id, region_id), (indicator_id))"
    )
    figures = {}
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        for row in cursor.fetchall():
            indicator_id, region, societies, total_sum, total_mean, *groups = row
            per_column = {}
            for index, column in enumerate(group_columns):
                group_sum, group_mean, group_count = groups[3 * index : 3 * index + 3]
                per_column[column] = (group_sum, group_mean, group_count)
            figures[(indicator_id, region)] = (societies, total_sum, total_mean, per_column)
    return figures


def _figure_block(indicator, row, *, average: bool) -> dict:
    societies, total_sum, total_mean, per_column = row
    block = {"societies": societies, "total": json_number(total_mean if average else total_sum)}
    for disaggregation in indicator.disaggregations:
        block[disaggregation] = {}
        for code, column, _label in GROUPS[disaggregation]:
            group_sum, group_mean, group_count = per_column[column]
            value = None if not group_count else (group_mean if average else group_sum)
            block[disaggregation][code] = json_number(value)
    return block


def _empty_groups(indicator) -> dict:
    return {
        disaggregation: {code: None for code, _column, _label in GROUPS[disaggregation]}
        for disaggregation in indicator.disaggregations
    }


def json_number(value: Decimal | None) -> float | int | None:
    """An amount as a JSON number, to the cent: whole ones (counts) without decimals."""
    if value is None:
        return None
    value = Decimal(value).quantize(Decimal("0.01"))
    return int(value) if value == value.to_integral_value() else float(value)


def _reported_counts(values) -> dict[tuple[int, str], int]:
    """{(indicator id, region): societies that reported the indicator}."""
    rows = values.values_list("indicator_id", "submission__society__region__code").order_by()
    sql, params = rows.query.sql_with_params()
    statement = (
        f"SELECT indicator_id, region_id, count(*) FROM ({sql}) AS reported "
        "(indicator_id, region_id) GROUP BY indicator_id, region_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return {(indicator_id, region): count for indicator_id, region, count in cursor}


def _grouped_rows(queryset, aggregate: str):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT grouped.key, {aggregate} FROM ({sql}) AS grouped (key) GROUP BY grouped.key",
            params,
        )
        return cursor.fetchall()


def _status_counts(period, societies) -> dict[str, int]:
    """Societies per submission status for the period; `not-started` for those without one
    (a draft never submitted counts as not started: the IFRC has nothing from them yet)."""
    rows = dict(
        _grouped_rows(
            period.submissions.filter(society__in=societies)
            .exclude(status=SubmissionStatus.DRAFT)
            .values_list("status")
            .order_by(),
            "count(*)",
        )
    )
    counts = {status: rows.get(status, 0) for status in SubmissionStatus.values}
    counts.pop(SubmissionStatus.DRAFT)
    counts["not-started"] = societies.count() - sum(counts.values())
    return counts


def completeness_table(period: ReportingPeriod, societies) -> list[dict]:
    """Per society: its submission status and which of the period's indicators it reported
    (values in a submitted or validated submission); for the completeness page."""
    indicator_codes = list(
        period.indicators.order_by("position", "code").values_list("code", flat=True)
    )
    reported: dict[int, set[str]] = {}
    statuses: dict[int, str] = {}
    for society_id, status, code in (
        DataValue.objects.filter(submission__period=period, submission__society__in=societies)
        .values_list("submission__society_id", "submission__status", "indicator__code")
        .order_by()
    ):
        statuses[society_id] = status
        if status in REPORTED_STATUSES:
            reported.setdefault(society_id, set()).add(code)
    for society_id, status in period.submissions.filter(society__in=societies).values_list(
        "society_id", "status"
    ):
        statuses[society_id] = status
    return [
        {
            "society": society,
            "status": statuses.get(society.pk, ""),
            "indicators": {
                code: code in reported.get(society.pk, set()) for code in indicator_codes
            },
            "reported": len(reported.get(society.pk, set())),
        }
        for society in societies.select_related("region").order_by("region__position", "name")
    ]
