"""The edge of the site: input no view can store is refused here, not by a 500.

PostgreSQL text cannot hold a NUL character (the driver raises DataError, which would be a
500), and no form, filter or JSON field has a use for one. So a NUL anywhere a request carries
text (the path, a query parameter, a form field, a JSON key or string at any depth, a header) is
answered with a 400 naming the field: JSON under /api/, the site's 400 page elsewhere. A cookie
with one is dropped. A body larger than the site accepts is answered 413 before it is read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from importlib import import_module
from typing import Any

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig
from django.db import DataError
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


def nul_field(data: Any) -> str | None:
    """The first field of decoded JSON whose key or string value holds a NUL, as a dotted path
    (`filters.society`, `rows.3.note`), or None. Walks without recursion, so no nesting depth
    can exhaust the stack."""
    pending: list[tuple[str, Any]] = [("", data)]
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


def flat(querydict) -> Iterator[tuple[str, Any]]:
    """Every (name, value) pair of a QueryDict, a name given several values once per value."""
    for name, values in querydict.lists():
        for value in values:
            yield name, value


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
    bodies of unknown length (411) before any view or parser sees them.

    A form posted from a page is let through to its view, so that the form answers: Django's
    form fields refuse a NUL themselves, beside the field, and keep everything that was typed.
    Should the view pass the NUL on to the database instead, the DataError that follows becomes
    the same 400 naming the field, here, rather than a 500. (The API's form bodies other than
    POST ones, and its uploads, are checked by its parsers: core.api.parsers.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            response = self.refusal_before_view(request)
        except RequestDataTooBig:
            response = refusal(request, status=413, message=too_large_message())
        return response or self.get_response(request)

    def process_exception(self, request, exception):
        field = getattr(request, "nul_form_field", None)
        if field is not None and isinstance(exception, DataError):
            return nul_refusal(request, field)
        return None

    def refusal_before_view(self, request):
        if "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            # Django would read a body of unknown length whole, past every size limit.
            return refusal(
                request, status=411, message=_("Send the request with a Content-Length.")
            )
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > largest_request_bytes():
            raise RequestDataTooBig()
        api = request.path.startswith("/api/")
        if api and request.content_type != "multipart/form-data":
            # Reading the body checks its size: a 413 here, not an error inside a parser.
            request.body  # noqa: B018
        self.forget_broken_cookies(request)
        field = (
            nul_in_pairs([("path", request.path)])
            or nul_in_pairs(self.headers(request))
            or nul_in_pairs(flat(request.GET))
        )
        if field is None and api and is_json(request):
            field = json_nul_field(request.body)
        # An upload to the API is parsed once its sender is known to be allowed: DRF's parser
        # (core.api.parsers) checks its fields. Django drops unprintable characters from the
        # names of uploaded files itself.
        api_upload = api and request.content_type == "multipart/form-data"
        if field is None and request.method == "POST" and not api_upload:
            form_field = nul_in_pairs(flat(request.POST))
            if form_field is not None and not api:
                request.nul_form_field = form_field
                return None
            field = form_field
        return None if field is None else nul_refusal(request, field)

    @staticmethod
    def forget_broken_cookies(request) -> None:
        """A cookie holding a NUL is treated as never sent: the browser, not the person, wrote
        it, and a 400 on every page would lock them out. A broken session cookie gives a new,
        empty session (the response then deletes the cookie)."""
        broken = [name for name, value in request.COOKIES.items() if NUL in name + value]
        for name in broken:
            if name == settings.SESSION_COOKIE_NAME and hasattr(request, "session"):
                request.session = import_module(settings.SESSION_ENGINE).SessionStore()
            else:
                del request.COOKIES[name]

    @staticmethod
    def headers(request) -> Iterator[tuple[str, str]]:
        for key, value in request.META.items():
            if key.startswith("HTTP_") and key != "HTTP_COOKIE":
                yield key[5:].replace("_", "-").title(), value


def nul_refusal(request, field: str):
    if request.path.startswith("/api/"):
        return refusal(
            request, status=400, message=_("Invalid input."), errors={field: [nul_message()]}
        )
    from core.views import bad_request

    return bad_request(request, RefusedInput(field_message(field)))


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
