"""Template filters for what users write: `{% load practice_tags %}` (taxonomy codes have
core's `taxonomy_tags`)."""

from django import template

from core.markdown import render_markdown
from practices import rendering

register = template.Library()
# core's one renderer, under the name the practice templates have always used.
register.filter("markdown", render_markdown)


@register.filter
def snippet(text):
    return rendering.safe_snippet(text)


@register.simple_tag
def content_attributes(language):
    """`<p{% content_attributes practice.language %}>`: the text's own lang and dir."""
    return rendering.content_attributes(language)
