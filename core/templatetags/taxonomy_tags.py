"""Template filters for taxonomy codes, shared by every app's pages: `{% load taxonomy_tags %}`."""

from django import template
from django.http import QueryDict

from core import taxonomy

register = template.Library()


@register.filter
def term_label(code, name):
    """`{{ code|term_label:"step" }}`: the translated label of a taxonomy code."""
    return taxonomy.term_label(name, code)


@register.simple_tag
def catalogue_query(name, value):
    """The catalogue's query string filtered on one value: `?principle=P1`."""
    query = QueryDict(mutable=True)
    query[taxonomy.vocabulary_name(name)] = value
    return "?" + query.urlencode()
