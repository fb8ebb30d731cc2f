"""The one CSV writer: every CSV file the platform hands out is written here.

A file starts with a UTF-8 byte-order mark (spreadsheet programs then read Arabic and accents
right), then the header row and, for HXL, a row of hashtags. Rows are streamed as they are
written, so a long export never sits whole in memory.

A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a
formula (OWASP "CSV injection"): such a text cell gets a leading single quote, which the
spreadsheet shows as text. Only text is escaped: a number passed as a number (int, float,
Decimal) is written as one, so -12 stays -12 and sums in the sheet still work.

An app exports with::

    from core.exports import csv_download

    return csv_download(rows, header=["id", "title"], hxl=["#meta+id", "#activity+name"],
                        filename="practices-20250101.csv")
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from django.http import StreamingHttpResponse
from django.utils.http import content_disposition_header

BYTE_ORDER_MARK = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPE = "text/csv; charset=utf-8"


def escape_cell(value):
    """A cell as it is safe to write: text that a spreadsheet would run as a formula is
    prefixed with a single quote; numbers are left alone (a Decimal in plain notation: its
    str() may be 1E+3); None is an empty cell."""
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


class _Echo:
    """The csv module's writer writes into this and gets the line back, for streaming."""

    def write(self, value):
        return value


def csv_lines(
    rows: Iterable[Sequence], *, header: Sequence[str], hxl: Sequence[str] | None = None
) -> Iterator[str]:
    """The file line by line: byte-order mark and header, the HXL row if given, then each row
    as the iterable yields it (a generator is read only as the response is sent)."""
    writer = csv.writer(_Echo())
    yield BYTE_ORDER_MARK + writer.writerow([escape_cell(name) for name in header])
    if hxl:
        yield writer.writerow([escape_cell(tag) for tag in hxl])
    for row in rows:
        yield writer.writerow([escape_cell(cell) for cell in row])


def safe_filename(name: str) -> str:
    """A download name without path separators, quotes or control characters: anything but
    letters, digits, `.`, `-` and `_` becomes `-` (letters of any script stay)."""
    name = re.sub(r"[^\w.-]+", "-", name).strip("-.")
    return name or "export.csv"


def csv_download(
    rows: Iterable[Sequence],
    *,
    header: Sequence[str],
    filename: str,
    hxl: Sequence[str] | None = None,
) -> StreamingHttpResponse:
    """The CSV file as a streamed attachment named `filename`.

    Whatever can fail (a query, a permission check) should run before this is called: once
    the status line is sent, an error while the rows stream can only cut the file short.
    """
    response = StreamingHttpResponse(
        csv_lines(rows, header=header, hxl=hxl), content_type=CONTENT_TYPE
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=safe_filename(filename)
    )
    return response
