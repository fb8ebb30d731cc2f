"""Report pages and calls for practices (downloads: reports/views/downloads.py). Every
report lookup starts from Report.objects.visible_to(user), so a report one may not see is a
404; every write goes through reports.services."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.forms import add_service_errors
from core.models import user_is_editor
from core.permissions import require_editor
from core.taxonomy import term_label
from practices.models import Practice
from reports import notifications, presenters, services
from reports.forms.reports import (
    CallForm,
    LinkPracticeForm,
    ReportRequestForm,
)
from reports.models import (
    CallForPractices,
    Report,
    ReportKind,
    ReportStatus,
)
from reports.permissions import linkable_practices, practices_that_may_answer
from reports.workflow import REPORT_WORKFLOW

LIST_PAGE_SIZE = 50
CALL_CANDIDATES = 50
CALL_DEADLINE_DAYS = 30


def _report_context(request, report: Report) -> dict:
    is_editor = user_is_editor(request.user)
    context = {
        "report": report,
        "is_editor": is_editor,
        "filters": presenters.filters_in_words(
            report.filters, presenters.society_names([report.filters])
        ),
        "actions": REPORT_WORKFLOW.available(report, request.user),
    }
    if report.status == ReportStatus.DONE and report.result is not None:
        if report.kind == ReportKind.PRACTICES_OVERVIEW:
            context["overview"] = presenters.overview(report, is_editor=is_editor)
        else:
            context["compilation"] = presenters.data_compilation(report)
    return context


def _visible_report(request, pk) -> Report:
    return get_object_or_404(
        Report.objects.visible_to(request.user).select_related("period"), pk=pk
    )


# --- Pages --------------------------------------------------------------------------------


def report_list(request):
    reports = Report.objects.visible_to(request.user).select_related("period")
    page = Paginator(reports, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    names = presenters.society_names(report.filters for report in page)
    rows = [(report, presenters.filters_in_words(report.filters, names)) for report in page]
    context = {"page": page, "rows": rows, "is_editor": user_is_editor(request.user)}
    return render(request, "reports/report_list.html", context)


@login_required
def report_request(request):
    require_editor(request.user, _("Only IFRC editors ask for reports."))
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
    steps = {
        "publish": (services.publish_report, _("The report is published to its audience.")),
        "unpublish": (services.unpublish_report, _("The report is no longer published.")),
    }
    action = request.POST.get("action")
    if action not in REPORT_WORKFLOW.names:
        raise Http404
    service, success = steps[action]
    try:
        service(report=report, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(report)


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
    require_editor(request.user, _("Only IFRC editors call for practices."))
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
    """The editor learns whom the announcement reached (its notifications say): how many focal
    points are emailed, and which of the call's regions nobody hears of it in (no society
    there has a focal point on the platform)."""
    audience = notifications.call_audience(call)
    regions = ", ".join(term_label("region", code) for code in audience.unreached)
    if not audience.told:
        messages.warning(
            request,
            _(
                "The call is open, but nobody is emailed: no focal point is on the platform "
                "in %(regions)s."
            )
            % {"regions": regions},
        )
        return
    if audience.emailed:
        messages.success(
            request,
            ngettext(
                "The call is open. It is emailed to %(count)d focal point.",
                "The call is open. It is emailed to %(count)d focal points.",
                audience.emailed,
            )
            % {"count": audience.emailed},
        )
    if audience.told > audience.emailed:
        silent = audience.told - audience.emailed
        messages.info(
            request,
            ngettext(
                "%(count)d focal point turned these emails off and sees the call in their "
                "notifications only.",
                "%(count)d focal points turned these emails off and see the call in their "
                "notifications only.",
                silent,
            )
            % {"count": silent},
        )
    if audience.unreached:
        messages.warning(
            request,
            _("No focal point is on the platform in %(regions)s: nobody there is told.")
            % {"regions": regions},
        )


def _link_candidates(call: CallForPractices, user):
    """The user's practices that may answer the call (the rule services.link_practice applies),
    not linked yet."""
    return (
        practices_that_may_answer(call, user)
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
        "filters": presenters.filters_in_words(call.filters, {}),
        "catalogue_url": presenters.catalogue_url(call.filters),
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
