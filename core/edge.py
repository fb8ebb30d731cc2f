"""The edge of the site: input no view can store is refused before any view runs.

PostgreSQL text cannot hold a NUL character (the driver raises ValueError, which would be a
500), and no form, filter or JSON field has a use for one. So a NUL anywhere a request carries
text (the path, a query parameter, a form field or file name, a JSON key or string at any depth,
a header, a cookie) is answered here with a 400 naming the field: JSON under /api/, the site's
400 page elsewhere. A body larger than the site accepts is answered 413 before it is read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig
from django.http import HttpRequest, JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

NUL = "\x00"


class RefusedInput(BadRequest):
    """Input refused at the edge; its message is written for the person who sent it."""


def nul_message() -> str:
    # Django's own wording (and translations) for the same rule in its form fields.
    return _("Null characters are not allowed.")


def nul_field(data: Any, prefix: str = "") -> str | None:
    """The first field of decoded JSON whose key or string value holds a NUL, as a dotted path
    (`filters.society`, `rows.3.note`), or None. Walks without recursion, so no nesting depth
    can exhaust the stack."""
    pending: list[tuple[str, Any]] = [(prefix, data)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, str):
            if NUL in value:
                return path or "body"
        elif isinstance(value, dict):
            for key, item in value.items():
                child = f"{path}.{key}" if path else str(key)
                if NUL in str(key):
                    return printable(child)
                pending.append((child, item))
        elif isinstance(value, list):
            pending.extend(
                (f"{path}.{index}" if path else str(index), item)
                for index, item in enumerate(value)
            )
    return None


def nul_in_pairs(pairs: Iterable[tuple[str, Any]]) -> str | None:
    """The first name whose own text or value holds a NUL, among (name, value) pairs."""
    for name, value in pairs:
        if NUL in name or (isinstance(value, str) and NUL in value):
            return printable(name)
    return None


def printable(name: str) -> str:
    return name.replace(NUL, "\\0")


def refusal(request: HttpRequest, *, status: int, message: str, errors=None):
    """JSON under /api/ ({"detail", "errors"}), the site's 400 page elsewhere."""
    if request.path.startswith("/api/"):
        body: dict[str, Any] = {"detail": message}
        if errors:
            body["errors"] = errors
        return JsonResponse(body, status=status)
    return render(request, "400.html", {"message": message}, status=status)


def largest_request_bytes() -> int:
    """The largest body accepted: one attachment plus the form fields sent with it."""
    return settings.UPLOAD_MAX_BYTES + settings.DATA_UPLOAD_MAX_MEMORY_SIZE


class EdgeMiddleware:
    """Refuses NUL characters (400 naming the field), bodies over the size limits (413) and
    bodies of unknown length (411) before any view or parser sees them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            response = self.check(request)
        except RequestDataTooBig:
            response = refusal(request, status=413, message=too_large_message())
        return response or self.get_response(request)

    def check(self, request):
        if "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            # Django reads a body of unknown length whole, past every size limit.
            return refusal(
                request, status=411, message=_("Send the request with a Content-Length.")
            )
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > largest_request_bytes():
            raise RequestDataTooBig()
        field = (
            nul_in_pairs([("path", request.path)])
            or nul_in_pairs(self.headers(request))
            or nul_in_pairs(request.COOKIES.items())
            or nul_in_pairs(self.flat(request.GET))
        )
        if field is None and request.method == "POST":
            field = nul_in_pairs(self.flat(request.POST)) or nul_in_pairs(
                (name, upload.name or "") for name, upload in self.flat(request.FILES)
            )
        if request.path.startswith("/api/") and request.content_type != "multipart/form-data":
            # Reading the body checks its size: 413 here, not an error inside a parser.
            body = request.body
            if field is None and is_json(request):
                field = json_nul_field(body)
        if field is None:
            return None
        if request.path.startswith("/api/"):
            return refusal(
                request,
                status=400,
                message=_("Invalid input."),
                errors={field: [nul_message()]},
            )
        from core.views import bad_request

        return bad_request(request, RefusedInput(field_message(field)))

    @staticmethod
    def headers(request) -> Iterator[tuple[str, str]]:
        for key, value in request.META.items():
            if key.startswith("HTTP_"):
                yield key[5:].replace("_", "-").title(), value

    @staticmethod
    def flat(querydict) -> Iterator[tuple[str, Any]]:
        for name, values in querydict.lists():
            for value in values:
                yield name, value


def field_message(field: str) -> str:
    return _("The field “%(field)s” contains a null character, which is not allowed.") % {
        "field": field
    }


def too_large_message() -> str:
    return _("The request is larger than the %(size)s allowed.") % {
        "size": filesizeformat(largest_request_bytes())
    }


def is_json(request) -> bool:
    return request.content_type == "application/json" or request.content_type.endswith("+json")


def json_nul_field(body: bytes) -> str | None:
    """The field of a JSON body holding a NUL (written `\\u0000` in JSON), or None. Decodes
    only when one may be there; a body that does not decode is left to the API's parser,
    which answers 400 with the reason."""
    if b"\\u0000" not in body:
        return None
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return None
    return nul_field(data)
