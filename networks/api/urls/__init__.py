from networks.api.urls import networks, responses, routes

urlpatterns = [*networks.urlpatterns, *routes.urlpatterns, *responses.urlpatterns]
