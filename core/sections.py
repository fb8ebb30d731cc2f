"""Sections that other apps add to core's pages, so core imports no other app.

An app registers, in its AppConfig.ready(), a function for a page ("home", "society",
"region", and "network", the networks app's page for a network, where later apps add their
blocks); the function takes the request and the page's object and returns a template name and
its context, or None to add nothing. The page's view renders the sections in order.
"""

from collections.abc import Callable

from django.template.loader import render_to_string

Section = Callable[..., tuple[str, dict] | None]
_registry: dict[str, list[Section]] = {
    "home": [],
    "society": [],
    "region": [],
    "network": [],
}


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
