"""A report's downloads: JSON, CSV and (for data points) HXL. The lookup starts from
Report.objects.visible_to, for the session's user or an API token's."""

from __future__ import annotations

import json

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.exceptions import AuthenticationFailed

from core.api.authentication import TokenAuthentication
from core.exports import csv_download
from core.taxonomy import term_label
from reports import presenters
from reports.models import (
    GROUPS,
    Report,
    ReportKind,
    ReportStatus,
)

DOWNLOAD_FORMATS = ("json", "csv", "hxl")


def _metadata(request, report: Report) -> dict:
    return {
        "id": report.pk,
        "kind": report.kind,
        "audience": report.audience,
        "filters": report.filters,
        "period": report.period.label if report.period else None,
        "threshold": report.threshold,
        "status": report.status,
        "requested_at": report.created_at.isoformat(),
        "generated_at": report.generated_at.isoformat() if report.generated_at else None,
        "published_at": report.published_at.isoformat() if report.published_at else None,
        "url": request.build_absolute_uri(report.get_absolute_url()),
    }


def _overview_rows(report: Report) -> list[list]:
    result = report.result
    rows = [["total", "", _("Practices"), result["total"]]]
    for key, _title, name in presenters.OVERVIEW_BREAKDOWNS:
        for code, value in presenters.in_order(name, result[key]):
            rows.append([key, code, term_label(name, code), value])
    for step, regions in presenters.in_order("step", result["step_region"]):
        for region, count in presenters.in_order("region", regions):
            label = f"{term_label('step', step)} · {term_label('region', region)}"
            rows.append(["step_region", f"{step}/{region}", label, count])
    return rows


# Data compilation columns: (name, HXL hashtag). Groups follow, one column each.
DATA_COLUMNS = [
    ("period", "#date+period"),
    ("indicator", "#indicator+code"),
    ("indicator_name", "#indicator+name"),
    ("unit", "#indicator+unit"),
    ("currency", "#currency"),
    ("aggregation", "#meta+aggregation"),
    ("region", "#region+code"),
    ("region_name", "#region+name"),
    ("societies_reporting", "#org+reporting+num"),
    ("total", "#indicator+value+num+total"),
    ("source", "#meta+source"),
]
# HXL attributes of the disaggregation groups (HXL's own +f, +m, +children, +adults, +elderly
# where it has one).
GROUP_HXL = {
    "female": "+f",
    "male": "+m",
    "other": "+other",
    "unknown": "+unknown",
    "children": "+children",
    "adults": "+adults",
    "older-people": "+elderly",
}
GROUP_CODES = [code for groups in GROUPS.values() for code, _column, _label in groups]


def _data_rows(report: Report, source: str) -> list[list]:
    result = report.result
    rows = []
    for indicator in result["indicators"]:
        blocks = [(region, indicator["by_region"][region]) for region in result["regions"]]
        blocks.append(("", indicator["global"]))
        for region, block in blocks:
            groups = {
                code: value
                for disaggregation in indicator["disaggregations"]
                for code, value in block.get(disaggregation, {}).items()
            }
            rows.append(
                [
                    result["period"]["label"],
                    indicator["code"],
                    indicator["name"],
                    indicator["unit"],
                    indicator.get("currency", ""),
                    indicator["aggregation"],
                    region or "global",
                    term_label("region", region) if region else _("All regions"),
                    block["societies"],
                    "" if block["total"] is None else block["total"],
                    source,
                    *("" if groups.get(code) is None else groups[code] for code in GROUP_CODES),
                ]
            )
    return rows


def _token_user(request):
    """The API client's user for a download link followed with `Authorization: Token …` (the
    report's `downloads` in the API point here); otherwise the session's user."""
    if request.user.is_authenticated:
        return request.user
    try:
        authenticated = TokenAuthentication().authenticate(request)
    except AuthenticationFailed:
        authenticated = None
    return authenticated[0] if authenticated else request.user


def report_download(request, pk, fmt):
    report = get_object_or_404(
        Report.objects.visible_to(_token_user(request)).select_related("period"), pk=pk
    )
    is_data = report.kind == ReportKind.DATA_COMPILATION
    if fmt not in DOWNLOAD_FORMATS or report.status != ReportStatus.DONE or report.result is None:
        raise Http404
    if fmt == "hxl" and not is_data:
        raise Http404  # HXL describes humanitarian data points, not practice counts
    stamp = (report.generated_at or timezone.now()).strftime("%Y%m%d")
    name = f"report-{report.pk}-{stamp}"
    if fmt == "json":
        body = json.dumps(
            {"report": _metadata(request, report), "result": report.result},
            ensure_ascii=False,
            indent=2,
        )
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return response
    if not is_data:
        return csv_download(
            _overview_rows(report),
            header=["breakdown", "code", "label", "count"],
            filename=f"{name}.csv",
        )
    hxl = None
    if fmt == "hxl":
        hxl = [tag for _column, tag in DATA_COLUMNS]
        hxl += [f"#indicator+value+num{GROUP_HXL[code]}" for code in GROUP_CODES]
    source = request.build_absolute_uri(report.get_absolute_url())
    return csv_download(
        _data_rows(report, source),
        header=[column for column, _tag in DATA_COLUMNS] + GROUP_CODES,
        hxl=hxl,
        filename=f"{name}-hxl.csv" if hxl else f"{name}.csv",
    )
