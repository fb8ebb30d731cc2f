from django.urls import path

from advocacy import feeds, views

app_name = "advocacy"

VERSION = "<slug:slug>/v<int:number>/"
urlpatterns = [
    path("", views.guideline_list, name="list"),
    path("new/", views.guideline_create, name="create"),
    path("feed/", feeds.PublishedVersionsFeed(), name="feed"),
    path("translators/", views.translators, name="translators"),
    path("translators/<int:pk>/remove/", views.translator_remove, name="translator_remove"),
    path("<slug:slug>/", views.guideline_detail, name="detail"),
    path("<slug:slug>/edit/", views.guideline_edit, name="edit"),
    path("<slug:slug>/diff/", views.version_diff_page, name="diff"),
    path("<slug:slug>/history/", views.guideline_history, name="history"),
    path("<slug:slug>/versions/new/", views.version_create, name="version_create"),
    path(VERSION, views.version_detail, name="version"),
    path(VERSION + "print/", views.version_print, name="version_print"),
    path(VERSION + "workflow/<slug:action>/", views.version_workflow, name="version_workflow"),
    path(VERSION + "sections/new/", views.section_edit, name="section_create"),
    path(VERSION + "sections/<slug:key>/", views.section_edit, name="section_edit"),
    path(VERSION + "sections/<slug:key>/remove/", views.section_remove, name="section_remove"),
    path(VERSION + "parameters/new/", views.parameter_edit, name="parameter_create"),
    path(VERSION + "parameters/<slug:key>/", views.parameter_edit, name="parameter_edit"),
    path(
        VERSION + "parameters/<slug:key>/remove/",
        views.parameter_remove,
        name="parameter_remove",
    ),
    path(
        VERSION + "translations/<str:language>/<slug:key>/",
        views.translation_edit,
        name="translation",
    ),
    path(
        VERSION + "translations/<str:language>/<slug:key>/approve/",
        views.translation_approve,
        name="translation_approve",
    ),
]
