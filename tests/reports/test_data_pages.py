"""The data pages: indicator guide, periods, a society's submission form, the CSV import,
completeness and the editors' review queue; who sees what, what a wrong value shows, and how
many queries each list costs."""

import csv
import io
import re
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import StreamingHttpResponse
from django.urls import reverse

from core.models import NationalSociety
from reports import services
from reports.models import DataValue, Indicator, ReportingPeriod, Submission, SubmissionStatus
from tests.conftest import login
from tests.factories import MembershipFactory, UserFactory
from tests.reports.factories import make_indicator, make_period, make_submission

pytestmark = pytest.mark.django_db

INDICATORS = reverse("reports:indicators")
PERIODS = reverse("reports:periods")
REVIEW_QUEUE = reverse("reports:review_queue")


def submission_url(period, society):
    return reverse("reports:submission", args=[period.pk, society.slug])


def workflow_url(period, society, action):
    return reverse("reports:submission_workflow", args=[period.pk, society.slug, action])


def import_url(period, society):
    return reverse("reports:submission_import", args=[period.pk, society.slug])


def completeness_url(period):
    return reverse("reports:completeness", args=[period.pk])


def values(**fields):
    """Form data of the submission page: every field blank unless given."""
    data = {
        "migrants-reached-total": "",
        "migrants-reached-sex_female": "",
        "migrants-reached-sex_male": "",
        "migrants-reached-sex_other": "",
        "migrants-reached-sex_unknown": "",
        "migrants-reached-age_children": "",
        "migrants-reached-age_adults": "",
        "migrants-reached-age_older_people": "",
        "migrants-reached-source_note": "",
        "migration-spending-total": "",
        "migration-spending-source_note": "",
    }
    data.update(fields)
    return data


class FormFields(HTMLParser):
    """The inputs of a page (id, name, attributes) and the ids its labels point at."""

    def __init__(self, html):
        super().__init__()
        self.inputs, self.labelled = [], set()
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("input", "textarea", "select") and attrs.get("type") != "hidden":
            self.inputs.append(attrs)
        if tag == "label" and attrs.get("for"):
            self.labelled.add(attrs["for"])


def field(response, name) -> dict:
    found = [
        attrs for attrs in FormFields(response.content.decode()).inputs if attrs.get("name") == name
    ]
    assert found, f"no input named {name}"
    return found[0]


# --- Indicator guide --------------------------------------------------------------------------


def test_visitor_reads_the_guide_of_active_indicators(client, edith, period, indicators):
    make_indicator(edith, code="retired", name="A retired indicator", active=False)
    response = client.get(INDICATORS)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="migrants-reached"' in page
    assert "People on the move who received any service from the society." in page
    assert "Amount in CHF" in page
    assert "<strong>spent</strong>" in page  # the guidance is Markdown
    assert re.search(r"<strong>sex</strong>: Female, Male, Other, Unknown", page)
    assert f'<a href="{period.get_absolute_url()}">2026</a>' in page
    assert "A retired indicator" not in page
    assert reverse("reports:indicator_create") not in page


def test_edith_sees_inactive_indicators_marked_and_links_to_edit(client, edith, indicators):
    retired = make_indicator(edith, code="retired", name="A retired indicator", active=False)
    login(client, edith)
    page = client.get(INDICATORS).content.decode()
    assert "A retired indicator" in page
    assert "Inactive" in page
    assert reverse("reports:indicator_create") in page
    assert reverse("reports:indicator_edit", args=[retired.pk]) in page


def test_alice_cannot_define_indicators(client, alice, indicators):
    login(client, alice)
    assert client.get(reverse("reports:indicator_create")).status_code == 403
    response = client.post(
        reverse("reports:indicator_edit", args=[indicators[0].pk]), {"name": "Changed"}
    )
    assert response.status_code == 403
    assert "Only IFRC editors define indicators." in response.content.decode()
    assert Indicator.objects.get(pk=indicators[0].pk).name == "Migrants reached"


def test_visitor_is_asked_to_log_in_to_define_an_indicator(client):
    response = client.get(reverse("reports:indicator_create"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


INDICATOR_FORM = {
    "code": "service-points",
    "name": "Humanitarian service points operating",
    "definition": "Places where migrants find help, information and protection.",
    "unit": "count",
    "currency": "",
    "disaggregations": [],
    "guidance": "Count each point once.",
    "position": "4",
    "active": "on",
}


def test_edith_adds_an_indicator(client, edith):
    login(client, edith)
    assert client.get(reverse("reports:indicator_create")).status_code == 200
    response = client.post(
        reverse("reports:indicator_create"), {**INDICATOR_FORM, "disaggregations": ["sex"]}
    )
    assert response.status_code == 302
    assert response["Location"] == INDICATORS + "#service-points"
    indicator = Indicator.objects.get(code="service-points")
    assert indicator.disaggregations == ["sex"]
    assert indicator.active


def test_a_currency_indicator_without_currency_is_shown_again_as_typed(client, edith):
    login(client, edith)
    response = client.post(
        reverse("reports:indicator_create"),
        {**INDICATOR_FORM, "unit": "currency", "name": "Spending typed by Edith"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Give the currency of the amounts, e.g. CHF." in page
    assert 'value="Spending typed by Edith"' in page
    assert not Indicator.objects.exists()


def test_the_code_of_an_indicator_with_values_cannot_change(
    client, edith, alice, society_a, period, indicators
):
    make_submission(alice, society_a, period, {"migrants-reached": {"total": "5"}})
    login(client, edith)
    url = reverse("reports:indicator_edit", args=[indicators[0].pk])
    form = {**INDICATOR_FORM, "code": "renamed", "name": "Migrants reached"}
    response = client.post(url, form)
    assert response.status_code == 400
    assert "it can no longer change" in response.content.decode()
    assert Indicator.objects.filter(code="migrants-reached").exists()


# --- Periods ----------------------------------------------------------------------------------


def test_visitor_sees_the_periods_with_their_state(client, period, closed_period):
    response = client.get(PERIODS)
    page = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"2026</a></th>.*?Open.*?<td class=\"number\">3</td>", page, re.S)
    assert re.search(r"2025</a></th>.*?Closed", page, re.S)
    assert reverse("reports:period_create") not in page


def test_alice_finds_her_societys_form_on_the_period(client, alice, society_a, period):
    login(client, alice)
    page = client.get(period.get_absolute_url()).content.decode()
    assert submission_url(period, society_a) in page
    assert "Not started yet" in page
    assert completeness_url(period) in page
    assert REVIEW_QUEUE not in page


def test_bob_finds_only_his_own_societys_form(client, bob, society_a, society_b, period):
    login(client, bob)
    page = client.get(period.get_absolute_url()).content.decode()
    assert submission_url(period, society_b) in page
    assert submission_url(period, society_a) not in page


def test_edith_finds_completeness_and_the_review_queue_on_the_period(client, edith, period):
    login(client, edith)
    page = client.get(period.get_absolute_url()).content.decode()
    assert completeness_url(period) in page
    assert REVIEW_QUEUE in page
    assert reverse("reports:period_edit", args=[period.pk]) in page


def test_edith_adds_a_period_with_its_indicators(client, edith, indicators):
    login(client, edith)
    response = client.post(
        reverse("reports:period_create"),
        {
            "label": "2027",
            "opens_on": "2027-10-01",
            "closes_on": "2028-03-31",
            "indicators": [indicators[1].pk],
        },
    )
    assert response.status_code == 302
    period = ReportingPeriod.objects.get(label="2027")
    assert list(period.indicators.all()) == [indicators[1]]


def test_a_period_that_closes_before_it_opens_is_shown_again_as_typed(client, edith, indicators):
    login(client, edith)
    response = client.post(
        reverse("reports:period_create"),
        {"label": "2027", "opens_on": "2027-10-01", "closes_on": "2027-01-01", "indicators": []},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "The period must close on or after the day it opens." in page
    assert "Choose at least one indicator." in page
    assert 'value="2027-01-01"' in page
    assert not ReportingPeriod.objects.exists()


def test_fiona_cannot_define_periods(client, fiona, period):
    login(client, fiona)
    assert client.get(reverse("reports:period_create")).status_code == 403
    assert client.post(reverse("reports:period_edit", args=[period.pk]), {}).status_code == 403


# --- The submission form ----------------------------------------------------------------------


def test_alice_sees_an_empty_form_and_nothing_is_created(client, alice, society_a, period):
    login(client, alice)
    response = client.get(submission_url(period, society_a))
    assert response.status_code == 200
    assert not Submission.objects.exists()
    page = response.content.decode()
    assert "Save and submit to the IFRC" in page
    assert "CHF" in page
    total = field(response, "migrants-reached-total")
    assert total["inputmode"] == "decimal"
    assert "readonly" not in total


def test_every_input_of_the_submission_page_has_a_label(client, alice, society_a, period):
    login(client, alice)
    response = client.get(submission_url(period, society_a))
    fields = FormFields(response.content.decode())
    names = {attrs.get("name") for attrs in fields.inputs}
    assert {"migrants-reached-age_older_people", "migration-spending-source_note", "file"} <= names
    assert "migration-spending-sex_female" not in names  # not broken down by sex
    unlabelled = [attrs for attrs in fields.inputs if attrs.get("id") not in fields.labelled]
    assert unlabelled == []


def test_alice_saves_her_societys_values(client, alice, society_a, period):
    login(client, alice)
    response = client.post(
        submission_url(period, society_a),
        values(
            **{
                "migrants-reached-total": "1200",
                "migrants-reached-sex_female": "500",
                "migration-spending-total": "40000",
                "migration-spending-source_note": "Ledger",
            }
        ),
    )
    assert response.status_code == 302
    submission = Submission.objects.get(society=society_a, period=period)
    assert submission.status == SubmissionStatus.DRAFT
    saved = {value.indicator.code: value for value in submission.values.all()}
    assert saved["migrants-reached"].total == 1200
    assert saved["migrants-reached"].sex_female == 500
    assert saved["migration-spending"].source_note == "Ledger"
    page = client.get(submission_url(period, society_a)).content.decode()
    assert 'value="1200"' in page


def test_a_wrong_value_is_shown_beside_its_input_and_everything_typed_is_kept(
    client, alice, society_a, period
):
    login(client, alice)
    response = client.post(
        submission_url(period, society_a),
        values(
            **{
                "migrants-reached-total": "100",
                "migrants-reached-sex_female": "80",
                "migrants-reached-sex_male": "70",
                "migrants-reached-age_children": "twelve",
                "migrants-reached-source_note": "Counted at the port",
                "migration-spending-total": "-3",
            }
        ),
    )
    assert response.status_code == 400
    page = response.content.decode()
    for typed in ['value="100"', 'value="80"', 'value="70"', 'value="twelve"', 'value="-3"']:
        assert typed in page
    assert "Counted at the port</textarea>" in page
    # Each message sits in the field of its input.
    assert re.search(
        r'id="id_migrants-reached-sex_female".*?The sex breakdown adds up to 150, more than the '
        r"total 100\.",
        page,
        re.S,
    )
    assert re.search(
        r'id="id_migration-spending-total".*?Enter a number that is not negative\.', page, re.S
    )
    assert "Enter a number, e.g. 1250 or 12.5." in page
    assert '<a href="#id_migrants-reached-age_children">Migrants reached · Children</a>' in page
    # The first save was refused: no empty draft is left behind.
    assert not Submission.objects.exists()


def test_bob_cannot_see_or_change_society_as_values(client, alice, bob, society_a, period):
    make_submission(alice, society_a, period, {"migrants-reached": {"total": "5"}})
    login(client, bob)
    assert client.get(submission_url(period, society_a)).status_code == 404
    response = client.post(
        submission_url(period, society_a), values(**{"migrants-reached-total": "9"})
    )
    assert response.status_code == 404
    for action in ["submit", "validate", "return"]:
        assert (
            client.post(workflow_url(period, society_a, action), {"note": "x"}).status_code == 404
        )
    upload = SimpleUploadedFile("values.csv", b"indicator,total\nmigrants-reached,9\n")
    assert client.post(import_url(period, society_a), {"file": upload}).status_code == 404
    assert client.get(import_url(period, society_a) + "?template=1").status_code == 404
    assert DataValue.objects.get().total == 5
    assert Submission.objects.get().status == SubmissionStatus.DRAFT


def test_bob_cannot_start_society_as_submission(client, bob, society_a, period):
    login(client, bob)
    response = client.post(
        submission_url(period, society_a), values(**{"migrants-reached-total": "9"})
    )
    assert response.status_code == 404
    assert not Submission.objects.exists()


def test_visitor_is_asked_to_log_in_for_a_submission(client, society_a, period):
    response = client.get(submission_url(period, society_a))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_edith_does_not_see_a_draft_never_submitted(client, alice, edith, society_a, period):
    make_submission(alice, society_a, period, {"migrants-reached": {"total": "5"}})
    login(client, edith)
    assert client.get(submission_url(period, society_a)).status_code == 404


def test_edith_reads_a_submission_and_validates_it(client, alice, edith, society_a, period):
    make_submission(
        alice, society_a, period, {"migrants-reached": {"total": "5"}}, status="submitted"
    )
    login(client, edith)
    response = client.get(submission_url(period, society_a))
    assert response.status_code == 200
    page = response.content.decode()
    assert "readonly" in field(response, "migrants-reached-total")
    assert ">Save</button>" not in page
    assert "Validate the values" in page
    assert "Return for changes" in page
    # Editors validate or return; they do not change the society's values.
    response = client.post(
        submission_url(period, society_a), values(**{"migrants-reached-total": "9"})
    )
    assert response.status_code == 403
    response = client.post(workflow_url(period, society_a, "validate"))
    assert response.status_code == 302
    assert Submission.objects.get().status == SubmissionStatus.VALIDATED
    assert DataValue.objects.get().total == 5


def test_edith_returns_a_submission_with_a_note_that_alice_reads(
    client, alice, edith, society_a, period
):
    make_submission(
        alice, society_a, period, {"migrants-reached": {"total": "5"}}, status="submitted"
    )
    login(client, edith)
    response = client.post(workflow_url(period, society_a, "return"), {"note": ""}, follow=True)
    assert "Say what the society should change." in response.content.decode()
    assert Submission.objects.get().status == SubmissionStatus.SUBMITTED
    client.post(workflow_url(period, society_a, "return"), {"note": "Is 5 the whole year?"})
    assert Submission.objects.get().status == SubmissionStatus.RETURNED

    login(client, alice)
    response = client.get(submission_url(period, society_a))
    page = response.content.decode()
    assert "Returned for changes" in page
    assert "Is 5 the whole year?" in page
    assert "readonly" not in field(response, "migrants-reached-total")


def test_alice_cannot_validate_her_own_values(client, alice, society_a, period):
    make_submission(
        alice, society_a, period, {"migrants-reached": {"total": "5"}}, status="submitted"
    )
    login(client, alice)
    response = client.post(workflow_url(period, society_a, "validate"))
    assert response.status_code == 403
    assert Submission.objects.get().status == SubmissionStatus.SUBMITTED


def test_alice_saves_and_submits_in_one_step(client, alice, society_a, period):
    login(client, alice)
    response = client.post(
        workflow_url(period, society_a, "submit"), values(**{"migrants-reached-total": "42"})
    )
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.values.get().total == 42
    page = client.get(submission_url(period, society_a)).content.decode()
    assert "The values are with the IFRC editors for validation" in page
    assert ">Save</button>" not in page


def test_save_and_submit_with_a_wrong_value_keeps_the_form(client, alice, society_a, period):
    login(client, alice)
    response = client.post(
        workflow_url(period, society_a, "submit"), values(**{"migrants-reached-total": "4.5"})
    )
    assert response.status_code == 400
    assert "A count is a whole number." in response.content.decode()
    assert 'value="4.5"' in response.content.decode()
    assert not Submission.objects.exists()


def test_submitting_nothing_is_refused_with_a_message(client, alice, society_a, period):
    login(client, alice)
    response = client.post(workflow_url(period, society_a, "submit"), values(), follow=True)
    assert "Enter at least one value before submitting." in response.content.decode()
    assert not Submission.objects.filter(status=SubmissionStatus.SUBMITTED).exists()


def test_the_workflow_is_post_only(client, alice, society_a, period):
    login(client, alice)
    assert client.get(workflow_url(period, society_a, "submit")).status_code == 405


def test_a_closed_period_shows_the_form_read_only_and_refuses_changes(
    client, alice, society_a, closed_period
):
    login(client, alice)
    response = client.get(submission_url(closed_period, society_a))
    page = response.content.decode()
    assert response.status_code == 200
    assert "closed on" in page and "its values can no longer change" in page
    assert "readonly" in field(response, "migrants-reached-total")
    assert ">Save</button>" not in page
    response = client.post(
        submission_url(closed_period, society_a), values(**{"migrants-reached-total": "7"})
    )
    assert response.status_code == 400
    assert 'value="7"' in response.content.decode()
    assert not Submission.objects.exists()


# --- CSV import -------------------------------------------------------------------------------


def upload(text: str):
    return SimpleUploadedFile("values.csv", text.encode("utf-8"), content_type="text/csv")


def test_alice_downloads_the_template_of_the_period(client, alice, society_a, period):
    make_submission(
        alice, society_a, period, {"migrants-reached": {"total": "30", "sex_female": "12"}}
    )
    login(client, alice)
    response = client.get(import_url(period, society_a) + "?template=1")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.getvalue().decode("utf-8-sig").splitlines()
    assert lines[0] == ",".join(services.CSV_COLUMNS)
    empty = "," * (len(services.CSV_COLUMNS) - 1)
    assert lines[1:] == [
        "branches-with-focal-point" + empty,
        lines[2],
        "migration-spending" + empty,
    ]
    assert lines[2].startswith("migrants-reached,30,12,")


def test_the_template_escapes_a_source_note_that_starts_like_a_formula(
    client, alice, society_a, period
):
    values = {"total": "30.00", "source_note": '=HYPERLINK("http://x")'}
    make_submission(alice, society_a, period, {"migrants-reached": values})
    login(client, alice)
    response = client.get(import_url(period, society_a) + "?template=1")
    assert isinstance(response, StreamingHttpResponse)
    rows = csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig")))
    reached = {row["indicator"]: row for row in rows}["migrants-reached"]
    assert reached["total"] == "30"
    assert reached["source_note"] == '\'=HYPERLINK("http://x")'


def test_alice_imports_a_csv_file(client, alice, society_a, period):
    login(client, alice)
    response = client.post(
        import_url(period, society_a),
        {
            "file": upload(
                "indicator,total,female\nmigrants-reached,80,30\nmigration-spending,900,\n"
            )
        },
    )
    assert response.status_code == 302
    saved = {value.indicator.code: value for value in DataValue.objects.all()}
    assert saved["migrants-reached"].sex_female == 30
    assert saved["migration-spending"].total == 900


def test_a_bad_csv_file_lists_each_problem_and_changes_nothing(client, alice, society_a, period):
    make_submission(alice, society_a, period, {"migrants-reached": {"total": "5"}})
    login(client, alice)
    response = client.post(
        import_url(period, society_a),
        {"file": upload("indicator,total\nmigrants-reached,-1\nno-such-thing,4\n")},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "nothing has changed" in page
    assert re.search(
        r'<td class="number">2</td><td><code>total</code></td><td>Enter a number that is not '
        r"negative\.</td>",
        page,
    )
    assert re.search(r'<td class="number">3</td><td><code>indicator</code></td>', page)
    assert DataValue.objects.get().total == 5


def test_an_import_without_a_file_is_refused(client, alice, society_a, period):
    login(client, alice)
    response = client.post(import_url(period, society_a), {})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


# --- Completeness -----------------------------------------------------------------------------


@pytest.fixture
def reported(alice, bob, edith, society_a, society_b, period):
    make_submission(
        alice,
        society_a,
        period,
        {"migrants-reached": {"total": "5"}, "migration-spending": {"total": "100"}},
        status="validated",
        editor=edith,
    )
    make_submission(bob, society_b, period, {"migrants-reached": {"total": "7"}})


def test_edith_sees_every_society_and_the_region_totals(client, edith, period, reported):
    login(client, edith)
    response = client.get(completeness_url(period))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Italian Red Cross" in page and "Kenya Red Cross Society" in page
    assert "Validated" in page
    # Kenya's values are a draft never sent: editors see it as not sent, with no link.
    assert submission_url(period, NationalSociety.objects.get(country_id="KEN")) not in page
    assert re.search(r"Europe: societies reporting</th>\s*<td>1 of \d+ sent</td>", page)
    assert re.search(r"Africa: societies reporting</th>\s*<td>0 of \d+ sent</td>", page)


def test_alice_sees_her_own_row_and_the_region_counts_only(client, alice, period, reported):
    login(client, alice)
    response = client.get(completeness_url(period))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Italian Red Cross" in page
    assert "Kenya Red Cross Society" not in page
    assert "Africa: societies reporting" in page
    assert page.count('class="reported"') == 2


def test_bob_sees_his_draft_as_a_draft(client, bob, period, reported):
    login(client, bob)
    page = client.get(completeness_url(period)).content.decode()
    assert "Kenya Red Cross Society" in page and "Italian Red Cross" not in page
    assert "badge-draft" in page


def test_completeness_is_not_for_people_without_a_society(client, period):
    login(client, UserFactory())
    assert client.get(completeness_url(period)).status_code == 403
    client.logout()
    assert client.get(completeness_url(period)).status_code == 302


def test_completeness_filters_by_region(client, edith, period, reported):
    login(client, edith)
    page = client.get(completeness_url(period), {"region": "europe"}).content.decode()
    assert "Italian Red Cross" in page and "Kenya Red Cross Society" not in page
    response = client.get(completeness_url(period), {"region": "atlantis"})
    assert response.status_code == 400


def reporting_societies(edith, period, count):
    """`count` more societies, each with a submission sent to the IFRC."""
    societies = NationalSociety.objects.national_societies().exclude(country_id__in=["ITA", "KEN"])[
        :count
    ]
    for society in societies:
        member = MembershipFactory(society=society).user
        make_submission(
            member, society, period, {"migrants-reached": {"total": "3"}}, status="submitted"
        )
    return list(societies)


@pytest.mark.parametrize("size", [2, 8])
def test_completeness_query_count_does_not_grow_with_the_societies(
    client, edith, alice, period, size, django_assert_max_num_queries
):
    reporting_societies(edith, period, size)
    login(client, edith)
    # Session, user, editors group, two-factor check, memberships, the bell's unread count;
    # then the period, its indicators, and the table's four statements, whatever the number
    # of societies.
    with django_assert_max_num_queries(12):
        response = client.get(completeness_url(period))
    assert response.status_code == 200
    assert response.content.decode().count("badge-submitted") == size
    login(client, alice)
    with django_assert_max_num_queries(12):
        response = client.get(completeness_url(period))
    # Alice sees her own society's row only: none of the others' submitted badges.
    assert response.status_code == 200
    page = response.content.decode()
    assert "Italian Red Cross" in page
    assert page.count("badge-submitted") == 0


# --- Review queue -----------------------------------------------------------------------------


def test_edith_sees_submitted_values_oldest_first(
    client, alice, bob, edith, society_a, society_b, period
):
    make_submission(
        bob, society_b, period, {"migrants-reached": {"total": "1"}}, status="submitted"
    )
    make_submission(
        alice, society_a, period, {"migrants-reached": {"total": "1"}}, status="submitted"
    )
    login(client, edith)
    page = client.get(REVIEW_QUEUE).content.decode()
    assert page.index("Kenya Red Cross Society") < page.index("Italian Red Cross")
    assert "1 of 3" in page


def test_the_review_queue_leaves_out_drafts_and_validated_values(
    client, alice, bob, edith, society_a, society_b, period
):
    make_submission(bob, society_b, period, {"migrants-reached": {"total": "1"}})
    make_submission(
        alice,
        society_a,
        period,
        {"migrants-reached": {"total": "1"}},
        status="validated",
        editor=edith,
    )
    login(client, edith)
    page = client.get(REVIEW_QUEUE).content.decode()
    assert "No submission waits for review." in page


@pytest.mark.parametrize("persona", ["alice", "fiona", "bob"])
def test_the_review_queue_is_for_editors(request, client, persona):
    login(client, request.getfixturevalue(persona))
    assert client.get(REVIEW_QUEUE).status_code == 403


@pytest.mark.parametrize("size", [2, 8])
def test_review_queue_query_count_does_not_grow(
    client, edith, period, size, django_assert_max_num_queries
):
    societies = reporting_societies(edith, period, size)
    login(client, edith)
    # Seven, and the bell's unread count.
    with django_assert_max_num_queries(8):
        response = client.get(REVIEW_QUEUE)
    assert response.status_code == 200
    page = response.content.decode()
    for society in societies:
        assert f"/periods/{period.pk}/{society.slug}/" in page
    assert page.count('<th scope="row">') == size


# --- Lists: query counts ----------------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 6])
def test_guide_and_periods_query_counts_do_not_grow(
    client, edith, size, django_assert_max_num_queries
):
    indicators = [
        make_indicator(edith, code=f"indicator-{number}", name=f"Indicator {number}")
        for number in range(size)
    ]
    for number in range(size):
        make_period(edith, indicators, label=f"P{number}")
    with django_assert_max_num_queries(2):
        response = client.get(INDICATORS)
    assert response.content.decode().count('class="indicator-card') == size
    with django_assert_max_num_queries(1):
        response = client.get(PERIODS)
    assert response.content.decode().count('<th scope="row">') == size


# --- Admin ------------------------------------------------------------------------------------


def test_the_admin_shows_reports_data_read_only(client, admin, alice, society_a, period):
    submission = make_submission(alice, society_a, period, {"migrants-reached": {"total": "5"}})
    login(client, admin)
    for model in ["indicator", "reportingperiod", "submission", "report", "callforpractices"]:
        assert client.get(reverse(f"admin:reports_{model}_changelist")).status_code == 200, model
        assert client.get(reverse(f"admin:reports_{model}_add")).status_code == 403, model
    page = client.get(reverse("admin:reports_submission_change", args=[submission.pk]))
    assert page.status_code == 200
    assert "Save" not in re.findall(
        r'<input type="submit"[^>]*value="([^"]+)"', page.content.decode()
    )


def test_the_admin_validates_through_the_services(client, admin, alice, society_a, period):
    submission = make_submission(
        alice, society_a, period, {"migrants-reached": {"total": "5"}}, status="submitted"
    )
    draft_period = make_period(admin, period.indicators.all(), label="2027")
    draft = make_submission(alice, society_a, draft_period, {"migrants-reached": {"total": "1"}})
    login(client, admin)
    response = client.post(
        reverse("admin:reports_submission_changelist"),
        {"action": "validate", "_selected_action": [submission.pk, draft.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "1 submission validated." in page
    assert "Only a submitted submission can be reviewed" in page
    submission.refresh_from_db()
    draft.refresh_from_db()
    assert (submission.status, draft.status) == (SubmissionStatus.VALIDATED, SubmissionStatus.DRAFT)
