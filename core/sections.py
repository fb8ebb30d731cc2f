"""Sections that other apps add to core's pages, so core imports no other app.

An app registers, in its AppConfig.ready(), a function for a page ("home", "society",
"region"); the function takes the request and the page's object and returns a template name
and its context, or None to add nothing. Core's views render the sections in order.
"""

from collections.abc import Callable

from django.template.loader import render_to_string

Section = Callable[..., tuple[str, dict] | None]
_registry: dict[str, list[Section]] = {"home": [], "society": [], "region": []}


def register(page: str, section: Section) -> None:
    if section not in _registry[page]:
        _registry[page].append(section)


def render_sections(page: str, request, **objects) -> list[str]:
    rendered = []
    for section in _registry[page]:
        result = section(request, **objects)
        if result is not None:
            template_name, context = result
            rendered.append(render_to_string(template_name, context, request=request))
    return rendered
