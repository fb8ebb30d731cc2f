from django.urls import path

from advocacy import adaptation_views, feeds, views

app_name = "advocacy"

VERSION = "<slug:slug>/v<int:number>/"
ADAPTATION = "<slug:slug>/adaptations/<int:pk>/"
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
    path("<slug:slug>/grid/", adaptation_views.adaptation_grid, name="grid"),
    path(
        "<slug:slug>/grid/translations/",
        adaptation_views.translation_grid,
        name="translation_grid",
    ),
    path("<slug:slug>/endorse/", adaptation_views.endorse, name="endorse"),
    path(
        "<slug:slug>/endorsement/close/",
        adaptation_views.endorsement_close,
        name="endorsement_close",
    ),
    path(
        "<slug:slug>/adaptations/new/",
        adaptation_views.adaptation_create,
        name="adaptation_create",
    ),
    path(ADAPTATION, adaptation_views.adaptation_detail, name="adaptation"),
    path(ADAPTATION + "edit/", adaptation_views.adaptation_edit, name="adaptation_edit"),
    path(ADAPTATION + "print/", adaptation_views.adaptation_print, name="adaptation_print"),
    path(
        ADAPTATION + "carry-forward/",
        adaptation_views.adaptation_carry_forward,
        name="adaptation_carry_forward",
    ),
    path(
        ADAPTATION + "workflow/<slug:action>/",
        adaptation_views.adaptation_workflow,
        name="adaptation_workflow",
    ),
]
