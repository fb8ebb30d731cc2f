"""What members write reaches readers as they wrote it and never as markup: the Atom feed's
plain text, and Markdown sections with a stray tag."""

import xml.etree.ElementTree as ET

from django.urls import reverse

from core.markdown import render_markdown
from practices.models import Status
from tests.practices.factories import make_practice

ATOM = "{http://www.w3.org/2005/Atom}"
IMAGE_WITH_HANDLER = '<img src=x onerror="alert(document.cookie)">'


def test_the_feed_gives_alices_summary_as_plain_text(client, alice, edith, society_a):
    make_practice(
        alice,
        society_a,
        status=Status.PUBLISHED,
        editor=edith,
        title="Tea & <b>talk</b> at the station",
        summary=f"Volunteers welcome people. {IMAGE_WITH_HANDLER}",
    )
    response = client.get(reverse("practices:feed"))
    assert response.status_code == 200
    entry = ET.fromstring(response.content).find(f"{ATOM}entry")
    summary = entry.find(f"{ATOM}summary")
    # A reader shows a text summary as typed; "html" would make it render the image tag.
    assert summary.get("type") == "text"
    assert summary.text == f"Volunteers welcome people. {IMAGE_WITH_HANDLER}"
    title = entry.find(f"{ATOM}title")
    assert title.get("type", "text") == "text"
    assert title.text == "Tea & <b>talk</b> at the station"
    assert not [element for element in entry.iter() if element.get("type") == "html"]


def test_an_unclosed_style_tag_keeps_the_rest_of_the_section():
    html = render_markdown("Before <style> inline\n\nAfter **that**\n\n- a list item")
    assert "<style" not in html
    assert "Before  inline" in html
    assert "<p>After <strong>that</strong></p>" in html
    assert "<li>a list item</li>" in html


def test_an_unclosed_script_tag_keeps_the_rest_of_the_section():
    html = render_markdown("Hello <SCRIPT src=x>\n\nWe met *every* week.")
    assert "script" not in html.lower()
    assert "<p>We met <em>every</em> week.</p>" in html


def test_other_raw_text_tags_do_not_turn_the_rest_into_literal_markup():
    for tag in ("textarea", "title", "iframe", "noscript", "xmp", "plaintext", "template"):
        html = render_markdown(f"Before <{tag}>\n\nAfter **that**")
        assert "<p>After <strong>that</strong></p>" in html, tag
        assert "&lt;" not in html, tag


def test_a_closed_script_is_dropped_and_its_words_stay_harmless_text():
    html = render_markdown("x <script>alert(1)</script> y <scr<script>ipt>alert(2)</script>")
    assert "<script" not in html
    assert "alert(1)" in html
    assert "&lt;script&gt;alert(2)" in html  # rebuilt from pieces, it is only text


def test_a_tag_written_in_code_stays_visible():
    html = render_markdown("Type `<script>` to see it.\n\n    <style>code</style>")
    assert "<code>&lt;script&gt;</code>" in html
    assert "&lt;style&gt;code&lt;/style&gt;" in html
