"""What report pages show: a result's figures in the reader's language and order, the filters
in words, and the links from a gap to the catalogue or to a new call for practices."""

from __future__ import annotations

import datetime

from django.http import QueryDict
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import NationalSociety
from core.taxonomy import term_label
from reports import charts
from reports.compile import CODES, filter_form_data
from reports.models import (
    GROUPS,
    Indicator,
    Report,
    SubmissionStatus,
    Unit,
)

FILTER_TITLES = {
    "region": gettext_lazy("Region"),
    "society": gettext_lazy("National Society"),
    "step": gettext_lazy("Step of the trail"),
    "principle": gettext_lazy("Principle"),
    "support_type": gettext_lazy("Type of support"),
    "dimension": gettext_lazy("Dimension of resilience"),
    "kind": gettext_lazy("Kind of practice"),
    "language": gettext_lazy("Language"),
    "country": gettext_lazy("Country"),
    "q": gettext_lazy("Words"),
    "rubric": gettext_lazy("Quality"),
    "published_after": gettext_lazy("Published on or after"),
    "published_before": gettext_lazy("Published on or before"),
}
# (result key, chart title, taxonomy the codes belong to)
OVERVIEW_BREAKDOWNS = [
    ("by_kind", gettext_lazy("Practices by kind"), "kind"),
    ("by_step", gettext_lazy("Practices by step of the trail"), "step"),
    ("by_region", gettext_lazy("Practices by region"), "region"),
    ("by_support_type", gettext_lazy("Practices by type of support"), "support_type"),
    ("by_principle", gettext_lazy("Practices by principle"), "principle"),
    ("dimension_share", gettext_lazy("Share of each dimension of resilience"), "dimension"),
]
STATUS_ORDER = [
    SubmissionStatus.VALIDATED,
    SubmissionStatus.SUBMITTED,
    SubmissionStatus.RETURNED,
    "not-started",
]


def in_order(name: str, figures: dict) -> list[tuple[str, object]]:
    """(code, figure) in the taxonomy's order; a code the taxonomy no longer has goes last."""
    known = CODES[name]
    return [(code, figures[code]) for code in known if code in figures] + [
        (code, value) for code, value in figures.items() if code not in known
    ]


STATUS_LABELS = {
    SubmissionStatus.SUBMITTED: SubmissionStatus.SUBMITTED.label,
    SubmissionStatus.VALIDATED: SubmissionStatus.VALIDATED.label,
    SubmissionStatus.RETURNED: SubmissionStatus.RETURNED.label,
    "not-started": gettext_lazy("Nothing sent yet"),
}


# --- Words, links and numbers -------------------------------------------------------------


def society_names(filter_sets) -> dict[str, str]:
    """Names of the societies the filters name, in one query for a whole page of reports."""
    slugs = {slug for filters in filter_sets for slug in filters.get("society", [])}
    if not slugs:
        return {}
    return NationalSociety.objects.filter(slug__in=slugs).labels_by_slug()


def filters_in_words(filters: dict, society_names: dict[str, str]) -> list[dict]:
    """[{"title": "Region", "values": "Europe, Africa"}, …] for people to read."""
    described = []
    for name, values in filters.items():
        values = values if isinstance(values, list) else [values]
        if name == "society":
            labels = [society_names.get(slug, slug) for slug in values]
        elif name == "q":
            labels = [f"“{value}”" for value in values]
        else:
            labels = [term_label(name, value) for value in values]
        described.append(
            {"name": name, "title": FILTER_TITLES.get(name, name), "values": ", ".join(labels)}
        )
    return described


def catalogue_url(filters: dict, **chosen: str) -> str:
    """The catalogue filtered on `chosen` (e.g. step and region of a gap), then on the
    report's other filters."""
    query = QueryDict(mutable=True)
    query.update(chosen)
    others = {name: values for name, values in filters.items() if name not in chosen}
    for name, values in filter_form_data(others).lists():
        query.setlist(name, values)
    return reverse("practices:catalogue") + "?" + query.urlencode()


def call_create_url(report: Report, **filters: str) -> str:
    query = QueryDict(mutable=True)
    query.update(filters)
    query["report"] = report.pk
    return reverse("reports:call_create") + "?" + query.urlencode()


def _number(value, unit: str = "", currency: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = number_format(value, decimal_pos=None, force_grouping=True)
    if unit == Unit.PERCENT:
        return f"{text} %"
    if unit == Unit.CURRENCY and currency:
        return f"{text} {currency}"
    return text


def _rtl() -> bool:
    return translation.get_language_bidi()


# --- Report contents ------------------------------------------------------------------------


def overview(report: Report, *, is_editor: bool) -> dict:
    result = report.result
    rtl = _rtl()
    breakdowns = []
    for key, title, name in OVERVIEW_BREAKDOWNS:
        is_share = key == "dimension_share"
        items = [
            charts.ChartItem(
                code=code,
                label=term_label(name, code),
                value=value,
                text=_number(value, Unit.PERCENT if is_share else ""),
                url=catalogue_url(report.filters, **{name: code}),
            )
            for code, value in in_order(name, result[key])
        ]
        breakdowns.append(
            {
                "id": key.replace("_", "-"),
                "title": title,
                "chart": charts.bar_chart(items, rtl=rtl),
                "items": items,
                "is_share": is_share,
            }
        )
    steps = [(code, term_label("step", code)) for code in CODES["step"]]
    regions = [(code, term_label("region", code)) for code in CODES["region"]]
    threshold = result["gaps"]["threshold"]
    heat_maps = [
        charts.heat_map(
            steps,
            regions,
            result["step_region"],
            threshold=threshold,
            rtl=rtl,
            narrow=narrow,
            url_for=lambda step, region: catalogue_url(report.filters, step=step, region=region),
        )
        for narrow in (False, True)
    ]
    step_labels, region_labels = dict(steps), dict(regions)
    gap_cells = [
        {
            "label": f"{step_labels.get(gap['step'], gap['step'])} · "
            f"{region_labels.get(gap['region'], gap['region'])}",
            "count": gap["count"],
            "url": catalogue_url(report.filters, step=gap["step"], region=gap["region"]),
            "call_url": call_create_url(report, step=gap["step"], region=gap["region"])
            if is_editor
            else "",
        }
        for gap in result["gaps"]["step_region"]
    ]
    gap_principles = [
        {
            "label": term_label("principle", gap["principle"]),
            "count": gap["count"],
            "url": catalogue_url(report.filters, principle=gap["principle"]),
            "call_url": call_create_url(report, principle=gap["principle"]) if is_editor else "",
        }
        for gap in result["gaps"]["principles"]
    ]
    outside_scope = [
        {
            "label": term_label("principle", item["principle"]),
            "count": item["count"],
            "url": catalogue_url(report.filters, principle=item["principle"]),
        }
        for item in result["gaps"]["outside_scope"]
    ]
    return {
        "total": result["total"],
        "breakdowns": breakdowns,
        "heat_map": heat_maps[0],
        # The same on a phone's width (the stylesheet shows one of the two).
        "narrow_heat_map": heat_maps[1],
        "steps": steps,
        "regions": regions,
        "step_region_rows": [
            (label, [result["step_region"].get(code, {}).get(region, 0) for region, _l in regions])
            for code, label in steps
        ],
        "threshold": threshold,
        "gap_cells": gap_cells,
        "gap_principles": gap_principles,
        "outside_scope": outside_scope,
    }


def _group_columns(disaggregations: list[str]) -> list[tuple[str, str, str]]:
    """(disaggregation, group code, label) of an indicator's groups, in a stable order."""
    return [
        (disaggregation, code, str(label))
        for disaggregation in disaggregations
        for code, _column, label in GROUPS.get(disaggregation, [])
    ]


def _current_names(codes: list[str]) -> dict[str, str]:
    """The indicators' names in the reader's language, by code. The result keeps the English
    name of compile time; an indicator deleted since keeps that one."""
    indicators = Indicator.objects.filter(code__in=codes).only("code", "name", "translations")
    return {indicator.code: indicator.localized_name() for indicator in indicators}


def data_compilation(report: Report) -> dict:
    result = report.result
    rtl = _rtl()
    regions = [(code, term_label("region", code)) for code in result["regions"]]
    names = _current_names([indicator["code"] for indicator in result["indicators"]])
    indicators = []
    for indicator in result["indicators"]:
        unit, currency = indicator["unit"], indicator.get("currency", "")
        groups = _group_columns(indicator["disaggregations"])

        def row(label, block, *, is_global=False, unit=unit, currency=currency, groups=groups):
            return {
                "label": label,
                "is_global": is_global,
                "societies": block["societies"],
                "total": _number(block["total"], unit, currency),
                "groups": [
                    _number(block.get(disaggregation, {}).get(code), unit, currency)
                    for disaggregation, code, _label in groups
                ],
            }

        rows = [row(label, indicator["by_region"][code]) for code, label in regions]
        rows.append(row(_("All regions"), indicator["global"], is_global=True))
        items = [
            charts.ChartItem(
                code=code,
                label=label,
                value=indicator["by_region"][code]["total"],
                text=_number(indicator["by_region"][code]["total"], unit, currency),
            )
            for code, label in regions
        ]
        indicators.append(
            {
                "code": indicator["code"],
                "name": names.get(indicator["code"], indicator["name"]),
                "unit": Unit(unit).label if unit in Unit.values else unit,
                "currency": currency,
                "is_mean": indicator["aggregation"] == "mean",
                "group_labels": [label for _d, _c, label in groups],
                "rows": rows,
                "chart": charts.bar_chart(items, rtl=rtl),
                "chart_id": f"indicator-{indicator['code']}",
            }
        )
    completeness = result["completeness"]
    codes = [indicator["code"] for indicator in result["indicators"]]
    completeness_rows = [
        {
            "label": label,
            "societies": completeness["by_region"][code]["societies"],
            "indicators": [completeness["by_region"][code]["indicators"][item] for item in codes],
        }
        for code, label in regions
    ]
    completeness_rows.append(
        {
            "label": _("All regions"),
            "societies": completeness["societies"],
            "indicators": [completeness["global"][item] for item in codes],
            "is_global": True,
        }
    )
    period = result["period"]
    return {
        # Dates as the rest of the site shows them (the result stores them as ISO text).
        "period": {
            **period,
            "opens_on": datetime.date.fromisoformat(period["opens_on"]),
            "closes_on": datetime.date.fromisoformat(period["closes_on"]),
        },
        "indicators": indicators,
        "indicator_codes": codes,
        "completeness_rows": completeness_rows,
        "statuses": [
            (STATUS_LABELS[status], completeness["by_status"].get(status, 0))
            for status in STATUS_ORDER
        ],
    }
