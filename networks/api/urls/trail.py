from django.urls import path

from networks.api.trail import RouteTrailView

urlpatterns = [
    path("routes/<slug:slug>/trail/", RouteTrailView.as_view(), name="route-trail"),
]
