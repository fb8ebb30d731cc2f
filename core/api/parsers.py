"""DRF's parsers, with the limits a body must keep.

core.edge refuses NUL characters and oversized bodies before a view runs, but leaves form
bodies sent with PUT and PATCH (which Django does not parse) and uploads (parsed only once the
view has checked who sends them) to these parsers, which hold them to the same rule. JSON bodies
may not nest deeper than the API needs.
"""

from django.core.exceptions import RequestDataTooBig
from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers, status

from core.edge import flat, nul_in_pairs, nul_message, too_large_message

# No body of this API nests deeper than a few levels (a report's filters, a submission's
# values by indicator).
MAX_JSON_DEPTH = 20


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "request_too_large"


def json_depth(data) -> int:
    """How deeply decoded JSON nests (a scalar is 0, `[]` is 1), counted without recursion."""
    deepest = 0
    pending = [(data, 0)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict | list):
            depth += 1
            deepest = max(deepest, depth)
            pending.extend(
                (item, depth) for item in (value.values() if isinstance(value, dict) else value)
            )
    return deepest


def refuse_nul(field):
    if field is not None:
        raise exceptions.ValidationError({field: [nul_message()]})


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        too_deep = exceptions.ParseError(
            _("JSON parse error: nested deeper than %(depth)s levels.") % {"depth": MAX_JSON_DEPTH}
        )
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            # Python's decoder recurses once per level: 100,000 `[` exhaust its stack.
            raise too_deep from None
        if json_depth(data) > MAX_JSON_DEPTH:
            raise too_deep
        return data  # NUL characters in JSON bodies are refused by core.edge


class FormParser(parsers.FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        refuse_nul(nul_in_pairs(flat(data)))
        return data


class MultiPartParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            parsed = super().parse(stream, media_type, parser_context)
        except RequestDataTooBig:
            raise RequestTooLarge(too_large_message()) from None
        refuse_nul(nul_in_pairs(flat(parsed.data)))
        return parsed
