"""Report pages, their downloads, and calls for practices. Every report lookup starts from
Report.objects.visible_to(user), so a report one may not see is a 404; every write goes
through reports.services."""

from __future__ import annotations

import csv
import datetime
import io
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from rest_framework.exceptions import AuthenticationFailed

from core.api.authentication import TokenAuthentication
from core.models import NationalSociety, user_is_editor
from practices.forms import add_service_errors
from practices.models import Practice
from practices.rendering import term_label
from reports import charts, notifications, services
from reports.compile import CODES, filter_form_data
from reports.forms.reports import (
    CallForm,
    LinkPracticeForm,
    ReportRequestForm,
)
from reports.models import (
    GROUPS,
    CallForPractices,
    Indicator,
    Report,
    ReportKind,
    ReportStatus,
    SubmissionStatus,
    Unit,
)
from reports.permissions import linkable_practices

LIST_PAGE_SIZE = 50
CALL_CANDIDATES = 50
CALL_DEADLINE_DAYS = 30
DOWNLOAD_FORMATS = ("json", "csv", "hxl")

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


def _in_order(name: str, figures: dict) -> list[tuple[str, object]]:
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


def _society_names(filter_sets) -> dict[str, str]:
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


def _overview(report: Report, *, is_editor: bool) -> dict:
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
            for code, value in _in_order(name, result[key])
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


def _data_compilation(report: Report) -> dict:
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


def _report_context(request, report: Report) -> dict:
    is_editor = user_is_editor(request.user)
    context = {
        "report": report,
        "is_editor": is_editor,
        "filters": filters_in_words(report.filters, _society_names([report.filters])),
        "can_publish": is_editor
        and report.status == ReportStatus.DONE
        and report.audience != "ifrc",
    }
    if report.status == ReportStatus.DONE and report.result is not None:
        if report.kind == ReportKind.PRACTICES_OVERVIEW:
            context["overview"] = _overview(report, is_editor=is_editor)
        else:
            context["compilation"] = _data_compilation(report)
    return context


def _visible_report(request, pk) -> Report:
    return get_object_or_404(
        Report.objects.visible_to(request.user).select_related("period"), pk=pk
    )


# --- Pages --------------------------------------------------------------------------------


def report_list(request):
    reports = Report.objects.visible_to(request.user).select_related("period")
    page = Paginator(reports, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    names = _society_names(report.filters for report in page)
    rows = [(report, filters_in_words(report.filters, names)) for report in page]
    context = {"page": page, "rows": rows, "is_editor": user_is_editor(request.user)}
    return render(request, "reports/report_list.html", context)


@login_required
def report_request(request):
    if not user_is_editor(request.user):
        raise PermissionDenied(_("Only IFRC editors ask for reports."))
    form = ReportRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report, created = services.request_report(actor=request.user, **form.request_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if created:
                messages.success(request, _("The report is on its way."))
            else:
                messages.info(
                    request,
                    _(
                        "The same report on the same data exists already: here it is, "
                        "without compiling it again."
                    ),
                )
            return redirect(report)
    status = 400 if form.errors else 200
    return render(request, "reports/report_request.html", {"form": form}, status=status)


def report_detail(request, pk):
    report = _visible_report(request, pk)
    return render(request, "reports/report_detail.html", _report_context(request, report))


def report_print(request, pk):
    report = _visible_report(request, pk)
    return render(request, "reports/report_print.html", _report_context(request, report))


@require_POST
@login_required
def report_publish(request, pk):
    report = _visible_report(request, pk)
    action = request.POST.get("action")
    try:
        if action == "publish":
            services.publish_report(report=report, actor=request.user)
            messages.success(request, _("The report is published to its audience."))
        elif action == "unpublish":
            services.unpublish_report(report=report, actor=request.user)
            messages.success(request, _("The report is no longer published."))
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(report)


# --- Downloads ------------------------------------------------------------------------------


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
    for key, _title, name in OVERVIEW_BREAKDOWNS:
        for code, value in _in_order(name, result[key]):
            rows.append([key, code, term_label(name, code), value])
    for step, regions in _in_order("step", result["step_region"]):
        for region, count in _in_order("region", regions):
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


def _csv(rows: list[list], header: list[str], hxl_row: list[str] | None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    if hxl_row:
        writer.writerow(hxl_row)
    writer.writerows(rows)
    # The byte-order mark makes spreadsheet programs read the file as UTF-8 (Arabic, accents).
    return "\ufeff" + buffer.getvalue()


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
    if is_data:
        header = [column for column, _tag in DATA_COLUMNS] + GROUP_CODES
        hxl = [tag for _column, tag in DATA_COLUMNS] + [
            f"#indicator+value+num{GROUP_HXL[code]}" for code in GROUP_CODES
        ]
        source = request.build_absolute_uri(report.get_absolute_url())
        body = _csv(_data_rows(report, source), header, hxl if fmt == "hxl" else None)
    else:
        body = _csv(_overview_rows(report), ["breakdown", "code", "label", "count"], None)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    suffix = "-hxl" if fmt == "hxl" else ""
    response["Content-Disposition"] = f'attachment; filename="{name}{suffix}.csv"'
    return response


# --- Calls for practices --------------------------------------------------------------------


def _call_initial(request) -> dict:
    """The form as a gap's link fills it: the cell's filters, the report, a title, a date."""
    initial = {
        name: request.GET.getlist(name)
        for name in CallForm.FILTER_FIELDS
        if request.GET.getlist(name)
    }
    words = [
        term_label(name, code)
        for name in ("step", "region", "principle")
        for code in initial.get(name, [])
    ]
    if words:
        initial["title"] = _("Practices wanted: %(subject)s") % {"subject": ", ".join(words)}
    initial["deadline"] = timezone.localdate() + datetime.timedelta(days=CALL_DEADLINE_DAYS)
    report_id = request.GET.get("report", "")
    if report_id.isdigit():
        initial["report"] = int(report_id)
    return initial


@login_required
def call_create(request):
    if not user_is_editor(request.user):
        raise PermissionDenied(_("Only IFRC editors call for practices."))
    if request.method == "POST":
        form = CallForm(request.POST)
    else:
        form = CallForm(initial=_call_initial(request))
    if request.method == "POST" and form.is_valid():
        report = None
        if form.cleaned_data.get("report"):
            report = (
                Report.objects.visible_to(request.user)
                .filter(pk=form.cleaned_data["report"])
                .first()
            )
        try:
            call = services.create_call(
                actor=request.user,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                deadline=form.cleaned_data["deadline"],
                filters=form.filters(),
                report=report,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _tell_who_hears_of_the_call(request, call)
            return redirect(call)
    status = 400 if form.errors else 200
    return render(request, "reports/call_form.html", {"form": form}, status=status)


def _tell_who_hears_of_the_call(request, call: CallForPractices) -> None:
    """The editor learns how many focal points the call is emailed to, and which of its
    regions nobody hears of it in (no society there has a focal point on the platform)."""
    count, unreached = notifications.call_audience(call)
    regions = ", ".join(term_label("region", code) for code in unreached)
    if not count:
        messages.warning(
            request,
            _(
                "The call is open, but nobody is emailed: no focal point is on the platform "
                "in %(regions)s."
            )
            % {"regions": regions},
        )
        return
    messages.success(
        request,
        ngettext(
            "The call is open. It is emailed to %(count)d focal point.",
            "The call is open. It is emailed to %(count)d focal points.",
            count,
        )
        % {"count": count},
    )
    if unreached:
        messages.warning(
            request,
            _("No focal point is on the platform in %(regions)s: nobody there is told.")
            % {"regions": regions},
        )


def _link_candidates(call: CallForPractices, user):
    """The user's practices that may answer the call: their society's, sent to the editors
    after the call opened (the rule services.link_practice applies), not linked yet."""
    sent_after = Q(submitted_at__gte=call.created_at) | Q(
        submitted_at__isnull=True, published_at__gte=call.created_at
    )
    return (
        linkable_practices(user)
        .filter(sent_after)
        .exclude(calls=call)
        .only("id", "title")
        .order_by("-updated_at", "-id")[:CALL_CANDIDATES]
    )


def _render_call(request, call: CallForPractices, *, link_errors=(), chosen="", status=200):
    user = request.user
    is_open = call.is_open()
    link_form = None
    unlinkable: set[int] = set()
    if is_open and user.is_authenticated:
        candidates = list(_link_candidates(call, user))
        if candidates:
            link_form = LinkPracticeForm(practices=candidates, initial={"practice": chosen})
        unlinkable = set(linkable_practices(user).filter(calls=call).values_list("pk", flat=True))
    report = None
    if call.report_id:
        report = Report.objects.visible_to(user).filter(pk=call.report_id).first()
    context = {
        "call": call,
        "is_open": is_open,
        "filters": filters_in_words(call.filters, {}),
        "catalogue_url": catalogue_url(call.filters),
        "practices": Practice.objects.visible_to(user)
        .filter(calls=call)
        .for_listing()
        .order_by("-published_at", "-submitted_at", "-id"),
        "link_form": link_form,
        "link_errors": link_errors,
        "unlinkable": unlinkable,
        "report": report,
    }
    return render(request, "reports/call_detail.html", context, status=status)


def call_detail(request, pk):
    call = get_object_or_404(CallForPractices, pk=pk)
    return _render_call(request, call)


@require_POST
@login_required
def call_link(request, pk):
    call = get_object_or_404(CallForPractices, pk=pk)
    chosen = request.POST.get("practice", "")
    practice = (
        Practice.objects.visible_to(request.user).filter(pk=chosen).first()
        if chosen.isdigit()
        else None
    )
    if practice is None:
        errors = [_("Choose one of your society's practices.")]
        return _render_call(request, call, link_errors=errors, status=400)
    if request.POST.get("action") == "unlink":
        services.unlink_practice(call=call, practice=practice, actor=request.user)
        messages.success(
            request, _("%(title)s no longer answers this call.") % {"title": practice.title}
        )
        return redirect(call)
    try:
        services.link_practice(call=call, practice=practice, actor=request.user)
    except ValidationError as error:
        return _render_call(request, call, link_errors=error.messages, chosen=chosen, status=400)
    messages.success(request, _("%(title)s now answers this call.") % {"title": practice.title})
    return redirect(call)
