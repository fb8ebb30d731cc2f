"""No input answers 500: NUL characters anywhere a request carries text, bodies over the size
limits or of unknown length, JSON nested without end, broken CSV files (core/edge.py,
core/api/parsers.py, the CSV import)."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from rest_framework.exceptions import ValidationError

from core.api.parsers import FormParser, MultiPartParser
from practices.models import Status
from reports.models import DataValue, Submission
from tests.conftest import login
from tests.practices.factories import make_practice
from tests.reports.factories import make_indicator, make_period

pytestmark = pytest.mark.django_db

NUL_MESSAGE = "Null characters are not allowed."


def as_user(user) -> Client:
    client = Client()
    login(client, user)
    return client


def post_json(client, url, body, **extra):
    return client.post(url, body, content_type="application/json", **extra)


@pytest.fixture
def period(edith):
    return make_period(edith, [make_indicator(edith)])


def submission_page(period, society):
    return reverse("reports:submission", args=[period.pk, society.slug])


def import_page(period, society):
    return reverse("reports:submission_import", args=[period.pk, society.slug])


@pytest.fixture
def submission(alice, period):
    """Alice's draft submission, started through the API."""
    response = post_json(as_user(alice), reverse("api:submission-list"), {"period": period.pk})
    assert response.status_code == 201, response.json()
    return Submission.objects.get(pk=response.json()["id"])


# --- NUL characters: query parameters and the path ---------------------------------------------


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/practices/?society=%00", "society"),
        ("/api/v1/practices/?q=shelter%00", "q"),
        ("/api/v1/societies/?region=%00", "region"),
        ("/api/v1/practices/%00/", "path"),
    ],
)
def test_a_nul_in_an_api_address_is_a_400_naming_the_field(client, url, field):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Invalid input.", "errors": {field: [NUL_MESSAGE]}}


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/practices/?society=%00", "society"),
        ("/societies/?q=%00", "q"),
        ("/societies/?region=%00", "region"),
        ("/practices/%00/", "path"),
        ("/reports/?kind=a%00b&page=2", "kind"),
        ("/societies/?%00=1", "\\0"),
    ],
)
def test_a_nul_in_a_page_address_is_the_400_page_naming_the_field(client, url, field):
    response = client.get(url)
    assert response.status_code == 400
    page = response.content.decode()
    assert "<h1>Bad request</h1>" in page
    assert f"The field “{field}” contains a null character, which is not allowed." in page


def test_the_400_page_names_the_field_in_the_visitors_language(client):
    page = client.get("/societies/?q=%00", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Le champ « q » contient un caractère nul" in page


def test_a_nul_in_a_header_is_a_400_not_a_database_error(client):
    response = client.get("/api/v1/practices/", HTTP_AUTHORIZATION="Token abc\x00def")
    assert response.status_code == 400
    assert response.json()["errors"] == {"Authorization": [NUL_MESSAGE]}


def test_a_session_cookie_holding_a_nul_is_dropped_and_the_visitor_logged_out(client, alice):
    login(client, alice)
    client.cookies["sessionid"] = "abcdefgh\x00ijkl"
    response = client.get("/practices/mine/")
    assert response.status_code == 302  # to the login page, as for any visitor
    assert response.cookies["sessionid"].value == ""  # deleted
    assert client.get("/societies/").status_code == 200


# --- NUL characters: JSON bodies ------------------------------------------------------------


def test_a_nul_in_a_reports_filters_society_is_a_400_naming_the_field(edith):
    body = {"kind": "practices-overview", "filters": {"society": ["italian\u0000red-cross"]}}
    response = post_json(as_user(edith), reverse("api:report-list"), body)
    assert response.status_code == 400
    assert response.json()["errors"] == {"filters.society.0": [NUL_MESSAGE]}


def test_a_nul_in_a_json_key_is_a_400_naming_it(edith):
    body = '{"kind": "practices-overview", "filters": {"soc\\u0000iety": []}}'
    response = post_json(as_user(edith), reverse("api:report-list"), body)
    assert response.status_code == 400
    assert response.json()["errors"] == {"filters.soc\\0iety": [NUL_MESSAGE]}


def test_an_escaped_backslash_before_u0000_is_no_nul(edith):
    body = {"kind": "practices-overview", "filters": {"society": ["\\u0000"]}}
    response = post_json(as_user(edith), reverse("api:report-list"), body)
    assert "filters.society.0" not in json.dumps(response.json())


def test_a_nul_in_a_submissions_source_note_is_a_400_on_the_api(alice, submission):
    url = reverse("api:submission-detail", args=[submission.pk])
    values = {"migrants-reached": {"total": 10, "source_note": "Registers\u0000"}}
    response = as_user(alice).patch(url, {"values": values}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"values.migrants-reached.source_note": [NUL_MESSAGE]}
    assert not DataValue.objects.exists()


@pytest.mark.parametrize(
    ("parser", "media_type", "body"),
    [
        (FormParser(), "application/x-www-form-urlencoded", b"title=ok&society=%00"),
        (
            MultiPartParser(),
            MULTIPART_CONTENT,
            encode_multipart(BOUNDARY, {"title": "ok", "society": "\x00"}),
        ),
    ],
)
def test_a_form_body_put_or_patched_to_the_api_is_held_to_the_same_rule(parser, media_type, body):
    """Django parses the form bodies of POST requests only (core.edge checks those); DRF parses
    those of PUT and PATCH."""
    request = RequestFactory().patch("/api/v1/", body, content_type=media_type)
    context = {"request": request, "encoding": "utf-8"}
    with pytest.raises(ValidationError) as refused:
        parser.parse(io.BytesIO(body), media_type, context)
    assert refused.value.detail == {"society": [NUL_MESSAGE]}


# --- NUL characters: forms on pages -----------------------------------------------------------


def test_a_nul_in_the_source_note_on_the_form_keeps_what_was_typed(
    client, alice, society_a, period
):
    login(client, alice)
    response = client.post(
        submission_page(period, society_a),
        {"migrants-reached-total": "1234", "migrants-reached-source_note": "Welcome\x00 desks"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert NUL_MESSAGE in page
    assert 'value="1234"' in page
    assert not DataValue.objects.exists()


def test_a_nul_in_a_note_no_form_checks_is_the_400_page_naming_it(client, alice, edith, society_a):
    submitted = make_practice(alice, society_a, status=Status.SUBMITTED)
    login(client, edith)
    response = client.post(
        reverse("practices:workflow", args=[submitted.pk, "request-changes"]),
        {"note": "Please add\x00 results."},
    )
    assert response.status_code == 400
    assert "The field “note” contains a null character" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


# --- Sizes and lengths ------------------------------------------------------------------------


class UnreadBody:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def test_a_body_longer_than_any_form_may_send_is_a_413_before_it_is_read(client, alice):
    response = client.post(
        "/api/v1/practices/1/attachments/",
        content_type="multipart/form-data; boundary=XyZ",
        CONTENT_LENGTH=str(23 * 1024 * 1024),
        **{"wsgi.input": UnreadBody()},
    )
    assert response.status_code == 413
    assert "22.5" in response.json()["detail"]
    page = client.post(
        "/practices/new/",
        content_type="multipart/form-data; boundary=XyZ",
        CONTENT_LENGTH=str(23 * 1024 * 1024),
        **{"wsgi.input": UnreadBody()},
    )
    assert page.status_code == 413
    assert "The request is larger than the 22.5" in page.content.decode()


def test_a_json_body_over_the_size_limit_is_a_413(edith):
    body = {"kind": "practices-overview", "filters": {"society": ["x" * (3 * 1024 * 1024)]}}
    response = post_json(as_user(edith), reverse("api:report-list"), body)
    assert response.status_code == 413
    assert response.json()["detail"].startswith("The request is larger than")


def test_a_form_over_the_size_limit_is_a_413_page(client, alice):
    login(client, alice)
    response = client.post("/practices/new/", {"summary": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 413
    assert "The request is larger than" in response.content.decode()


def test_a_body_of_unknown_length_is_a_411(client):
    response = client.post(
        "/api/v1/reports/", b"{}", content_type="application/json", HTTP_TRANSFER_ENCODING="chunked"
    )
    assert response.status_code == 411
    assert response.json() == {"detail": "Send the request with a Content-Length."}


@pytest.mark.parametrize("depth", [21, 100_000])
def test_json_nested_too_deeply_is_a_400(edith, depth):
    body = '{"kind": "practices-overview", "filters": ' + "[" * depth + "]" * depth + "}"
    response = post_json(as_user(edith), reverse("api:report-list"), body)
    assert response.status_code == 400
    assert "nested deeper than 20 levels" in response.json()["detail"]


def test_json_nested_that_is_cut_short_is_a_400(edith):
    response = post_json(as_user(edith), reverse("api:report-list"), "[" * 100_000)
    assert response.status_code == 400
    assert response.json()["detail"]


# --- CSV import ---------------------------------------------------------------------------------

HEADER = b"indicator,total,female,male,children,source_note"
CSV_INPUTS = {
    "nul": (HEADER + b"\nmigrants-reached,10,,,,Annual\x00survey\n", 2, "source_note"),
    "huge cell": (
        HEADER + b"\nmigrants-reached,10,,,," + b"x" * 131_073 + b"\n",
        2,
        None,
    ),
}
CSV_REASONS = {
    "nul": NUL_MESSAGE,
    "huge cell": "A cell is longer than 131072 characters.",
}


def csv_file(content: bytes):
    return SimpleUploadedFile("values.csv", content, content_type="text/csv")


@pytest.mark.parametrize("case", list(CSV_INPUTS))
def test_a_broken_csv_file_is_a_400_listing_the_problem_on_the_api(alice, submission, case):
    content, row, column = CSV_INPUTS[case]
    response = as_user(alice).post(
        reverse("api:submission-import", args=[submission.pk]), {"file": csv_file(content)}
    )
    assert response.status_code == 400
    assert response.json()["problems"] == [
        {"row": row, "column": column, "reason": CSV_REASONS[case]}
    ]
    assert not DataValue.objects.exists()


@pytest.mark.parametrize("case", list(CSV_INPUTS))
def test_a_broken_csv_file_shows_the_problem_on_the_page(client, alice, society_a, period, case):
    content, _row, _column = CSV_INPUTS[case]
    login(client, alice)
    response = client.post(import_page(period, society_a), {"file": csv_file(content)})
    assert response.status_code == 400
    page = response.content.decode()
    assert CSV_REASONS[case] in page
    assert not DataValue.objects.exists()


def test_a_csv_file_with_cr_line_endings_imports(alice, submission):
    content = HEADER + b"\rmigrants-reached,200,100,90,40,Annual survey\r"
    response = as_user(alice).post(
        reverse("api:submission-import", args=[submission.pk]), {"file": csv_file(content)}
    )
    assert response.status_code == 200, response.json()
    assert response.json()["values"]["migrants-reached"]["total"] == 200
    assert response.json()["values"]["migrants-reached"]["source_note"] == "Annual survey"


def test_a_csv_file_with_cr_line_endings_imports_on_the_page(client, alice, society_a, period):
    login(client, alice)
    content = HEADER + b"\rmigrants-reached,200,100,90,40,\r"
    response = client.post(import_page(period, society_a), {"file": csv_file(content)})
    assert response.status_code == 302
    assert DataValue.objects.get().total == 200


def test_a_nul_in_a_csv_header_is_a_problem_of_row_1(alice, submission):
    response = as_user(alice).post(
        reverse("api:submission-import", args=[submission.pk]),
        {"file": csv_file(b"indicator,total,not\x00e\nmigrants-reached,1,\n")},
    )
    assert response.status_code == 400
    assert response.json()["problems"] == [{"row": 1, "column": "not\\0e", "reason": NUL_MESSAGE}]


def test_an_upload_to_the_api_from_a_visitor_is_refused_before_it_is_read(client, alice, society_a):
    draft = make_practice(alice, society_a)
    response = client.post(
        reverse("api:practice-attachments", args=[draft.pk]),
        content_type=MULTIPART_CONTENT,
        CONTENT_LENGTH=str(1024 * 1024),
        **{"wsgi.input": UnreadBody()},
    )
    assert response.status_code in (401, 403)


def test_a_title_with_a_line_break_makes_a_one_line_email_subject(
    alice, mailoutbox, django_capture_on_commit_callbacks
):
    from types import SimpleNamespace

    from core.notifications import notify

    practice = SimpleNamespace(title="Legal aid\r\nBcc: someone@example.org", pk=1)
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            recipients=[alice],
            kind="practice-submitted",
            key="practice-submitted:line-break",
            template="core/email/practice_submitted",
            context={"practice": practice},
        )
    assert mailoutbox[0].subject == "To review: Legal aid Bcc: someone@example.org"
