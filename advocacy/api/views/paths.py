"""The parts of the guideline API's addresses below a guideline, with their schema parameters."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter

NUMBER = r"versions/(?P<number>[0-9]{1,6})"
KEY = r"(?P<key>[a-z0-9]+(?:-[a-z0-9]+)*)"
LANGUAGE = r"(?P<language>fr|es|ar)"
PATH_PARAMETERS = {
    "number": OpenApiParameter("number", int, OpenApiParameter.PATH, description="Version"),
    "key": OpenApiParameter("key", str, OpenApiParameter.PATH, description="Stable key"),
    "language": OpenApiParameter("language", str, OpenApiParameter.PATH, enum=["fr", "es", "ar"]),
}


def path_parameters(*names):
    return [PATH_PARAMETERS[name] for name in names]
