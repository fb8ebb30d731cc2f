"""The app's pages, mounted at the site's root: each part keeps its own list."""

from networks.urls import networks, responses, routes, trail

app_name = "networks"

# The trail's "routes/<slug>/" comes after the routes' own pages, so "routes/new/" stays theirs.
urlpatterns = [
    *networks.urlpatterns,
    *routes.urlpatterns,
    *trail.urlpatterns,
    *responses.urlpatterns,
]
