from django import template

from networks.vocabulary import language_label

register = template.Library()


@register.filter
def spoken_language(code):
    """An ISO 639-1 code's name in the reader's language: {{ code|spoken_language }}."""
    return language_label(code)
