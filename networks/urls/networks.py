from django.urls import path

from networks.views import network_edit
from networks.views import networks as views

urlpatterns = [
    path("networks/", views.network_list, name="list"),
    # Before the network pages, so that "new" is never read as a network's slug.
    path("networks/new/", network_edit.network_create, name="create"),
    path("networks/<slug:slug>/", views.network_detail, name="detail"),
    path("networks/<slug:slug>/edit/", network_edit.network_edit, name="edit"),
    path("networks/<slug:slug>/manage/", views.network_manage, name="manage"),
    path("networks/<slug:slug>/history/", views.network_history, name="history"),
    path("networks/<slug:slug>/join/", views.network_join, name="join"),
    path("networks/<slug:slug>/leave/", views.network_leave, name="leave"),
    path("networks/<slug:slug>/invite/", views.network_invite, name="invite"),
    path(
        "networks/<slug:slug>/requests/<int:pk>/<slug:action>/",
        views.network_request_step,
        name="request_step",
    ),
    path(
        "networks/<slug:slug>/members/<slug:society_slug>/remove/",
        views.network_member_remove,
        name="member_remove",
    ),
    path(
        "networks/<slug:slug>/coordinators/", views.coordinator_appoint, name="coordinator_appoint"
    ),
    path(
        "networks/<slug:slug>/coordinators/<int:pk>/remove/",
        views.coordinator_remove,
        name="coordinator_remove",
    ),
]
