"""The app's pages, mounted at the site's root: each part keeps its own list."""

from networks.urls import networks, responses, routes

app_name = "networks"

urlpatterns = [*networks.urlpatterns, *routes.urlpatterns, *responses.urlpatterns]
