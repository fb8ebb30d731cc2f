"""Reports: requests, the compile the worker runs, publishing."""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import time
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audience import Visibility
from core.dispatch import queue_after_commit
from core.models import User
from core.permissions import require_editor
from practices.models import Practice, PracticeEvent
from reports import compile as compiling
from reports.models import (
    DataValueEvent,
    IndicatorEvent,
    Report,
    ReportingPeriod,
    ReportKind,
    ReportStatus,
    SubmissionEvent,
)
from reports.workflow import REPORT_WORKFLOW

logger = logging.getLogger(__name__)


def clean_report_request(
    *, kind: str, filters: Any, period: Any, audience: str, threshold: Any
) -> dict[str, Any]:
    """Checks a report request; field errors name `filters.<name>` for a bad filter."""
    errors: dict[str, list[str]] = {}
    if kind not in ReportKind.values:
        errors["kind"] = [_("Choose one of: %(kinds)s.") % {"kinds": ", ".join(ReportKind.values)}]
    if audience not in Visibility.values:
        errors["audience"] = [
            _("Choose one of: %(audiences)s.") % {"audiences": ", ".join(Visibility.values)}
        ]
    try:
        threshold = int(threshold)
        if not 1 <= threshold <= 1000:
            raise ValueError
    except (TypeError, ValueError):
        errors["threshold"] = [_("Enter a whole number from 1 to 1000.")]
    normalised: dict[str, list[str]] = {}
    if filters in (None, ""):
        filters = {}
    if not isinstance(filters, dict):
        errors["filters"] = [_('Give filters as an object, e.g. {"region": ["europe"]}.')]
        filters = {}
    allowed = (
        compiling.DATA_FILTERS
        if kind == ReportKind.DATA_COMPILATION
        else (compiling.OVERVIEW_FILTERS)
    )
    for name, raw in filters.items():
        values = raw if isinstance(raw, list) else [raw]
        if name not in allowed:
            errors[f"filters.{name}"] = [
                _("Unknown filter; this report takes: %(names)s.") % {"names": ", ".join(allowed)}
            ]
        elif not all(isinstance(value, str | int) for value in values):
            errors[f"filters.{name}"] = [_("Give codes as text.")]
        else:
            cleaned = sorted({str(value).strip() for value in values if str(value).strip()})
            if cleaned:
                normalised[name] = cleaned
    if normalised and kind in ReportKind.values:
        form = compiling.PracticeFilter(
            compiling.filter_form_data(normalised), queryset=Practice.objects.none()
        ).form
        if not form.is_valid():
            for name, messages in form.errors.items():
                errors[f"filters.{name}"] = list(messages)
    period_object = None
    if kind == ReportKind.DATA_COMPILATION:
        if period in (None, ""):
            errors["period"] = [_("A data compilation needs a reporting period.")]
        else:
            period_object = _find_period(period)
            if period_object is None:
                errors["period"] = [_("No reporting period has this id or label.")]
    elif period not in (None, ""):
        errors["period"] = [_("Only a data compilation takes a period.")]
    if errors:
        raise ValidationError(errors)
    return {
        "kind": kind,
        "filters": normalised,
        "period": period_object,
        "audience": audience,
        "threshold": threshold,
    }


def _find_period(value) -> ReportingPeriod | None:
    if isinstance(value, ReportingPeriod):
        return value
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        found = ReportingPeriod.objects.filter(pk=int(value)).first()
        if found:
            return found
    return ReportingPeriod.objects.filter(label=str(value)).first()


def _data_version(kind: str, period: ReportingPeriod | None) -> list:
    """What changes whenever the data a report reads changes: the newest history event of
    each table it reads (every insert, update and delete leaves one, bulk updates included)."""
    if kind == ReportKind.PRACTICES_OVERVIEW:
        return [PracticeEvent.objects.aggregate(last=Max("pgh_id"))["last"]]
    return [
        DataValueEvent.objects.aggregate(last=Max("pgh_id"))["last"],
        SubmissionEvent.objects.aggregate(last=Max("pgh_id"))["last"],
        IndicatorEvent.objects.aggregate(last=Max("pgh_id"))["last"],
        sorted(period.indicators.values_list("pk", flat=True)),
        str(period.closes_on),
    ]


def fingerprint(*, kind, filters, period, audience, threshold) -> str:
    question = {
        "kind": kind,
        "filters": filters,
        "period": period.pk if period else None,
        "audience": audience,
        "threshold": threshold,
        "data": _data_version(kind, period),
    }
    return hashlib.sha256(json.dumps(question, sort_keys=True).encode()).hexdigest()


def request_report(
    *,
    actor: User | None,
    kind: str,
    filters: Any = None,
    period: Any = None,
    audience: str = Visibility.PUBLIC,
    threshold: Any = 3,
    scheduled: bool = False,
) -> tuple[Report, bool]:
    """Editors (or the schedule, with no actor) ask for a report. Returns the report and
    whether it is new: an identical request on unchanged data gets the existing snapshot
    (or the one on its way) instead of a second compile. A new report is compiled by a
    Celery worker after commit."""
    if not scheduled:
        require_editor(actor)
    request = clean_report_request(
        kind=kind, filters=filters, period=period, audience=audience, threshold=threshold
    )
    print_ = fingerprint(**request)
    with transaction.atomic():
        existing = Report.objects.live().filter(fingerprint=print_).first()
        if existing:
            return existing, False
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    **request,
                    fingerprint=print_,
                    requested_by=actor,
                    scheduled=scheduled,
                )
        except IntegrityError:
            # Another request for the same snapshot won the race: share it.
            return Report.objects.live().get(fingerprint=print_), False
        queue_after_commit("reports.compile_report", report.pk)
    return report, True


# A compile reports its progress at most this often: a quick one writes none at all.
PROGRESS_INTERVAL_SECONDS = 0.5


def compile_report(*, report_id: int) -> str:
    """Compiles a queued report; called by the worker. Safe to run twice: a finished report is
    left as it is, and a report whose worker died while running is compiled again, its result
    written once (the write only applies to a report not yet done). A failure is recorded
    with a readable reason. Returns the report's status."""
    report = _claim(report_id)
    if report is None:
        status = Report.objects.filter(pk=report_id).values_list("status", flat=True).first()
        return status or "missing"
    last_written = time.monotonic()

    def progress(percent: int) -> None:
        nonlocal last_written
        if time.monotonic() - last_written >= PROGRESS_INTERVAL_SECONDS:
            Report.objects.filter(pk=report.pk, status=ReportStatus.RUNNING).update(
                progress=percent
            )
            last_written = time.monotonic()

    try:
        if report.kind == ReportKind.PRACTICES_OVERVIEW:
            result = compiling.practices_overview(
                filters=report.filters,
                audience=report.audience,
                threshold=report.threshold,
                progress=progress,
            )
        else:
            result = compiling.data_compilation(
                period=report.period, filters=report.filters, progress=progress
            )
    except SoftTimeLimitExceeded:
        return _record_failure(
            report.pk,
            _("The compile went past the time limit of %(seconds)s seconds.")
            % {"seconds": settings.CELERY_TASK_SOFT_TIME_LIMIT},
        )
    except Exception as error:  # recorded for the reader, then logged with its traceback
        logger.exception("Report %s failed", report.pk)
        return _record_failure(
            report.pk,
            _("The compile stopped on an error: %(error)s") % {"error": _short(error)},
        )
    # One conditional statement: if a second run of the same report finished first, its
    # snapshot stands and this result is dropped.
    Report.objects.filter(pk=report.pk).exclude(status=ReportStatus.DONE).update(
        result=result,
        status=ReportStatus.DONE,
        progress=100,
        error="",
        generated_at=timezone.now(),
    )
    return ReportStatus.DONE


# Marks a queued report, or one whose worker died while running it, as running, and reads
# what the compile needs (not the result of a finished one, which can be large): one
# statement, where a load and an update took two.
_CLAIM = f"""
    {{unhurried}}
    UPDATE {Report._meta.db_table}
    SET status = %s, started_at = %s, progress = 0, error = ''
    {{from_unhurried}}
    WHERE id = %s AND status IN (%s, %s)
    RETURNING id, kind, filters, audience, threshold, period_id, status
"""
# The statement's own commit (it runs alone) need not wait for the disk: the mark only informs
# the pages that follow a compile. A crash of the database that lost it leaves the report
# queued, as it was; the result's commit, which does wait, makes the mark durable with it. On a
# busy disk that wait was most of a small compile's bookkeeping (1 to 10 ms).
_CLAIM_ALONE = _CLAIM.format(
    unhurried="WITH unhurried AS (SELECT set_config('synchronous_commit', 'off', true))",
    from_unhurried="FROM unhurried",
)
# Inside a caller's transaction the claim commits with the rest of the caller's work, as the
# caller's settings say.
_CLAIM_IN_TRANSACTION = _CLAIM.format(unhurried="", from_unhurried="")


def _claim(report_id: int) -> Report | None:
    """The report, now running; None if it is missing or finished."""
    statement = _CLAIM_IN_TRANSACTION if connection.in_atomic_block else _CLAIM_ALONE
    params = [
        ReportStatus.RUNNING,
        timezone.now(),
        report_id,
        ReportStatus.QUEUED,
        ReportStatus.RUNNING,
    ]
    return next(iter(Report.objects.raw(statement, params)), None)


def _short(error: Exception) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:300]


def _record_failure(report_id: int, reason: str) -> str:
    Report.objects.filter(pk=report_id).exclude(status=ReportStatus.DONE).update(
        status=ReportStatus.FAILED, error=reason, generated_at=None
    )
    return ReportStatus.FAILED


@transaction.atomic
def publish_report(*, report: Report, actor: User) -> Report:
    """An editor makes a finished report visible to its audience (REPORT_WORKFLOW)."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    REPORT_WORKFLOW.check(report, actor, "publish")
    report.published_at = timezone.now()
    report.published_by = actor
    report.save(update_fields=["published_at", "published_by"])
    return report


@transaction.atomic
def unpublish_report(*, report: Report, actor: User) -> Report:
    """An editor takes a published report back from its audience (REPORT_WORKFLOW)."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    REPORT_WORKFLOW.check(report, actor, "unpublish")
    report.published_at = None
    report.published_by = None
    report.save(update_fields=["published_at", "published_by"])
    return report


def compile_weekly_overview() -> Report:
    """The schedule's weekly global overview of public practices."""
    report, _created = request_report(
        actor=None, kind=ReportKind.PRACTICES_OVERVIEW, filters={}, scheduled=True
    )
    return report


def compile_closed_periods(today: datetime.date | None = None) -> list[Report]:
    """A data compilation of each period that has closed (once per state of its data)."""
    today = today or timezone.localdate()
    reports = []
    for period in ReportingPeriod.objects.filter(closes_on__lt=today):
        report, _created = request_report(
            actor=None,
            kind=ReportKind.DATA_COMPILATION,
            period=period,
            filters={},
            audience=Visibility.PUBLIC,
            scheduled=True,
        )
        reports.append(report)
    return reports
