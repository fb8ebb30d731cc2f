from django import template
from django.http import QueryDict

from practices import rendering

register = template.Library()


@register.filter
def markdown(text):
    return rendering.render_markdown(text)


@register.filter
def snippet(text):
    return rendering.safe_snippet(text)


@register.filter
def term_label(code, name):
    """`{{ code|term_label:"step" }}`: the translated label of a taxonomy code."""
    return rendering.term_label(name, code)


@register.simple_tag
def content_attributes(language):
    """`<p{% content_attributes practice.language %}>`: the text's own lang and dir."""
    return rendering.content_attributes(language)


@register.simple_tag
def catalogue_query(name, value):
    """The catalogue's query string filtered on one value: `?principle=P1`."""
    query = QueryDict(mutable=True)
    query[rendering.TAG_FILTERS.get(name, name)] = value
    return "?" + query.urlencode()
