"""What every API list with an export shares: `?format=csv` selects the export of a list (the
file itself is written by core.exports), `?hxl=1` adds a row of HXL hashtags, and an error is
answered as JSON even when the export was asked for.

A viewset offers its export with::

    class ThingViewSet(ListExports, viewsets.GenericViewSet):
        renderer_classes = [*viewsets.GenericViewSet.renderer_classes, CSVRenderer]

        def list(self, request, *args, **kwargs):
            hxl = wants_hxl(request)
            if request.accepted_renderer.format == "csv":
                return csv_download(...)
            return super().list(request, *args, **kwargs)
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import renderers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response


class CSVRenderer(renderers.BaseRenderer):
    """Lets `?format=csv` select the export of a list; the view streams the file itself
    (core.exports.csv_download), so this renderer writes nothing."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return b""


def wants_hxl(request) -> bool:
    """Whether `?hxl=1` asks for a row of HXL hashtags under the header; a 400 naming `hxl`
    for anything but 0 or 1."""
    hxl = request.query_params.get("hxl", "0")
    if hxl not in ("0", "1"):
        raise ValidationError({"hxl": [_("Give 1 for a row of HXL hashtags, or 0.")]})
    return hxl == "1"


class ErrorsAsJSON:
    """An error is JSON even when an export was asked for: a client that asked for CSV is
    told what is wrong in words it can read."""

    def finalize_response(self, request, response, *args, **kwargs):
        if isinstance(response, Response) and response.status_code >= 400:
            request.accepted_renderer = renderers.JSONRenderer()
            request.accepted_media_type = "application/json"
        return super().finalize_response(request, response, *args, **kwargs)


class ListExports(ErrorsAsJSON):
    """For a viewset whose list has exports: only the list offers them, so any other action
    asked for in an export format is refused (406) before it runs."""

    export_formats = ("csv",)

    def get_renderers(self):
        if self.action == "list":
            return super().get_renderers()
        return [
            renderer
            for renderer in super().get_renderers()
            if renderer.format not in self.export_formats
        ]
