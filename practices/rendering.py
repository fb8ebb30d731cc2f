"""Turning what users write into HTML that is safe to show to everyone else: search snippets
and the language marks of a text. Markdown is core.markdown's, for every app."""

import nh3
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from practices.models import Language


def safe_snippet(snippet: str) -> SafeString:
    """A search snippet (plain text with the matches in <mark>, from ts_headline) as HTML.

    ts_headline does not escape the text around the marks, so everything is escaped first,
    then only the mark tags are let back in; nh3 then closes any mark left open (a summary
    may itself contain the text "<mark>")."""
    escaped = escape(snippet or "")
    with_marks = escaped.replace("&lt;mark&gt;", "<mark>").replace("&lt;/mark&gt;", "</mark>")
    return mark_safe(nh3.clean(with_marks, tags={"mark"}, attributes={}))


def content_attributes(language: str) -> SafeString:
    """` lang="fr" dir="ltr"`: what marks a text written in `language` (a Language code) so
    that it keeps its own language and direction inside a page in another one (a screen reader
    speaks it in its language, an Arabic title reads right to left on an English page). "Other"
    names no language a browser knows: its direction is read from the text."""
    if language not in Language.values or language == Language.OTHER:
        return mark_safe(' dir="auto"')  # a fixed string
    direction = "rtl" if language == Language.ARABIC else "ltr"
    return format_html(' lang="{}" dir="{}"', language, direction)
