from django.urls import path

from networks import feeds
from networks.views import responses as views

urlpatterns = [
    path("responses/", views.response_list, name="response_list"),
    path("responses/new/", views.response_create, name="response_create"),
    path("responses/<int:pk>/", views.response_detail, name="response_detail"),
    path("responses/<int:pk>/edit/", views.response_edit, name="response_edit"),
    path("responses/<int:pk>/history/", views.response_history, name="response_history"),
    path("responses/<int:pk>/feed/", feeds.ResponseUpdatesFeed(), name="response_feed"),
    path(
        "responses/<int:pk>/workflow/<slug:action>/",
        views.response_workflow,
        name="response_workflow",
    ),
    path("responses/<int:pk>/join/", views.response_join, name="response_join"),
    path("responses/<int:pk>/invite/", views.response_invite, name="response_invite"),
    path(
        "responses/<int:pk>/participants/<int:participant_pk>/<slug:action>/",
        views.participant_step,
        name="response_participant",
    ),
    path("responses/<int:pk>/updates/new/", views.update_create, name="response_update_create"),
    path("responses/<int:pk>/practices/", views.practice_link, name="response_practice_link"),
    path(
        "responses/<int:pk>/practices/<int:link_pk>/remove/",
        views.practice_unlink,
        name="response_practice_unlink",
    ),
]
