"""Indicator guide, reporting periods, each society's submission for a period, completeness and
the editors' review queue.

A submission is found through Submission.objects.visible_to(user), so what a user may not see is
a 404; every write goes through reports.services, which checks permission again.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Prefetch, Q
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from core.exports import csv_download
from core.forms import add_service_errors
from core.http import safe_next_url
from core.models import NationalSociety, user_is_editor
from core.permissions import require_editor, societies_acted_for
from core.review import review_queue as core_review_queue
from core.workflow import Transition
from reports import permissions, services
from reports.compile import completeness_table
from reports.forms.data import (
    CompletenessFilterForm,
    IndicatorForm,
    PeriodForm,
    SubmissionImportForm,
    SubmissionValuesForm,
    add_value_errors,
)
from reports.models import (
    REPORTED_STATUSES,
    Indicator,
    ReportingPeriod,
    Submission,
    SubmissionStatus,
)
from reports.workflow import SUBMISSION_WORKFLOW

REVIEW_PAGE_SIZE = 50


def _period_state(period: ReportingPeriod) -> str:
    if period.has_closed():
        return "closed"
    return "open" if period.is_open() else "upcoming"


# --- Indicators -------------------------------------------------------------------------------


def indicator_guide(request):
    """The public guide: what each indicator counts and how to collect it."""
    is_editor = user_is_editor(request.user)
    indicators = Indicator.objects.prefetch_related(
        Prefetch("periods", queryset=ReportingPeriod.objects.order_by("-opens_on", "label"))
    )
    if not is_editor:
        indicators = indicators.filter(active=True)
    context = {"indicators": indicators, "is_editor": is_editor}
    return render(request, "reports/indicator_guide.html", context)


@login_required
def indicator_edit(request, pk=None):
    require_editor(request.user, _("Only IFRC editors define indicators."))
    indicator = get_object_or_404(Indicator, pk=pk) if pk else None
    if request.method == "POST":
        form = IndicatorForm(request.POST, indicator=indicator)
        if form.is_valid():
            try:
                # A copy: the service sets the typed values on the object before it checks
                # them, and the page keeps showing the saved name when they are refused.
                saved = services.save_indicator(
                    actor=request.user,
                    data=form.indicator_data(),
                    indicator=copy.copy(indicator) if indicator else None,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The indicator %(name)s is saved.") % {"name": saved})
                return redirect(saved)
    else:
        form = IndicatorForm(indicator=indicator)
    status = 400 if form.errors else 200
    context = {"form": form, "indicator": indicator}
    return render(request, "reports/indicator_form.html", context, status=status)


# --- Periods ----------------------------------------------------------------------------------


def period_list(request):
    periods = ReportingPeriod.objects.annotate(indicator_count=Count("indicators")).order_by(
        "-opens_on", "label"
    )
    rows = [(period, _period_state(period)) for period in periods]
    context = {"rows": rows, "is_editor": user_is_editor(request.user)}
    return render(request, "reports/period_list.html", context)


def period_detail(request, pk):
    period = get_object_or_404(ReportingPeriod, pk=pk)
    user = request.user
    is_editor = user_is_editor(user)
    own_submissions = []
    if user.is_authenticated and user.approved_society_ids:
        societies = societies_acted_for(user).national_societies().order_by("name")
        submissions = {
            submission.society_id: submission
            for submission in period.submissions.filter(society__in=societies)
        }
        own_submissions = [(society, submissions.get(society.pk)) for society in societies]
    waiting = (
        period.submissions.filter(status=SubmissionStatus.SUBMITTED).count() if is_editor else 0
    )
    context = {
        "period": period,
        "state": _period_state(period),
        "indicators": period.indicators.order_by("position", "code"),
        "own_submissions": own_submissions,
        "is_editor": is_editor,
        "waiting": waiting,
        "may_see_completeness": is_editor or bool(own_submissions),
    }
    return render(request, "reports/period_detail.html", context)


@login_required
def period_edit(request, pk=None):
    require_editor(request.user, _("Only IFRC editors define reporting periods."))
    period = get_object_or_404(ReportingPeriod, pk=pk) if pk else None
    if request.method == "POST":
        form = PeriodForm(request.POST, period=period)
        if form.is_valid():
            try:
                saved = services.save_period(
                    actor=request.user,
                    data=form.period_data(),
                    indicators=list(form.cleaned_data["indicators"]),
                    period=copy.copy(period) if period else None,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The period %(label)s is saved.") % {"label": saved})
                return redirect(saved)
    else:
        form = PeriodForm(period=period)
    status = 400 if form.errors else 200
    context = {"form": form, "period": period}
    return render(request, "reports/period_form.html", context, status=status)


# --- A society's submission -------------------------------------------------------------------


@dataclass
class SubmissionPage:
    """Who is looking at which society's values for which period, and what they may do."""

    period: ReportingPeriod
    society: NationalSociety
    submission: Submission | None  # None until a member first saves
    is_member: bool
    can_edit: bool
    # The workflow steps the user may take on the submission now (SUBMISSION_WORKFLOW).
    actions: list[Transition]

    @property
    def can_submit(self) -> bool:
        """ "Save and submit" belongs to the values form: what is on the screen is saved
        first, so a submission not started yet can be submitted too."""
        names = [step.name for step in self.actions]
        return self.can_edit and (self.submission is None or "submit" in names)

    @property
    def review_steps(self) -> list[Transition]:
        """The other steps, offered in the review box."""
        return [step for step in self.actions if step.name != "submit"]

    @property
    def url(self) -> str:
        return reverse("reports:submission", args=[self.period.pk, self.society.slug])


def _submission_page(request, pk, society_slug) -> SubmissionPage:
    """The society's members and focal points always find their society's page (the submission
    starts on their first save); anyone else finds it only when Submission.objects.visible_to
    shows them the submission (editors, once the society has sent it). Otherwise a 404."""
    user = request.user
    period = get_object_or_404(ReportingPeriod, pk=pk)
    society = get_object_or_404(
        NationalSociety.objects.national_societies().select_related("region"), slug=society_slug
    )
    is_member = permissions.enters_values_for(user, society)
    submission = (
        Submission.objects.visible_to(user)
        .select_related("society", "submitted_by", "reviewed_by")
        .filter(period=period, society=society)
        .first()
    )
    if submission is None and not is_member:
        raise Http404
    if submission is None:
        can_edit = is_member
    else:
        can_edit = Submission.objects.editable_by(user).filter(pk=submission.pk).exists()
    return SubmissionPage(
        period=period,
        society=society,
        submission=submission,
        is_member=is_member,
        can_edit=can_edit and period.is_open(),
        actions=SUBMISSION_WORKFLOW.available(submission, user) if submission else [],
    )


def _values_form(page: SubmissionPage, data=None) -> SubmissionValuesForm:
    indicators = page.period.indicators.order_by("position", "code")
    values = page.submission.values.select_related("indicator") if page.submission else []
    return SubmissionValuesForm(
        data, indicators=indicators, values=values, read_only=not page.can_edit
    )


def _render_submission(
    request, page: SubmissionPage, *, form=None, import_form=None, problems=None, status=200
):
    form = form or _values_form(page)
    context = {
        "page": page,
        "period": page.period,
        "society": page.society,
        "submission": page.submission,
        "state": _period_state(page.period),
        "form": form,
        "rows": form.indicator_rows(),
        "import_form": import_form or SubmissionImportForm(),
        "problems": problems or [],
    }
    return render(request, "reports/submission_form.html", context, status=status)


def _save_values(request, page: SubmissionPage, form: SubmissionValuesForm) -> Submission:
    # One transaction: a first save that the services refuse leaves no empty draft behind.
    with transaction.atomic():
        submission = page.submission or services.start_submission(
            actor=request.user, society=page.society, period=page.period
        )
        return services.save_values(
            submission=submission, actor=request.user, values=form.service_values()
        )


@login_required
def submission_form(request, pk, society):
    page = _submission_page(request, pk, society)
    if request.method != "POST":
        return _render_submission(request, page)
    form = _values_form(page, request.POST)
    if form.is_valid():
        try:
            _save_values(request, page, form)
        except ValidationError as error:
            add_value_errors(form, error)
        else:
            messages.success(request, _("The values are saved."))
            return redirect(page.url)
    return _render_submission(request, page, form=form, status=400)


@require_POST
@login_required
def submission_workflow(request, pk, society, action):
    if action not in SUBMISSION_WORKFLOW.names:
        raise Http404
    page = _submission_page(request, pk, society)
    user = request.user
    submission = page.submission
    if action == "submit" and any(name.endswith("-total") for name in request.POST):
        # "Save and submit" sends the form: what is on the screen is saved first.
        form = _values_form(page, request.POST)
        if form.is_valid():
            try:
                submission = _save_values(request, page, form)
            except ValidationError as error:
                add_value_errors(form, error)
        if form.errors:
            return _render_submission(request, page, form=form, status=400)
    if submission is None:
        messages.error(request, _("Enter at least one value before submitting."))
        return redirect(page.url)
    try:
        if action == "submit":
            services.submit_submission(submission=submission, actor=user)
            success = _("The values are sent to the IFRC. An editor will validate them.")
        elif action == "validate":
            services.validate_submission(submission=submission, actor=user)
            success = _("The values of %(society)s are validated.") % {"society": page.society}
        else:
            services.return_submission(
                submission=submission, actor=user, note=request.POST.get("note", "")
            )
            success = _("The values are returned to %(society)s with your note.") % {
                "society": page.society
            }
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(page.url)
    messages.success(request, success)
    return redirect(safe_next_url(request, page.url))


def _csv_template(page: SubmissionPage) -> StreamingHttpResponse:
    """One row per indicator of the period, with the values saved so far (a row with an empty
    total would remove a value, so the template starts from what is there)."""
    saved = {
        value.indicator_id: value
        for value in (page.submission.values.all() if page.submission else [])
    }
    rows = []
    for indicator in page.period.indicators.order_by("position", "code"):
        value = saved.get(indicator.pk)
        row = {"indicator": indicator.code}
        if value is not None:
            row["total"] = _as_typed(value.total)
            for _d, group, column, _label in indicator.groups():
                row[group] = _as_typed(getattr(value, column))
            row["source_note"] = value.source_note
        rows.append([row.get(column, "") for column in services.CSV_COLUMNS])
    return csv_download(
        rows,
        header=services.CSV_COLUMNS,
        filename=f"{page.period.label}-{page.society.slug}.csv",
    )


def _as_typed(value: Decimal | None) -> Decimal | None:
    # 1250 and 12.5 as a person types them, not 1250.00 (the CSV writer prints a Decimal in
    # plain notation), and still a number, so a negative value is not escaped as a formula.
    return None if value is None else value.normalize()


@login_required
def submission_import(request, pk, society):
    """GET ?template=1: the CSV template of the period; POST: import a CSV file."""
    page = _submission_page(request, pk, society)
    if request.method != "POST":
        if request.GET.get("template"):
            return _csv_template(page)
        return redirect(page.url)
    import_form = SubmissionImportForm(request.POST, request.FILES)
    if not import_form.is_valid():
        return _render_submission(request, page, import_form=import_form, status=400)
    try:
        with transaction.atomic():
            submission = page.submission or services.start_submission(
                actor=request.user, society=page.society, period=page.period
            )
            count = services.import_values_csv(
                submission=submission, actor=request.user, upload=import_form.cleaned_data["file"]
            )
    except services.CSVImportError as error:
        return _render_submission(request, page, problems=error.problems, status=400)
    except ValidationError as error:  # the period is closed, or not open yet
        problems = [{"row": None, "column": None, "reason": text} for text in error.messages]
        return _render_submission(request, page, problems=problems, status=400)
    messages.success(
        request,
        ngettext(
            "%(count)d row imported; the values are saved.",
            "%(count)d rows imported; the values are saved.",
            count,
        )
        % {"count": count},
    )
    return redirect(page.url)


# --- Completeness -----------------------------------------------------------------------------


@login_required
def completeness(request, pk):
    period = get_object_or_404(ReportingPeriod, pk=pk)
    form = CompletenessFilterForm(request.GET)
    societies = NationalSociety.objects.national_societies()
    status = 200
    if form.is_valid():
        if form.cleaned_data["region"]:
            societies = societies.filter(region__code=form.cleaned_data["region"])
    else:
        societies, status = societies.none(), 400
    indicators = list(period.indicators.order_by("position", "code"))
    rows = completeness_table(period, societies)
    shown = permissions.completeness_rows_visible_to(request.user, rows)
    visible = {row["society"].pk: row for row in shown}
    regions = []
    for row in rows:
        region = row["society"].region
        if not regions or regions[-1]["region"].pk != region.pk:
            regions.append({"region": region, "rows": [], "societies": 0, "sent": 0, "counts": {}})
        group = regions[-1]
        group["societies"] += 1
        group["sent"] += row["status"] in REPORTED_STATUSES
        for code, reported in row["indicators"].items():
            group["counts"][code] = group["counts"].get(code, 0) + reported
        shown = visible.get(row["society"].pk)
        if shown is not None:
            cells = [shown["indicators"].get(indicator.code, False) for indicator in indicators]
            group["rows"].append({**shown, "cells": cells})
    for group in regions:
        group["cells"] = [group["counts"].get(indicator.code, 0) for indicator in indicators]
    context = {
        "period": period,
        "form": form,
        "indicators": indicators,
        "regions": regions,
        "is_editor": user_is_editor(request.user),
        "societies": len(rows),
        "sent": sum(group["sent"] for group in regions),
    }
    return render(request, "reports/completeness.html", context, status=status)


# --- Review queue -----------------------------------------------------------------------------


@login_required
def review_queue(request):
    user = request.user
    require_editor(user, _("The review queue of data submissions is for IFRC editors."))
    context, status = core_review_queue(
        request,
        queryset=Submission.objects.visible_to(user)
        .filter(status=SubmissionStatus.SUBMITTED)
        .select_related("society", "society__region", "period", "submitted_by")
        .annotate(
            value_count=Count("values", distinct=True),
            indicator_count=Count("period__indicators", distinct=True),
        ),
        waiting_since=F("submitted_at"),
        region_field="society__region__code",
        kinds={
            # Returned once, the values have been reviewed before.
            "first": (gettext_lazy("Sent for the first time"), Q(reviewed_at__isnull=True)),
            "again": (gettext_lazy("Sent again after changes"), Q(reviewed_at__isnull=False)),
        },
        page_size=REVIEW_PAGE_SIZE,
    )
    return render(request, "reports/submission_review_queue.html", context, status=status)
