from django.urls import path

from advocacy import feeds
from advocacy.views import adaptations, grid, guidelines, translations, versions

app_name = "advocacy"

VERSION = "<slug:slug>/v<int:number>/"
ADAPTATION = "<slug:slug>/adaptations/<int:pk>/"
urlpatterns = [
    path("", guidelines.guideline_list, name="list"),
    path("new/", guidelines.guideline_create, name="create"),
    path("feed/", feeds.PublishedVersionsFeed(), name="feed"),
    path("translators/", translations.translators, name="translators"),
    path("translators/<int:pk>/remove/", translations.translator_remove, name="translator_remove"),
    path("<slug:slug>/", guidelines.guideline_detail, name="detail"),
    path("<slug:slug>/edit/", guidelines.guideline_edit, name="edit"),
    path("<slug:slug>/diff/", versions.version_diff_page, name="diff"),
    path("<slug:slug>/history/", guidelines.guideline_history, name="history"),
    path("<slug:slug>/versions/new/", versions.version_create, name="version_create"),
    path(VERSION, versions.version_detail, name="version"),
    path(VERSION + "print/", versions.version_print, name="version_print"),
    path(VERSION + "workflow/<slug:action>/", versions.version_workflow, name="version_workflow"),
    path(VERSION + "sections/new/", versions.section_edit, name="section_create"),
    path(VERSION + "sections/<slug:key>/", versions.section_edit, name="section_edit"),
    path(VERSION + "sections/<slug:key>/remove/", versions.section_remove, name="section_remove"),
    path(VERSION + "parameters/new/", versions.parameter_edit, name="parameter_create"),
    path(VERSION + "parameters/<slug:key>/", versions.parameter_edit, name="parameter_edit"),
    path(
        VERSION + "parameters/<slug:key>/remove/",
        versions.parameter_remove,
        name="parameter_remove",
    ),
    path(
        VERSION + "translations/<str:language>/<slug:key>/",
        translations.translation_edit,
        name="translation",
    ),
    path(
        VERSION + "translations/<str:language>/<slug:key>/approve/",
        translations.translation_approve,
        name="translation_approve",
    ),
    path("<slug:slug>/grid/", grid.adaptation_grid, name="grid"),
    path(
        "<slug:slug>/grid/translations/",
        grid.translation_grid,
        name="translation_grid",
    ),
    path("<slug:slug>/endorse/", grid.endorse, name="endorse"),
    path(
        "<slug:slug>/endorsement/close/",
        grid.endorsement_close,
        name="endorsement_close",
    ),
    path(
        "<slug:slug>/adaptations/new/",
        adaptations.adaptation_create,
        name="adaptation_create",
    ),
    path(ADAPTATION, adaptations.adaptation_detail, name="adaptation"),
    path(ADAPTATION + "edit/", adaptations.adaptation_edit, name="adaptation_edit"),
    path(ADAPTATION + "print/", adaptations.adaptation_print, name="adaptation_print"),
    path(
        ADAPTATION + "carry-forward/",
        adaptations.adaptation_carry_forward,
        name="adaptation_carry_forward",
    ),
    path(
        ADAPTATION + "workflow/<slug:action>/",
        adaptations.adaptation_workflow,
        name="adaptation_workflow",
    ),
]
