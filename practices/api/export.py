"""CSV export of a practice list, optionally with a second header row of HXL hashtags."""

import itertools

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext

from core import taxonomy
from core.exports import csv_download

REGION_NAMES = taxonomy.names("region")

# (column, HXL hashtag, value of a practice)
COLUMNS = [
    ("id", "#meta+id", lambda p, url: p.pk),
    ("url", "#meta+url", lambda p, url: url(p)),
    ("kind", "#x_kind", lambda p, url: p.kind),
    ("title", "#activity+name", lambda p, url: p.title),
    ("summary", "#description", lambda p, url: p.summary),
    ("society", "#org+name", lambda p, url: p.society.name),
    ("society_slug", "#org+code", lambda p, url: p.society.slug),
    ("region", "#region+code", lambda p, url: p.region_id or ""),
    ("region_name", "#region+name", lambda p, url: gettext(REGION_NAMES.get(p.region_id, ""))),
    ("countries", "#country+code", lambda p, url: ";".join(p.countries)),
    ("steps", "#x_step", lambda p, url: ";".join(p.steps)),
    ("dimensions", "#x_dimension", lambda p, url: ";".join(p.dimensions)),
    ("support_types", "#x_support_type", lambda p, url: ";".join(p.support_types)),
    ("principles", "#x_principle", lambda p, url: ";".join(p.principles)),
    ("language", "#meta+lang", lambda p, url: p.language),
    ("visibility", "#x_visibility", lambda p, url: p.visibility),
    ("status", "#status", lambda p, url: p.status),
    ("start_year", "#date+start", lambda p, url: p.start_year or ""),
    ("end_year", "#date+end", lambda p, url: p.end_year or ""),
    ("published_at", "#date+published", lambda p, url: _date(p.published_at)),
    ("updated_at", "#date+updated", lambda p, url: _date(p.updated_at)),
]


def _date(value):
    return value.isoformat() if value else ""


def csv_response(queryset, *, request, hxl: bool) -> StreamingHttpResponse:
    """The export as a streamed response (core.exports writes it: byte-order mark, HXL row,
    formula escaping).

    The query runs here, before the response starts: once the status line and the header
    row are sent, a database error could only cut the file short under a 200. An error while
    the rows stream is raised, so the server aborts the transfer rather than end it cleanly.
    """
    practices = queryset.iterator(chunk_size=2000)
    first = next(practices, None)

    def url(practice):
        return request.build_absolute_uri(practice.get_absolute_url())

    def rows():
        if first is None:
            return
        for practice in itertools.chain([first], practices):
            yield [value(practice, url) for _name, _tag, value in COLUMNS]

    stamp = timezone.now().strftime("%Y%m%d")
    suffix = "-hxl" if hxl else ""
    return csv_download(
        rows(),
        header=[name for name, _tag, _value in COLUMNS],
        hxl=[tag for _name, tag, _value in COLUMNS] if hxl else None,
        filename=f"practices-{stamp}{suffix}.csv",
    )
