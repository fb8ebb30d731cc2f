"""Filters for what users write, in any app: `{% load text_tags %}`.

- `{{ text|markdown }}`: Markdown as safe HTML (core.markdown);
- `{{ response|translated:"title" }}`: a four-language text in the reader's language, English
  where it has none (core.translations).
"""

from django import template

from core import translations
from core.markdown import render_markdown

register = template.Library()
register.filter("markdown", render_markdown)


@register.filter
def translated(obj, field: str) -> str:
    if obj is None:
        return ""
    return translations.translated(obj, field)
