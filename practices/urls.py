from django.urls import path

from practices import feeds, views

app_name = "practices"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("new/", views.practice_create, name="create"),
    path("mine/", views.my_practices, name="mine"),
    path("review/", views.review_queue, name="review_queue"),
    path("<int:pk>/", views.practice_detail, name="detail"),
    path("<int:pk>/edit/", views.practice_edit, name="edit"),
    path("<int:pk>/history/", views.practice_history, name="history"),
    path("<int:pk>/workflow/<slug:action>/", views.practice_workflow, name="workflow"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment_download, name="attachment"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/remove/",
        views.attachment_remove,
        name="attachment_remove",
    ),
    path("feed/", feeds.LatestPracticesFeed(), name="feed"),
    path("feed/region/<slug:code>/", feeds.RegionPracticesFeed(), name="feed_region"),
    path("feed/principle/<str:code>/", feeds.PrinciplePracticesFeed(), name="feed_principle"),
]
