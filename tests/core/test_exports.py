"""The CSV writer in core.exports, and the API's practice export that uses it."""

import csv
import io
import itertools
from decimal import Decimal

import hxl
import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from core.exports import csv_download, escape_cell, safe_filename
from practices.models import Status
from tests.practices.factories import make_practice

PRACTICES = reverse("api:practice-list")
FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"]


def read_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"), newline="")))


# --- The writer --------------------------------------------------------------------------------


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_a_text_cell_that_starts_like_a_formula_gets_a_quote(start):
    response = csv_download([[f"{start}SUM(A1:A9)", "plain"]], header=["a", "b"], filename="x.csv")
    assert read_rows(response)[1] == [f"'{start}SUM(A1:A9)", "plain"]


def test_a_formula_start_inside_a_cell_is_left_alone():
    assert escape_cell("1+1=2") == "1+1=2"
    assert escape_cell(" =1") == " =1"
    assert escape_cell("") == ""


def test_a_negative_number_stays_a_number_and_negative_text_is_escaped():
    rows = [[-12, -0.25, Decimal("-3.50"), Decimal("1E+3"), "-12", None]]
    response = csv_download(rows, header=list("abcdef"), filename="x.csv")
    assert read_rows(response)[1] == ["-12", "-0.25", "-3.50", "1000", "'-12", ""]


def test_the_file_has_one_byte_order_mark_then_the_header_and_the_hxl_row():
    response = csv_download(
        [["1", "Ali"], ["2", "Ana"]],
        header=["id", "name"],
        hxl=["#meta+id", "#contact+name"],
        filename="x.csv",
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = response.getvalue()
    assert body.startswith("\ufeffid,name\r\n#meta+id,#contact+name\r\n".encode())
    assert body.decode("utf-8").count("\ufeff") == 1


def test_rows_are_read_only_as_the_response_is_sent():
    produced = []

    def rows():
        for number in itertools.count():  # an endless export: only streaming can send it
            produced.append(number)
            yield [number, f"row {number}"]

    response = csv_download(rows(), header=["n", "label"], filename="big.csv")
    assert isinstance(response, StreamingHttpResponse)
    assert produced == []
    chunks = iter(response.streaming_content)
    assert next(chunks) == "\ufeffn,label\r\n".encode()
    assert next(chunks) == b"0,row 0\r\n"
    assert next(chunks) == b"1,row 1\r\n"
    assert produced == [0, 1]


def test_the_download_name_cannot_break_out_of_its_header():
    response = csv_download([], header=["a"], filename='2025 "H1"/..\\\r\nSet-Cookie: x.csv')
    assert response["Content-Disposition"] == ('attachment; filename="2025-H1-..-Set-Cookie-x.csv"')
    assert safe_filename("../..") == "export.csv"
    assert (
        "filename*=utf-8''"
        in csv_download([], header=["a"], filename="تقرير.csv")["Content-Disposition"]
    )


# --- The API's practice export ----------------------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_a_practice_title_that_starts_like_a_formula_arrives_escaped(
    client, alice, edith, society_a, start
):
    title = f'{start}HYPERLINK("http://x")'
    make_practice(
        alice, society_a, status=Status.PUBLISHED, editor=edith, title=title, summary="@SUM(1)"
    )
    response = client.get(PRACTICES, {"format": "csv"})
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    header, row = read_rows(response)
    assert row[header.index("title")] == f"'{title}"
    assert row[header.index("summary")] == "'@SUM(1)"
    assert row[header.index("id")].isdigit()


def test_the_practice_export_with_hxl_reads_as_hxl(client, alice, edith, society_a):
    for title in ("Family links", "=Shelter"):
        make_practice(alice, society_a, status=Status.PUBLISHED, editor=edith, title=title)
    response = client.get(PRACTICES, {"format": "csv", "hxl": "1"})
    dataset = hxl.data(io.BytesIO(response.getvalue()))
    assert "#activity+name" in [column.display_tag for column in dataset.columns]
    assert "#org+code" in [column.display_tag for column in dataset.columns]
    titles = sorted(row.get("#activity+name") for row in dataset)
    assert titles == ["'=Shelter", "Family links"]


# --- ?format= in the URL wins over Accept -------------------------------------------------------


def test_format_csv_in_the_url_wins_over_accept_json(client, alice, edith, society_a):
    make_practice(alice, society_a, status=Status.PUBLISHED, editor=edith)
    response = client.get(PRACTICES, {"format": "csv"}, headers={"Accept": "application/json"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert len(read_rows(response)) == 2


def test_format_json_in_the_url_wins_over_accept_csv(client, alice, edith, society_a):
    make_practice(alice, society_a, status=Status.PUBLISHED, editor=edith)
    response = client.get(PRACTICES, {"format": "json"}, headers={"Accept": "text/csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["count"] == 1


def test_accept_csv_without_a_format_exports(client, db):
    response = client.get(PRACTICES, headers={"Accept": "text/csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_an_accept_the_list_cannot_produce_is_still_a_406(client, db):
    response = client.get(PRACTICES, headers={"Accept": "application/xml"})
    assert response.status_code == 406
    response = client.get(PRACTICES, {"format": "xml"}, headers={"Accept": "application/json"})
    assert response.status_code == 406
    assert "csv" in response.json()["detail"]
