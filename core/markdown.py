"""Markdown that users write, turned into HTML that is safe to show to everyone else: one
renderer for every app (practices' sections, a response's objectives and updates).

Markdown lets users write raw HTML, so its output is only ever shown after nh3 has cleaned it
with a small allow-list: no script, no event handlers, no javascript: links, no images (an image
from another host would tell it who reads the page).

Templates use the `markdown` filter: `{% load text_tags %}{{ text|markdown }}`.
"""

import re

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "blockquote",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener noreferrer nofollow"

# The HTML parser reads everything after one of these tags as the element's raw text, up to its
# closing tag: an unclosed one takes the rest of the section with it (nh3 drops the content of
# script and style, and shows the markup after the others as literal text). These tags are
# dropped before cleaning, so what the user wrote around them stays, as text. Markdown has
# already escaped every "<" outside real tags (code spans, code blocks), so only tags match.
_RAW_TEXT_TAG = re.compile(
    r"</?(?:script|style|template|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext)"
    r"(?=[\s/>]|$)[^>]*>?",
    re.IGNORECASE,
)


class _ShiftHeadings(Treeprocessor):
    # The page already has its h1 and an h2 per section: a "# Heading" the user writes becomes
    # an h3, anything smaller an h4, so the outline of the page stays right.
    def run(self, root):
        for element in root.iter():
            if element.tag in ("h1", "h2"):
                element.tag = "h3"
            elif element.tag in ("h3", "h4", "h5", "h6"):
                element.tag = "h4"


class _ShiftHeadingsExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(_ShiftHeadings(md), "shift_headings", 0)


def render_markdown(text: str) -> SafeString:
    if not text:
        return mark_safe("")
    html = markdown.markdown(
        text, extensions=["tables", "sane_lists", _ShiftHeadingsExtension()], output_format="html"
    )
    cleaned = nh3.clean(
        _drop_raw_text_tags(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
    )
    return mark_safe(cleaned)  # cleaned by nh3 just above


def _drop_raw_text_tags(html: str) -> str:
    # Until nothing changes: dropping "<script>" from "<scr<script>ipt>" makes a new one.
    while True:
        dropped = _RAW_TEXT_TAG.sub("", html)
        if dropped == html:
            return html
        html = dropped
