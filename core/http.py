"""Small answers every app's views give the same way: where to go back to after a form, and
a stored file handed to a reader who may see it."""

from __future__ import annotations

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request, default: str) -> str:
    """The posted `next` (the page the form was sent from) when it stays on this site, else
    `default`: a `next` pointing elsewhere would make the site an open redirect."""
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return default


def file_download(file: FieldFile, *, filename: str, content_type: str) -> FileResponse:
    """A stored upload as a download. Call it only after the object holding the file was found
    through its model's `visible_to(user)` queryset: media files are never served directly.

    Always an attachment under the name the user gave it, with the type checked on upload
    (core.uploads) and `nosniff`, so a browser never runs a file as a page of this site. A file
    missing from storage is a 404, not a 500."""
    try:
        opened = file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        opened, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
