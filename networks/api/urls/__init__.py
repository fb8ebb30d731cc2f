from networks.api.urls import networks, responses, routes, trail

urlpatterns = [
    *networks.urlpatterns,
    *routes.urlpatterns,
    *trail.urlpatterns,
    *responses.urlpatterns,
]
