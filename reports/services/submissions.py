"""A society's values for a period: entering, importing, submitting, validating, returning."""

from __future__ import annotations

import csv
import io
from decimal import Decimal, InvalidOperation
from typing import Any

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format, sanitize_separators
from django.utils.translation import gettext as _

from core.edge import NUL, nul_message, printable
from core.models import NationalSociety, User
from reports.models import (
    GROUP_COLUMNS,
    GROUPS,
    DataValue,
    Disaggregation,
    Indicator,
    ReportingPeriod,
    Submission,
    SubmissionStatus,
    Unit,
)
from reports.permissions import enters_values_for
from reports.workflow import SUBMISSION_WORKFLOW


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


def _lock_for_step(submission: Submission, actor: User, step: str, *, note: str = "") -> Submission:
    """The submission, locked, once SUBMISSION_WORKFLOW lets `actor` take `step` on it:
    refused with PermissionDenied for who is asking, ValidationError for where it stands."""
    locked = Submission.objects.select_for_update().select_related("society").get(pk=submission.pk)
    SUBMISSION_WORKFLOW.check(locked, actor, step, note=note)
    return locked


@transaction.atomic
def submit_submission(*, submission: Submission, actor: User) -> Submission:
    """A member or focal point sends the society's values to the IFRC for validation."""
    submission = _lock_for_step(submission, actor, "submit")
    _check_open(submission.period)
    if not submission.values.exists():
        raise ValidationError(_("Enter at least one value before submitting."))
    submission.status = SubmissionStatus.SUBMITTED
    submission.submitted_by = actor
    submission.submitted_at = timezone.now()
    with pghistory.context(user=actor.pk, action="submit-values"):
        submission.save()
    return submission


@transaction.atomic
def validate_submission(*, submission: Submission, actor: User) -> Submission:
    """An editor accepts the society's values: they count in data compilations."""
    submission = _lock_for_step(submission, actor, "validate")
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
    submission = _lock_for_step(submission, actor, "return", note=note)
    submission.status = SubmissionStatus.RETURNED
    submission.review_note = note.strip()
    submission.reviewed_by = actor
    submission.reviewed_at = timezone.now()
    with pghistory.context(user=actor.pk, action="return-values"):
        submission.save()
    return submission
