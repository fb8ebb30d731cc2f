from django.urls import path

from reports.views import data, downloads, history, reports

app_name = "reports"
urlpatterns = [
    # Reports (reports/views/reports.py)
    path("", reports.report_list, name="list"),
    path("new/", reports.report_request, name="request"),
    path("<int:pk>/", reports.report_detail, name="detail"),
    path("<int:pk>/print/", reports.report_print, name="print"),
    path("<int:pk>/download.<str:fmt>", downloads.report_download, name="download"),
    path("<int:pk>/publish/", reports.report_publish, name="publish"),
    path("calls/new/", reports.call_create, name="call_create"),
    path("calls/<int:pk>/", reports.call_detail, name="call"),
    path("calls/<int:pk>/link/", reports.call_link, name="call_link"),
    # Indicators, periods and society submissions (reports/views/data.py)
    path("indicators/", data.indicator_guide, name="indicators"),
    path("indicators/new/", data.indicator_edit, name="indicator_create"),
    path("indicators/<int:pk>/edit/", data.indicator_edit, name="indicator_edit"),
    path("periods/", data.period_list, name="periods"),
    path("periods/new/", data.period_edit, name="period_create"),
    path("periods/<int:pk>/", data.period_detail, name="period"),
    path("periods/<int:pk>/edit/", data.period_edit, name="period_edit"),
    path("periods/<int:pk>/completeness/", data.completeness, name="completeness"),
    path("submissions/", data.review_queue, name="review_queue"),
    path("submissions/<int:pk>/history/", history.submission_history, name="submission_history"),
    path("periods/<int:pk>/<slug:society>/", data.submission_form, name="submission"),
    path(
        "periods/<int:pk>/<slug:society>/import/", data.submission_import, name="submission_import"
    ),
    path(
        "periods/<int:pk>/<slug:society>/<slug:action>/",
        data.submission_workflow,
        name="submission_workflow",
    ),
]
