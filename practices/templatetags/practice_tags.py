"""Template filters for what users write: `{% load practice_tags %}` (taxonomy codes have
core's `taxonomy_tags`)."""

from django import template

from practices import rendering

register = template.Library()


@register.filter
def markdown(text):
    return rendering.render_markdown(text)


@register.filter
def snippet(text):
    return rendering.safe_snippet(text)


@register.simple_tag
def content_attributes(language):
    """`<p{% content_attributes practice.language %}>`: the text's own lang and dir."""
    return rendering.content_attributes(language)
