from django.urls import path

from networks.views import offers, routes

urlpatterns = [
    path("routes/", routes.route_list, name="route-list"),
    path("routes/new/", routes.route_create, name="route-create"),
    path("routes/<slug:slug>/edit/", routes.route_edit, name="route-edit"),
    path("offers/", offers.offer_list, name="offer-list"),
    path("offers/new/", offers.offer_create, name="offer-create"),
    path("offers/<int:pk>/", offers.offer_detail, name="offer-detail"),
    path("offers/<int:pk>/edit/", offers.offer_edit, name="offer-edit"),
    path("offers/<int:pk>/history/", offers.offer_history, name="offer-history"),
    path("offers/<int:pk>/confirm/", offers.offer_confirm, name="offer-confirm"),
    path("offers/<int:pk>/status/", offers.offer_status, name="offer-status"),
]
