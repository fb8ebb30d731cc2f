"""A URL that fails on purpose, to show that API server errors answer JSON."""

from django.urls import include, path


def boom(request):
    raise RuntimeError("deliberate failure for the test")


urlpatterns = [
    path("api/v1/boom/", boom),
    path("", include("config.urls")),
]
