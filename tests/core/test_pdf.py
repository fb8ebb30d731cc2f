"""A print view's PDF: drawn from the template with the site's own stylesheet, in the reader's
language, and never reaching outside the site for what it draws."""

import io

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils import translation
from pypdf import PdfReader

from core.pdf import pdf_response, render_pdf, static_files_fetcher

TEMPLATE = engines["django"].from_string(
    '{% extends "print/base.html" %}{% block title %}Trail card{% endblock %}'
    "{% block content %}<h1>{{ heading }}</h1><p>{{ text }}</p>"
    '<img src="https://example.org/tracker.png" alt="">{% endblock %}'
)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def print_template(monkeypatch):
    # pdf_response renders by name; hand it the template above under a name of its own.
    from core import pdf

    def render(name, context, request=None):
        assert name == "test/print.html"
        return TEMPLATE.render(context, request)

    monkeypatch.setattr(pdf, "render_to_string", render)


def test_a_visitor_gets_the_print_view_as_an_a4_pdf_with_its_text(db, print_template):
    request = RequestFactory().get("/routes/central-mediterranean/card/?format=pdf")
    response = pdf_response(
        "test/print.html",
        {"heading": "Central Mediterranean", "text": "Lampedusa: first aid, phone +39 06 5510"},
        request=request,
        filename="central-mediterranean.pdf",
    )

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="central-mediterranean.pdf"'
    reader = PdfReader(io.BytesIO(response.content))
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    text = pdf_text(response.content)
    assert "Central Mediterranean" in text
    assert "+39 06 5510" in text
    assert "1 / 1" in text  # the page counter of print.css: the site's stylesheet was read


def test_an_arabic_reader_gets_the_pdf_right_to_left(db):
    html = (
        '<html lang="ar" dir="rtl"><body><p style="text-align: start">'
        "الهلال الأحمر</p><p>Phone</p></body></html>"
    )
    with translation.override("ar"):
        content = render_pdf(html, base_url="http://testserver/")

    page = PdfReader(io.BytesIO(content)).pages[0]
    positions = {}

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            positions.setdefault(text.strip(), tm[4])

    page.extract_text(visitor_text=visit)
    arabic_x = next(x for text, x in positions.items() if "Phone" not in text)
    latin_x = positions["Phone"]
    # Right to left: both lines end at the right margin, so the short Latin word starts far
    # to the right of the page's middle.
    assert latin_x > 595 / 2
    assert arabic_x > 595 / 4


def test_a_pdf_never_fetches_an_address_outside_the_site(db):
    with pytest.raises(ValueError, match="only reads the site's static files"):
        static_files_fetcher().fetch("https://example.org/tracker.png")

    # The page still draws, without the outside image.
    content = render_pdf(
        '<p>Still drawn</p><img src="https://example.org/tracker.png" alt="">',
        base_url="http://testserver/",
    )
    assert "Still drawn" in pdf_text(content)
