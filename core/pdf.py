"""Printable pages as PDF files, drawn on the server by WeasyPrint from the same template as
the page's print view, in the reader's language (Arabic right to left, with its letters joined
by Pango and HarfBuzz).

A view that offers a print view also offers its PDF:

    def guideline_version_print(request, slug, number):
        version = get_object_or_404(GuidelineVersion.objects.visible_to(request.user), ...)
        context = {"version": version}
        if request.GET.get("format") == "pdf":
            return pdf_response("advocacy/version_print.html", context, request=request,
                                filename=f"{version.guideline.slug}-v{version.number}.pdf")
        return render(request, "advocacy/version_print.html", context)

The template extends "print/base.html" (A4 pages, the site's language and direction). The PDF
is drawn from what the reader may see: pass it the same objects as the print view.

WeasyPrint fetches nothing from the network: stylesheets and images are read from the project's
static files, and any other address is refused, so a link in someone's text cannot make the
server call out.
"""

from __future__ import annotations

import functools
import mimetypes
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header


@functools.cache
def _static_files_fetcher_class():
    # Built on first use: importing WeasyPrint loads Pango (most of a second), which processes
    # that draw no PDF need not pay for.
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesOnly(URLFetcher):
        """Reads the site's static files from disk and refuses any other address (WeasyPrint
        then draws the page without it, and logs a warning)."""

        def fetch(self, url, headers=None):
            path = urlsplit(url).path
            if not path.startswith(settings.STATIC_URL):
                raise ValueError(f"a PDF only reads the site's static files, not {url}")
            found = finders.find(path.removeprefix(settings.STATIC_URL))
            if not found:
                raise ValueError(f"no static file at {path}")
            content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
            with open(found, "rb") as file:
                return URLFetcherResponse(url, file.read(), {"Content-Type": content_type})

    return StaticFilesOnly


def static_files_fetcher():
    return _static_files_fetcher_class()()


def render_pdf(html: str, *, base_url: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url, url_fetcher=static_files_fetcher()).write_pdf()


def pdf_response(template_name: str, context: dict, *, request, filename: str) -> HttpResponse:
    """The template rendered for this request, as a PDF file named `filename`."""
    html = render_to_string(template_name, {**context, "pdf": True}, request=request)
    response = HttpResponse(
        render_pdf(html, base_url=request.build_absolute_uri("/")),
        content_type="application/pdf",
    )
    # Shown in the browser's own viewer, and saved under `filename`.
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response
