"""A society's values for a period, through reports.services: the checks and their messages,
the workflow (draft → submitted → validated or returned → submitted again), who may do what,
and the CSV import that changes everything or nothing."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from django.utils.formats import date_format

from reports import services
from reports.models import DataValue, Submission, SubmissionStatus
from tests.reports.factories import make_indicator, make_submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def alices_draft(alice, society_a, period):
    return make_submission(alice, society_a, period, {"migrants-reached": {"total": "100"}})


def errors_of(raised) -> dict[str, list[str]]:
    return raised.value.message_dict


# --- Checks -----------------------------------------------------------------------------------


def test_a_currency_indicator_keeps_its_code_in_capitals(indicators):
    assert indicators[2].currency == "CHF"
    assert indicators[2].unit_label == "CHF"


def test_alice_cannot_save_a_negative_value(alice, alices_draft):
    with pytest.raises(ValidationError) as raised:
        services.save_values(
            submission=alices_draft,
            actor=alice,
            values={"migrants-reached": {"total": "-5"}},
        )
    assert errors_of(raised) == {"migrants-reached.total": ["Enter a number that is not negative."]}


def test_alice_cannot_save_a_percentage_above_100(alice, alices_draft):
    with pytest.raises(ValidationError) as raised:
        services.save_values(
            submission=alices_draft,
            actor=alice,
            values={"branches-with-focal-point": {"total": "120"}},
        )
    assert errors_of(raised) == {
        "branches-with-focal-point.total": ["A percentage is between 0 and 100."]
    }


def test_a_percentage_may_have_decimals_but_a_count_may_not(alice, alices_draft):
    with pytest.raises(ValidationError) as raised:
        services.save_values(
            submission=alices_draft,
            actor=alice,
            values={
                "migrants-reached": {"total": "10.5"},
                "branches-with-focal-point": {"total": "62.5"},
            },
        )
    assert errors_of(raised) == {"migrants-reached.total": ["A count is a whole number."]}


def test_a_french_reader_types_a_decimal_comma(alice, alices_draft):
    with translation.override("fr"):
        services.save_values(
            submission=alices_draft,
            actor=alice,
            values={"branches-with-focal-point": {"total": "62,5"}},
        )
    value = alices_draft.values.get(indicator__code="branches-with-focal-point")
    assert value.total == Decimal("62.5")


def test_an_english_reader_cannot_type_a_thousands_comma_by_mistake_for_a_decimal(
    alice, alices_draft
):
    with pytest.raises(ValidationError) as raised:
        services.save_values(
            submission=alices_draft, actor=alice, values={"migrants-reached": {"total": "1,250"}}
        )
    assert errors_of(raised) == {"migrants-reached.total": ["Enter a number, e.g. 1250 or 12.5."]}


def test_a_breakdown_cannot_add_up_to_more_than_the_total(alice, alices_draft):
    with pytest.raises(ValidationError) as raised:
        services.save_values(
            submission=alices_draft,
            actor=alice,
            values={
                "migrants-reached": {
                    "total": "100",
                    "sex_female": "60",
                    "sex_male": "50",
                    "age_children": "30",
                }
            },
        )
    assert errors_of(raised) == {
        "migrants-reached.sex_female": [
            "The sex breakdown adds up to 110, more than the total 100."
        ]
    }


def test_a_breakdown_needs_a_total(alice, alices_draft):
    with pytest.raises(ValidationError) as raised:
        services.save_values(
            submission=alices_draft,
            actor=alice,
            values={"migrants-reached": {"total": "", "sex_female": "10"}},
        )
    assert errors_of(raised) == {
        "migrants-reached.total": ["Enter the total as well as its breakdown."]
    }


def test_text_that_is_not_a_number_is_refused_and_nothing_is_saved(alice, alices_draft):
    with pytest.raises(ValidationError) as raised:
        services.save_values(
            submission=alices_draft,
            actor=alice,
            values={
                "migrants-reached": {"total": "many"},
                "migration-spending": {"total": "25000"},
            },
        )
    assert errors_of(raised) == {"migrants-reached.total": ["Enter a number, e.g. 1250 or 12.5."]}
    # All or nothing: the valid spending was not saved either.
    assert list(alices_draft.values.values_list("indicator__code", "total")) == [
        ("migrants-reached", Decimal("100.00"))
    ]


def test_alice_saves_values_with_their_breakdown_and_source(alice, alices_draft):
    services.save_values(
        submission=alices_draft,
        actor=alice,
        values={
            "migrants-reached": {
                "total": "1 250",
                "sex_female": "600",
                "sex_male": "640",
                "age_children": "300",
                "source_note": "Registration forms at the three service points.",
            },
            "migration-spending": {"total": "85000.50"},
        },
    )
    reached = alices_draft.values.get(indicator__code="migrants-reached")
    assert reached.total == 1250
    assert (reached.sex_female, reached.sex_male, reached.sex_unknown) == (600, 640, None)
    assert reached.age_children == 300
    assert reached.source_note == "Registration forms at the three service points."
    assert alices_draft.values.get(indicator__code="migration-spending").total == Decimal(
        "85000.50"
    )


def test_a_blank_total_removes_a_value(alice, alices_draft):
    services.save_values(
        submission=alices_draft, actor=alice, values={"migrants-reached": {"total": ""}}
    )
    assert not alices_draft.values.exists()


# --- Who may enter values ---------------------------------------------------------------------


def test_bob_cannot_start_society_as_submission(bob, society_a, period):
    with pytest.raises(PermissionDenied):
        services.start_submission(actor=bob, society=society_a, period=period)
    assert not Submission.objects.exists()


def test_bob_cannot_change_alices_values(bob, alices_draft):
    with pytest.raises(PermissionDenied):
        services.save_values(
            submission=alices_draft, actor=bob, values={"migrants-reached": {"total": "1"}}
        )
    with pytest.raises(PermissionDenied):
        services.submit_submission(submission=alices_draft, actor=bob)
    alices_draft.refresh_from_db()
    assert alices_draft.status == SubmissionStatus.DRAFT
    assert alices_draft.values.get().total == 100


def test_edith_does_not_enter_a_societys_values(edith, society_a, period):
    with pytest.raises(PermissionDenied):
        services.start_submission(actor=edith, society=society_a, period=period)


def test_fiona_changes_the_values_alice_started(fiona, alices_draft):
    services.save_values(
        submission=alices_draft, actor=fiona, values={"migrants-reached": {"total": "140"}}
    )
    assert alices_draft.values.get().total == 140


# --- Periods ----------------------------------------------------------------------------------


def test_a_closed_period_refuses_a_new_submission(alice, society_a, closed_period):
    with pytest.raises(ValidationError) as raised:
        services.start_submission(actor=alice, society=society_a, period=closed_period)
    assert "closed on" in raised.value.messages[0]
    assert not Submission.objects.exists()


def test_a_closed_period_refuses_changes_to_existing_values(alice, edith, alices_draft):
    period = alices_draft.period
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    services.save_period(
        actor=edith,
        data={"opens_on": yesterday - datetime.timedelta(days=30), "closes_on": yesterday},
        period=period,
    )
    with pytest.raises(ValidationError) as raised:
        services.save_values(
            submission=alices_draft, actor=alice, values={"migrants-reached": {"total": "9"}}
        )
    assert raised.value.messages == [
        f"The period 2026 closed on {date_format(yesterday)}: its values can no longer change."
    ]
    with pytest.raises(ValidationError):
        services.submit_submission(submission=alices_draft, actor=alice)
    assert alices_draft.values.get().total == 100


def test_an_indicator_outside_the_period_is_refused(alice, edith, alices_draft):
    make_indicator(edith, code="other", name="Other")
    with pytest.raises(ValidationError) as raised:
        services.save_values(submission=alices_draft, actor=alice, values={"other": {"total": "3"}})
    assert errors_of(raised) == {"other.indicator": ["other is not an indicator of this period."]}


# --- Workflow ---------------------------------------------------------------------------------


def test_alice_cannot_submit_without_values(alice, society_a, period):
    submission = services.start_submission(actor=alice, society=society_a, period=period)
    with pytest.raises(ValidationError) as raised:
        services.submit_submission(submission=submission, actor=alice)
    assert raised.value.messages == ["Enter at least one value before submitting."]


def test_submitted_values_cannot_change(alice, alices_draft):
    services.submit_submission(submission=alices_draft, actor=alice)
    with pytest.raises(ValidationError) as raised:
        services.save_values(
            submission=alices_draft, actor=alice, values={"migrants-reached": {"total": "5"}}
        )
    assert raised.value.messages == ["This submission is submitted: it can no longer change."]


def test_returned_values_are_corrected_and_submitted_again(alice, fiona, edith, society_a, period):
    submission = make_submission(
        alice,
        society_a,
        period,
        {"migrants-reached": {"total": "100"}},
        status="returned",
        editor=edith,
    )
    assert submission.status == SubmissionStatus.RETURNED
    assert submission.review_note == "Check the totals."
    services.save_values(
        submission=submission, actor=fiona, values={"migrants-reached": {"total": "120"}}
    )
    services.submit_submission(submission=submission, actor=fiona)
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.submitted_by == fiona
    services.validate_submission(submission=submission, actor=edith)
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.VALIDATED
    assert submission.review_note == ""
    assert submission.reviewed_by == edith


@pytest.mark.parametrize("persona", ["alice", "fiona", "bob"])
def test_only_editors_validate_or_return(request, persona, alice, society_a, period):
    submission = make_submission(
        alice, society_a, period, {"migrants-reached": {"total": "1"}}, status="submitted"
    )
    actor = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        services.validate_submission(submission=submission, actor=actor)
    with pytest.raises(PermissionDenied):
        services.return_submission(submission=submission, actor=actor, note="Looks wrong.")
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED


def test_edith_returns_values_only_with_a_note(alice, edith, society_a, period):
    submission = make_submission(
        alice, society_a, period, {"migrants-reached": {"total": "1"}}, status="submitted"
    )
    with pytest.raises(ValidationError) as raised:
        services.return_submission(submission=submission, actor=edith, note="  ")
    assert errors_of(raised) == {"note": ["Say what the society should change."]}


def test_edith_cannot_validate_a_draft(edith, alices_draft):
    with pytest.raises(ValidationError):
        services.validate_submission(submission=alices_draft, actor=edith)


# --- CSV import -------------------------------------------------------------------------------


def csv_file(text: str, name="values.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


HEADER = ",".join(services.CSV_COLUMNS)


def csv_row(indicator, total="", source_note="", **groups):
    cells = {"indicator": indicator, "total": total, "source_note": source_note, **groups}
    return ",".join(str(cells.get(column, "")) for column in services.CSV_COLUMNS)


def test_a_valid_csv_file_saves_every_row(alice, alices_draft):
    text = "\n".join(
        [
            HEADER,
            csv_row("migrants-reached", 900, "Registers", female=400, male=480, children=200),
            csv_row("branches-with-focal-point", "45.5"),
            csv_row("migration-spending", 125000),
        ]
    )
    count = services.import_values_csv(
        submission=alices_draft, actor=alice, upload=csv_file("\ufeff" + text)
    )
    assert count == 3
    values = {value.indicator.code: value for value in alices_draft.values.all()}
    assert values["migrants-reached"].total == 900
    assert values["migrants-reached"].sex_female == 400
    assert values["migrants-reached"].age_children == 200
    assert values["migrants-reached"].source_note == "Registers"
    assert values["branches-with-focal-point"].total == Decimal("45.5")
    assert values["migration-spending"].total == 125000


def test_a_csv_file_with_errors_lists_each_row_and_changes_nothing(alice, alices_draft):
    text = "\n".join(
        [
            HEADER,
            csv_row("migration-spending", 5000),
            csv_row("migrants-reached", 100, female=70, male=50),
            csv_row("branches-with-focal-point", 140),
            csv_row("unknown-indicator", 1),
            csv_row("migration-spending", 6000),
        ]
    )
    with pytest.raises(services.CSVImportError) as raised:
        services.import_values_csv(submission=alices_draft, actor=alice, upload=csv_file(text))
    assert raised.value.problems == [
        {
            "row": 3,
            "column": "female",
            "reason": "The sex breakdown adds up to 120, more than the total 100.",
        },
        {"row": 4, "column": "total", "reason": "A percentage is between 0 and 100."},
        {
            "row": 5,
            "column": "indicator",
            "reason": "unknown-indicator is not an indicator of this period.",
        },
        {"row": 6, "column": "indicator", "reason": "migration-spending is already on row 2."},
    ]
    assert list(alices_draft.values.values_list("indicator__code", "total")) == [
        ("migrants-reached", Decimal("100.00"))
    ]


def test_a_csv_file_with_an_unknown_column_is_refused(alice, alices_draft):
    text = "indicator,total,colour\nmigrants-reached,5,red\n"
    with pytest.raises(services.CSVImportError) as raised:
        services.import_values_csv(submission=alices_draft, actor=alice, upload=csv_file(text))
    assert raised.value.problems == [{"row": 1, "column": "colour", "reason": "Unknown column."}]
    assert alices_draft.values.get().total == 100


def test_bob_cannot_import_a_file_into_alices_submission(bob, alices_draft):
    text = HEADER + "\n" + csv_row("migrants-reached", 7)
    with pytest.raises(PermissionDenied):
        services.import_values_csv(submission=alices_draft, actor=bob, upload=csv_file(text))
    assert DataValue.objects.get().total == 100
