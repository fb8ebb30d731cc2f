"""Every write to indicators, periods, submissions, reports and calls goes through these
functions (pages, API, commands, tasks).

Each takes keyword-only arguments, checks permission (raising PermissionDenied), validates
(raising ValidationError with field errors), runs in a transaction, labels the history entry
with the actor and the action, and queues its follow-up work after commit.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
import logging
import time
from decimal import Decimal, InvalidOperation
from typing import Any

import pghistory
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format, sanitize_separators
from django.utils.translation import gettext as _

from core import taxonomy
from core.edge import NUL, nul_message, printable
from core.models import NationalSociety, User, user_is_editor
from practices.models import Practice, PracticeEvent, Visibility
from reports import compile as compiling
from reports.models import (
    GROUP_COLUMNS,
    GROUPS,
    TRANSLATED_FIELDS,
    TRANSLATION_LANGUAGES,
    CallForPractices,
    DataValue,
    DataValueEvent,
    Disaggregation,
    Indicator,
    IndicatorEvent,
    Report,
    ReportingPeriod,
    ReportKind,
    ReportStatus,
    Submission,
    SubmissionEvent,
    SubmissionStatus,
    Unit,
)
from reports.permissions import enters_values_for, linkable_practices

logger = logging.getLogger(__name__)


def _require_editor(actor) -> None:
    if not user_is_editor(actor):
        raise PermissionDenied(_("Only IFRC editors may do this."))


# --- Indicators and periods -------------------------------------------------------------------


def _clean_translations(translations: Any) -> dict[str, dict[str, str]]:
    """An indicator's text in the other languages, {language: {field: text}}, with the blank
    texts and languages left out so that an untranslated field falls back to English."""
    if not isinstance(translations, dict):
        raise ValidationError(
            {"translations": _("Give the translations as an object keyed by language code.")}
        )
    errors, cleaned = [], {}
    languages = ", ".join(TRANSLATION_LANGUAGES)
    fields = ", ".join(TRANSLATED_FIELDS)
    for language, texts in translations.items():
        if language not in TRANSLATION_LANGUAGES:
            errors.append(
                _("“%(language)s” is not a language of the site; use %(languages)s.")
                % {"language": language, "languages": languages}
            )
            continue
        if not isinstance(texts, dict):
            errors.append(
                _("Give the texts in “%(language)s” as an object keyed by field (%(fields)s).")
                % {"language": language, "fields": fields}
            )
            continue
        for field, text in texts.items():
            if field not in TRANSLATED_FIELDS:
                errors.append(
                    _("“%(field)s” cannot be translated; use %(fields)s.")
                    % {"field": field, "fields": fields}
                )
            elif not isinstance(text, str):
                errors.append(
                    _("The %(field)s in “%(language)s” must be text.")
                    % {"field": field, "language": language}
                )
            elif field == "name" and len(text.strip()) > 200:
                errors.append(
                    _("The name in “%(language)s” has at most 200 characters.")
                    % {"language": language}
                )
            elif text.strip():
                cleaned.setdefault(language, {})[field] = text.strip()
    if errors:
        raise ValidationError({"translations": errors})
    return cleaned


@transaction.atomic
def save_indicator(*, actor: User, data: dict[str, Any], indicator: Indicator | None = None):
    """Editors create or change an indicator. Its code cannot change once values use it.
    `translations` ({language: {field: text}}) replaces the indicator's text in the other
    languages as a whole."""
    _require_editor(actor)
    if "translations" in data:
        data = {**data, "translations": _clean_translations(data["translations"])}
    indicator = indicator or Indicator()
    code_changes = indicator.pk and data.get("code", indicator.code) != indicator.code
    if code_changes and indicator.values.exists():
        raise ValidationError(
            {"code": _("Values were reported under this code; it can no longer change.")}
        )
    for field, value in data.items():
        setattr(indicator, field, value)
    if indicator.unit != Unit.CURRENCY:
        indicator.currency = ""
    indicator.currency = indicator.currency.upper()
    if indicator.unit == Unit.CURRENCY and not indicator.currency:
        raise ValidationError({"currency": _("Give the currency of the amounts, e.g. CHF.")})
    indicator.full_clean()
    with pghistory.context(user=actor.pk, action="save-indicator"):
        indicator.save()
    return indicator


@transaction.atomic
def save_period(
    *,
    actor: User,
    data: dict[str, Any],
    indicators: list[Indicator] | None = None,
    period: ReportingPeriod | None = None,
) -> ReportingPeriod:
    """Editors create or change a reporting period and choose its indicators."""
    _require_editor(actor)
    period = period or ReportingPeriod()
    for field, value in data.items():
        setattr(period, field, value)
    errors = {}
    if period.opens_on and period.closes_on and period.closes_on < period.opens_on:
        errors["closes_on"] = [_("The period must close on or after the day it opens.")]
    if indicators is not None and not indicators:
        errors["indicators"] = [_("Choose at least one indicator.")]
    try:
        # Dates in the wrong order are explained above; the constraint would say it again,
        # in the database's words.
        period.full_clean(validate_constraints="closes_on" not in errors)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    with pghistory.context(user=actor.pk, action="save-period"):
        period.save()
    if indicators is not None:
        period.indicators.set(indicators)
    return period


# --- Society submissions ----------------------------------------------------------------------


def _closed_error(period: ReportingPeriod) -> ValidationError:
    return ValidationError(
        _("The period %(period)s closed on %(date)s: its values can no longer change.")
        % {"period": period.label, "date": date_format(period.closes_on)}
    )


def _check_open(period: ReportingPeriod) -> None:
    today = timezone.localdate()
    if period.has_closed(today):
        raise _closed_error(period)
    if today < period.opens_on:
        raise ValidationError(
            _("The period %(period)s opens on %(date)s.")
            % {"period": period.label, "date": date_format(period.opens_on)}
        )


@transaction.atomic
def start_submission(*, actor: User, society: NationalSociety, period: ReportingPeriod):
    """The society's submission for the period, created as a draft on first use by a member or
    focal point of the society (editors do not enter a society's values)."""
    if not enters_values_for(actor, society):
        raise PermissionDenied(
            _("Only members of %(society)s enter its values.") % {"society": society}
        )
    submission = Submission.objects.filter(society=society, period=period).first()
    if submission is None:
        _check_open(period)
        with pghistory.context(user=actor.pk, action="start-submission"):
            submission, _created = Submission.objects.get_or_create(society=society, period=period)
    return submission


def _lock_editable(submission: Submission, actor: User) -> Submission:
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    if not enters_values_for(actor, locked.society):
        raise PermissionDenied(
            _("Only members of %(society)s change its values.") % {"society": locked.society}
        )
    _check_open(locked.period)
    if locked.status not in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED):
        raise ValidationError(
            _("This submission is %(status)s: it can no longer change.")
            % {"status": locked.get_status_display().lower()}
        )
    return locked


def _parse_number(raw) -> Decimal | None:
    if raw is None:
        return None
    if isinstance(raw, Decimal):
        return raw
    text = str(raw).strip().replace(" ", "").replace("\u00a0", "")
    if text == "":
        return None
    # As typed in the reader's language: "12,5" is twelve and a half in French, Spanish and
    # Arabic; a point is read as a decimal point in every language.
    text = sanitize_separators(text)
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(_("Enter a number, e.g. 1250 or 12.5.")) from None
    if not number.is_finite():
        raise ValueError(_("Enter a number, e.g. 1250 or 12.5."))
    return number


def clean_values(
    period: ReportingPeriod, values: dict[str, dict[str, Any]]
) -> tuple[dict[Indicator, dict[str, Any]], dict[str, list[str]]]:
    """Checks a society's values for the period's indicators.

    `values` maps an indicator code to its fields (`total`, the group columns such as
    `sex_female`, and `source_note`); numbers may be strings as typed. Returns the cleaned
    values by indicator and the errors, keyed `<indicator code>.<field>`. A blank total means
    "not reported"; groups then must be blank too.
    """
    indicators = {indicator.code: indicator for indicator in period.indicators.all()}
    cleaned: dict[Indicator, dict[str, Any]] = {}
    errors: dict[str, list[str]] = {}

    def error(code, field, message):
        errors.setdefault(f"{code}.{field}", []).append(message)

    for code, fields in values.items():
        indicator = indicators.get(code)
        if indicator is None:
            error(
                code,
                "indicator",
                _("%(code)s is not an indicator of this period.") % {"code": code},
            )
            continue
        offered = {column for _d, _c, column, _l in indicator.groups()}
        numbers: dict[str, Decimal | None] = {}
        for field in ["total", *GROUP_COLUMNS]:
            try:
                number = _parse_number(fields.get(field))
            except ValueError as problem:
                error(code, field, str(problem))
                continue
            if number is None:
                numbers[field] = None
                continue
            if field != "total" and field not in offered:
                error(code, field, _("This indicator is not broken down this way."))
            elif number < 0:
                error(code, field, _("Enter a number that is not negative."))
            elif indicator.unit == Unit.PERCENT and number > 100:
                error(code, field, _("A percentage is between 0 and 100."))
            elif indicator.unit == Unit.COUNT and number != number.to_integral_value():
                error(code, field, _("A count is a whole number."))
            elif abs(number) >= Decimal("1e14"):
                error(code, field, _("This number is too large."))
            numbers[field] = number
        total = numbers.get("total")
        if total is None:
            if any(numbers.get(column) is not None for column in offered):
                error(code, "total", _("Enter the total as well as its breakdown."))
            else:
                cleaned[indicator] = None  # not reported: an existing value is removed
            continue
        if f"{code}.total" in errors:
            continue  # a breakdown compared with a wrong total would only add confusion
        if indicator.unit != Unit.PERCENT:
            for disaggregation in indicator.disaggregations:
                if any(f"{code}.{column}" in errors for _c, column, _l in GROUPS[disaggregation]):
                    continue
                group_sum = sum(
                    numbers.get(column) or 0 for _code, column, _label in GROUPS[disaggregation]
                )
                if group_sum > total:
                    first_column = GROUPS[disaggregation][0][1]
                    error(
                        code,
                        first_column,
                        _(
                            "The %(breakdown)s breakdown adds up to %(sum)s, more than the total "
                            "%(total)s."
                        )
                        % {
                            "breakdown": str(Disaggregation(disaggregation).label).lower(),
                            "sum": group_sum,
                            "total": total,
                        },
                    )
        cleaned[indicator] = {
            "total": total,
            **{column: numbers.get(column) for column in GROUP_COLUMNS if column in offered},
            "source_note": str(fields.get("source_note") or "").strip()[:2000],
        }
    return cleaned, errors


@transaction.atomic
def save_values(
    *, submission: Submission, actor: User, values: dict[str, dict[str, Any]]
) -> Submission:
    """A member or focal point of the society saves values (all of them or none): a blank
    total removes the indicator's value; other indicators keep theirs."""
    submission = _lock_editable(submission, actor)
    cleaned, errors = clean_values(submission.period, values)
    if errors:
        raise ValidationError(errors)
    existing = {value.indicator_id: value for value in submission.values.all()}
    with pghistory.context(user=actor.pk, action="save-values"):
        for indicator, fields in cleaned.items():
            value = existing.get(indicator.pk)
            if fields is None:
                if value is not None:
                    value.delete()
                continue
            value = value or DataValue(submission=submission, indicator=indicator)
            for column in GROUP_COLUMNS:
                setattr(value, column, fields.get(column))
            value.total = fields["total"]
            value.source_note = fields["source_note"]
            value.save()
        submission.save(update_fields=["updated_at"])
    return submission


# Columns of a submission file, in order; the group columns by their public code.
CSV_COLUMNS = (
    ["indicator", "total"]
    + [code for groups in GROUPS.values() for code, _column, _label in groups]
    + ["source_note"]
)
CSV_GROUP_COLUMNS = {code: column for groups in GROUPS.values() for code, column, _label in groups}
CSV_MAX_BYTES = 2 * 1024 * 1024


class CSVImportError(Exception):
    """A submission file that cannot be imported: every problem as {row, column, reason}
    (row 1 is the header; None where the problem is with the whole file)."""

    def __init__(self, problems: list[dict[str, Any]]):
        super().__init__(f"{len(problems)} problem(s) in the file")
        self.problems = problems


def _read_csv(text: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and the (row number, cells by column) pairs of a submission file, whatever
    its line endings (CR alone, as older spreadsheets save, included). A cell holding a NUL
    character, or longer than the csv module reads, is a problem of its row."""
    # newline="": rows end at \r, \n or \r\n, and a line break inside quotes stays in its cell.
    reader = csv.reader(io.StringIO(text, newline=""))
    records: list[list[str]] = []
    problems = []
    try:
        for cells in reader:
            records.append(cells)
    except csv.Error as error:
        # With the default dialect the reader fails only on a cell over its size limit; it
        # cannot tell where the rows after it start, so reading stops there.
        too_long = "field larger than field limit" in str(error)
        problems.append(
            {
                "row": len(records) + 1,
                "column": None,
                "reason": _("A cell is longer than %(limit)s characters.")
                % {"limit": csv.field_size_limit()}
                if too_long
                else _("This row cannot be read as CSV."),
            }
        )
    header = [name.strip() for name in records[0]] if records else []
    rows = []
    for row_number, cells in enumerate(records, start=1):
        for index, cell in enumerate(cells):
            if NUL in cell:
                column = printable(header[index]) if index < len(header) else ""
                problems.append(
                    {"row": row_number, "column": column or None, "reason": nul_message()}
                )
        if row_number > 1 and cells:
            rows.append((row_number, dict(zip(header, cells, strict=False))))
    if problems:
        raise CSVImportError(problems)
    return header, rows


def import_values_csv(*, submission: Submission, actor: User, upload) -> int:
    """Imports a submission file (one row per indicator; see CSV_COLUMNS). Either every row is
    right and the values are saved, or nothing changes and CSVImportError lists each problem
    as {row, column, reason}. Returns the number of rows imported."""
    if upload.size > CSV_MAX_BYTES:
        raise CSVImportError(
            [{"row": None, "column": None, "reason": _("The file is larger than 2 MB.")}]
        )
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CSVImportError(
            [{"row": None, "column": None, "reason": _("Save the file as UTF-8 CSV.")}]
        ) from None
    header, rows_read = _read_csv(text)
    problems = []
    if "indicator" not in header or "total" not in header:
        problems.append(
            {
                "row": 1,
                "column": None,
                "reason": _(
                    "The first row must name the columns; indicator and total are required."
                ),
            }
        )
    unknown = [name for name in header if name and name not in CSV_COLUMNS]
    for name in unknown:
        problems.append({"row": 1, "column": name, "reason": _("Unknown column.")})
    if problems:
        raise CSVImportError(problems)

    values: dict[str, dict[str, Any]] = {}
    rows: dict[str, int] = {}
    for row_number, row in rows_read:
        code = (row.get("indicator") or "").strip()
        if not code and not any(cell.strip() for cell in row.values()):
            continue  # an empty line
        if code in rows:
            problems.append(
                {
                    "row": row_number,
                    "column": "indicator",
                    "reason": _("%(code)s is already on row %(row)s.")
                    % {"code": code, "row": rows[code]},
                }
            )
            continue
        rows[code] = row_number
        values[code] = {
            "total": row.get("total"),
            "source_note": row.get("source_note") or "",
            **{column: row.get(code_) for code_, column in CSV_GROUP_COLUMNS.items()},
        }
    if not values and not problems:
        problems.append({"row": None, "column": None, "reason": _("The file has no values.")})

    columns_by_field = {column: code for code, column in CSV_GROUP_COLUMNS.items()}
    _cleaned, errors = clean_values(submission.period, values)
    for key, messages in errors.items():
        code, field = key.split(".", 1)
        for message in messages:
            problems.append(
                {
                    "row": rows.get(code),
                    "column": "indicator"
                    if field == "indicator"
                    else columns_by_field.get(field, field),
                    "reason": message,
                }
            )
    if problems:
        problems.sort(key=lambda problem: (problem["row"] or 0, str(problem["column"] or "")))
        raise CSVImportError(problems)
    try:
        save_values(submission=submission, actor=actor, values=values)
    except ValidationError as error:
        raise CSVImportError(
            [{"row": None, "column": None, "reason": message} for message in error.messages]
        ) from None
    return len(values)


@transaction.atomic
def submit_submission(*, submission: Submission, actor: User) -> Submission:
    """A member or focal point sends the society's values to the IFRC for validation."""
    submission = _lock_editable(submission, actor)
    if not submission.values.exists():
        raise ValidationError(_("Enter at least one value before submitting."))
    submission.status = SubmissionStatus.SUBMITTED
    submission.submitted_by = actor
    submission.submitted_at = timezone.now()
    with pghistory.context(user=actor.pk, action="submit-values"):
        submission.save()
    return submission


def _lock_for_review(submission: Submission, actor: User) -> Submission:
    _require_editor(actor)
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    if locked.status != SubmissionStatus.SUBMITTED:
        raise ValidationError(
            _("Only a submitted submission can be reviewed; this one is %(status)s.")
            % {"status": locked.get_status_display().lower()}
        )
    return locked


@transaction.atomic
def validate_submission(*, submission: Submission, actor: User) -> Submission:
    """An editor accepts the society's values: they count in data compilations."""
    submission = _lock_for_review(submission, actor)
    submission.status = SubmissionStatus.VALIDATED
    submission.review_note = ""
    submission.reviewed_by = actor
    submission.reviewed_at = timezone.now()
    with pghistory.context(user=actor.pk, action="validate-values"):
        submission.save()
    return submission


@transaction.atomic
def return_submission(*, submission: Submission, actor: User, note: str) -> Submission:
    """An editor sends the values back to the society with a note saying what to change."""
    if not (note or "").strip():
        raise ValidationError({"note": _("Say what the society should change.")})
    submission = _lock_for_review(submission, actor)
    submission.status = SubmissionStatus.RETURNED
    submission.review_note = note.strip()
    submission.reviewed_by = actor
    submission.reviewed_at = timezone.now()
    with pghistory.context(user=actor.pk, action="return-values"):
        submission.save()
    return submission


# --- Reports --------------------------------------------------------------------------------


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
        _require_editor(actor)
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
        transaction.on_commit(lambda: _queue_compile(report.pk))
    return report, True


def _queue_compile(report_id: int) -> None:
    from reports.tasks import compile_report_task

    compile_report_task.delay(report_id)


# A compile reports its progress at most this often: a quick one writes none at all.
PROGRESS_INTERVAL_SECONDS = 0.5


def compile_report(*, report_id: int) -> str:
    """Compiles a queued report; called by the worker. Safe to run twice: a finished report is
    left as it is, and a report whose worker died while running is compiled again, its result
    written once (the write only applies to a report not yet done). A failure is recorded
    with a readable reason. Returns the report's status."""
    # Only what the compile reads: a finished report's result can be large.
    report = (
        Report.objects.only("kind", "filters", "audience", "threshold", "period", "status")
        .filter(pk=report_id)
        .first()
    )
    if report is None or report.is_finished:
        return report.status if report else "missing"
    Report.objects.filter(pk=report.pk).exclude(status=ReportStatus.DONE).update(
        status=ReportStatus.RUNNING, started_at=timezone.now(), progress=0, error=""
    )
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
    """An editor makes a finished report visible to its audience."""
    _require_editor(actor)
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.DONE:
        raise ValidationError(_("Only a finished report can be published."))
    if report.audience == Visibility.IFRC:
        raise ValidationError(
            _("A report for the IFRC counts practices only editors may see; it stays internal.")
        )
    if report.published_at is None:
        report.published_at = timezone.now()
        report.published_by = actor
        report.save(update_fields=["published_at", "published_by"])
    return report


@transaction.atomic
def unpublish_report(*, report: Report, actor: User) -> Report:
    _require_editor(actor)
    report = Report.objects.select_for_update().get(pk=report.pk)
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


# --- Calls for practices ----------------------------------------------------------------------

CALL_FILTERS = {
    "step": {code for code, _name in taxonomy.STEPS},
    "region": {code for code, _name in taxonomy.REGIONS},
    "principle": {code for code, *_rest in taxonomy.PRINCIPLES},
}


@transaction.atomic
def create_call(
    *,
    actor: User,
    title: str,
    deadline: datetime.date,
    filters: dict[str, list[str]],
    description: str = "",
    report: Report | None = None,
) -> CallForPractices:
    """An editor turns a gap into a call for practices; the focal points of the regions
    concerned are emailed after commit."""
    _require_editor(actor)
    errors: dict[str, list[str]] = {}
    if not (title or "").strip():
        errors["title"] = [_("Give the call a title.")]
    if deadline is None:
        errors["deadline"] = [_("Give a deadline.")]
    elif deadline < timezone.localdate():
        errors["deadline"] = [_("The deadline cannot be in the past.")]
    cleaned = {}
    for name, values in (filters or {}).items():
        values = values if isinstance(values, list) else [values]
        if name not in CALL_FILTERS:
            errors[f"filters.{name}"] = [_("A call is about steps, regions or principles.")]
        elif not set(values) <= CALL_FILTERS[name]:
            errors[f"filters.{name}"] = [_("Unknown code.")]
        elif values:
            cleaned[name] = sorted(set(values))
    if errors:
        raise ValidationError(errors)
    call = CallForPractices.objects.create(
        title=title.strip(),
        description=(description or "").strip(),
        deadline=deadline,
        filters=cleaned,
        report=report,
        created_by=actor,
    )
    transaction.on_commit(lambda: _queue_call_announcement(call.pk))
    return call


def _queue_call_announcement(call_id: int) -> None:
    from reports.tasks import announce_call

    announce_call.delay(call_id)


@transaction.atomic
def link_practice(*, call: CallForPractices, practice: Practice, actor: User) -> None:
    """A member of the practice's society (or an editor) links it to an open call it answers:
    it must have been submitted (or published) after the call opened."""
    if not linkable_practices(actor).filter(pk=practice.pk).exists():
        raise PermissionDenied(_("You may only link your own society's practices."))
    if not call.is_open():
        raise ValidationError(
            _("This call closed on %(date)s.") % {"date": date_format(call.deadline)}
        )
    sent_at = practice.submitted_at or practice.published_at
    if sent_at is None or sent_at < call.created_at:
        raise ValidationError(
            _(
                "Only practices submitted while the call is open can answer it; submit this "
                "one first."
            )
        )
    call.practices.add(practice)


@transaction.atomic
def unlink_practice(*, call: CallForPractices, practice: Practice, actor: User) -> None:
    if not linkable_practices(actor).filter(pk=practice.pk).exists():
        raise PermissionDenied(_("You may only unlink your own society's practices."))
    call.practices.remove(practice)
