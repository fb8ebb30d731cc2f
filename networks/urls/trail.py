from django.urls import path

from networks.views import trail

urlpatterns = [
    path("routes/<slug:slug>/", trail.route_trail, name="route-trail"),
    path("routes/<slug:slug>/card/", trail.route_card, name="route-card"),
    path("routes/<slug:slug>/export/", trail.route_export, name="route-export"),
    path("routes/<slug:slug>/ask-for-offers/", trail.route_ask_offers, name="route-ask-offers"),
]
