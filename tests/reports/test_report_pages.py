"""Report pages by persona: the list, asking for a report, the report with its progress, charts
and gaps, the downloads, the print view, and publishing."""

import csv
import io
import json
import re

import hxl
import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from practices.models import Status
from reports import charts, services
from reports.models import Report, ReportStatus
from tests.conftest import login
from tests.practices.factories import make_practice
from tests.reports.factories import make_indicator, make_period, make_submission

pytestmark = pytest.mark.django_db

LIST = reverse("reports:list")
REQUEST = reverse("reports:request")


def detail(report):
    return reverse("reports:detail", args=[report.pk])


def download(report, fmt):
    return reverse("reports:download", args=[report.pk, fmt])


def publish(report):
    return reverse("reports:publish", args=[report.pk])


@pytest.fixture
def practices(alice, bob, edith, society_a, society_b):
    published = {"status": Status.PUBLISHED, "editor": edith}
    make_practice(alice, society_a, **published, steps=["arrival"], principles=["P1"])
    make_practice(alice, society_a, **published, steps=["arrival", "return"], principles=["P1"])
    make_practice(
        bob,
        society_b,
        **published,
        kind="operational-element",
        steps=["origin"],
        principles=["P10"],
        countries=["KEN"],
    )
    make_practice(alice, society_a, title="Alice's draft", steps=["origin"])


def compiled(editor, capture, **request) -> Report:
    with capture(execute=True):
        report, _created = services.request_report(actor=editor, **request)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE
    return report


@pytest.fixture
def overview(edith, practices, django_capture_on_commit_callbacks):
    """A finished public overview of smart practices with a gap threshold of 2, unpublished."""
    return compiled(
        edith,
        django_capture_on_commit_callbacks,
        kind="practices-overview",
        threshold=2,
        filters={"kind": ["smart-practice"]},
    )


@pytest.fixture
def published_overview(overview, edith):
    return services.publish_report(report=overview, actor=edith)


@pytest.fixture
def compilation(alice, bob, edith, society_a, society_b, django_capture_on_commit_callbacks):
    """A finished data compilation: one indicator by sex and age, two societies validated."""
    indicator = make_indicator(edith)
    period = make_period(edith, [indicator])
    values = {"total": "100", "sex_female": "60", "sex_male": "40", "age_children": "25"}
    make_submission(
        alice, society_a, period, {indicator.code: values}, status="validated", editor=edith
    )
    make_submission(
        bob, society_b, period, {indicator.code: {"total": "20"}}, status="validated", editor=edith
    )
    return compiled(
        edith, django_capture_on_commit_callbacks, kind="data-compilation", period=period
    )


# --- Who sees what ----------------------------------------------------------------------------


def test_visitor_sees_only_published_public_reports(client, overview, published_overview):
    response = client.get(LIST)
    assert response.status_code == 200
    assert detail(overview) in response.content.decode()
    assert client.get(detail(overview)).status_code == 200


def test_visitor_cannot_see_an_unpublished_report(client, overview):
    assert detail(overview) not in client.get(LIST).content.decode()
    assert client.get(detail(overview)).status_code == 404
    assert client.get(download(overview, "json")).status_code == 404
    assert client.get(reverse("reports:print", args=[overview.pk])).status_code == 404


def test_only_members_see_a_published_movement_report(
    client, alice, edith, practices, django_capture_on_commit_callbacks
):
    report = compiled(
        edith, django_capture_on_commit_callbacks, kind="practices-overview", audience="movement"
    )
    services.publish_report(report=report, actor=edith)
    assert client.get(detail(report)).status_code == 404
    assert detail(report) not in client.get(LIST).content.decode()
    login(client, alice)
    assert client.get(detail(report)).status_code == 200
    assert detail(report) in client.get(LIST).content.decode()


def test_alice_does_not_see_an_unpublished_report_or_the_request_link(client, alice, overview):
    login(client, alice)
    page = client.get(LIST).content.decode()
    assert detail(overview) not in page
    assert REQUEST not in page
    assert client.get(detail(overview)).status_code == 404


def test_edith_sees_every_report_and_the_request_link(client, edith, overview):
    login(client, edith)
    page = client.get(LIST).content.decode()
    assert detail(overview) in page
    assert REQUEST in page
    assert "Not published" in page
    assert "Kind of practice: <bdi>Smart practice</bdi>" in page


# --- Asking for a report ----------------------------------------------------------------------


def test_the_request_form_is_for_editors_only(client, alice):
    assert client.get(REQUEST).status_code == 302  # to the login page
    login(client, alice)
    assert client.get(REQUEST).status_code == 403
    assert client.post(REQUEST, {"kind": "practices-overview"}).status_code == 403
    assert not Report.objects.exists()


def request_data(**overrides):
    data = {"kind": "practices-overview", "audience": "public", "threshold": "3"}
    data.update(overrides)
    return data


def test_edith_requests_a_report_and_lands_on_it(
    client, edith, practices, django_capture_on_commit_callbacks
):
    login(client, edith)
    assert client.get(REQUEST).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REQUEST, request_data(region=["europe"], step=["arrival"]))
    report = Report.objects.get()
    assert response.status_code == 302
    assert response.url == detail(report)
    assert report.filters == {"region": ["europe"], "step": ["arrival"]}
    assert report.requested_by == edith
    page = client.get(response.url).content.decode()
    assert "The report is on its way." in page
    assert "<svg" in page


def test_an_identical_request_tells_edith_the_report_exists(client, edith, overview):
    login(client, edith)
    response = client.post(
        REQUEST, request_data(threshold="2", practice_kind=["smart-practice"]), follow=True
    )
    assert response.redirect_chain[-1][0] == detail(overview)
    assert "exists already" in response.content.decode()
    assert Report.objects.count() == 1


def test_a_bad_request_is_shown_again_with_what_edith_typed(client, edith):
    login(client, edith)
    response = client.post(REQUEST, request_data(threshold="0", q="shelters"))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="shelters"' in page
    assert 'value="0"' in page
    assert "Ensure this value is greater than or equal to 1." in page
    assert not Report.objects.exists()


def test_service_errors_are_shown_beside_their_fields(client, edith):
    login(client, edith)
    response = client.post(REQUEST, request_data(kind="data-compilation", step=["arrival"]))
    assert response.status_code == 400
    page = response.content.decode()
    assert "A data compilation needs a reporting period." in page
    assert "Unknown filter; this report takes: region, society." in page
    assert re.search(r'<input[^>]+name="step" value="arrival"[^>]+checked', page)
    assert not Report.objects.exists()


# --- Progress -------------------------------------------------------------------------------


def test_a_queued_report_shows_its_progress_and_reloads_itself(client, edith, practices):
    # Without running the after-commit work, the report stays queued.
    report, _created = services.request_report(actor=edith, kind="practices-overview")
    login(client, edith)
    page = client.get(detail(report)).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page
    assert '<progress id="report-progress" max="100" value="0">0%</progress>' in page
    assert f'href="{detail(report)}">Reload now</a>' in page
    # No chart yet (the header's bell is the page's only drawing).
    assert "<svg" not in page.split('<main id="main"', 1)[1]
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.RUNNING, progress=80)
    page = client.get(detail(report)).content.decode()
    assert 'value="80"' in page
    assert "being compiled" in page


def test_a_failed_report_shows_its_reason_and_stops_reloading(client, edith, practices):
    report, _created = services.request_report(actor=edith, kind="practices-overview")
    Report.objects.filter(pk=report.pk).update(
        status=ReportStatus.FAILED, error="The compile went past the time limit of 600 seconds."
    )
    login(client, edith)
    page = client.get(detail(report)).content.decode()
    assert "The compile went past the time limit of 600 seconds." in page
    assert "http-equiv" not in page
    assert "<progress" not in page
    assert client.get(download(report, "json")).status_code == 404


# --- Charts and gaps ----------------------------------------------------------------------


def test_the_overview_has_a_chart_and_a_table_for_each_breakdown(client, published_overview):
    page = client.get(detail(published_overview)).content.decode()
    assert page.count('<svg class="chart bar-chart"') == 6
    # The heat map is drawn twice, for wide screens and for phones (the stylesheet picks).
    assert page.count('<svg class="chart heat-map heat-map-wide"') == 1
    assert page.count('<svg class="chart heat-map heat-map-narrow"') == 1
    assert page.count('<details class="chart-table"') == 7
    for title in ["Practices by kind", "Practices by principle", "Share of each dimension"]:
        assert title in page
    # Two smart practices: the longest bar of "by kind" is the whole width.
    assert re.search(r'data-code="smart-practice">\s*<title>Smart practice: 2</title>', page)
    assert '<rect x="0%" y="22" width="100%" height="20"' in page
    assert "social-capital" in page and "100 %" in page  # the only dimension tagged


def test_figures_follow_the_taxonomys_order(client, published_overview):
    # The stored result keeps no key order; the trail's order is the page's and the file's.
    steps = [
        "origin",
        "transition-at-borders",
        "migrant-camps",
        "arrival",
        "long-term-stay",
        "return",
        "across-the-trail",
    ]
    page = client.get(detail(published_overview)).content.decode()
    by_step = page[page.index('id="by-step-heading"') : page.index('id="by-region-heading"')]
    assert re.findall(r'data-code="([^"]+)"', by_step) == steps
    text = client.get(download(published_overview, "csv")).getvalue().decode("utf-8")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert [row[1] for row in rows if row[0] == "by_step"] == steps
    assert [row[1] for row in rows if row[0] == "by_principle"][-2:] == ["P9", "P10"]


def test_gap_cells_link_to_the_catalogue_filtered_on_them(client, published_overview):
    page = client.get(detail(published_overview)).content.decode()
    catalogue = reverse("practices:catalogue")
    # Arrival in Europe has 2 smart practices: not a gap, so not a link.
    assert f'href="{catalogue}?step=arrival&amp;region=europe&amp;kind=smart-practice"' not in page
    gap = f'href="{catalogue}?step=return&amp;region=europe&amp;kind=smart-practice"'
    assert page.count(gap) == 3  # the heat map's cell in each drawing, and the gaps list
    # The cell link's name is its title, holding the count drawn in the cell.
    assert "<title>Return, Europe: 1 practice, a gap. See the catalogue.</title>" in page
    assert page.count('class="heat-gap"') == 2 * 34
    # Principles under the threshold, and P10 flagged as outside the scope.
    gaps = page[page.index('id="gaps-heading"') :]
    assert f'href="{catalogue}?principle=P2&amp;kind=smart-practice"' in gaps
    assert f'href="{catalogue}?principle=P1&amp;kind=smart-practice"' not in gaps
    assert "Outside the report's scope" in page
    assert "P10 · Alleviate migratory pressures on communities of origin" in page


def test_edith_gets_a_call_link_on_each_gap_and_visitors_do_not(client, edith, published_overview):
    call_link = (
        f'href="{reverse("reports:call_create")}?step=return&amp;region=europe'
        f'&amp;report={published_overview.pk}"'
    )
    assert call_link not in client.get(detail(published_overview)).content.decode()
    login(client, edith)
    page = client.get(detail(published_overview)).content.decode()
    assert call_link in page
    assert f"?principle=P2&amp;report={published_overview.pk}" in page


def test_arabic_report_is_right_to_left_with_mirrored_charts(client, published_overview):
    page = client.get(detail(published_overview), headers={"Accept-Language": "ar"}).content
    page = page.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert page.count('direction="rtl"') == 8
    # Bars start at the right edge and grow to the left, under labels on the right.
    by_step = page[page.index('id="by-step-heading"') : page.index('id="by-region-heading"')]
    # Return: 1 practice of the 2 of arrival, so half the width, from the middle to the right.
    assert re.search(r'data-code="return">.*?<rect x="50%" y="\d+" width="50%"', by_step, re.S)
    assert '<text class="chart-label" x="100%" y="13" text-anchor="start"' in page
    assert "أوروبا" in page  # Europe, in the heat map's columns


# --- Data compilation -----------------------------------------------------------------------


def test_the_data_compilation_shows_each_indicator_and_completeness(client, edith, compilation):
    login(client, edith)
    page = client.get(detail(compilation)).content.decode()
    assert "Migrants reached" in page
    assert page.count('<svg class="chart bar-chart"') == 1
    assert "Sum over the societies that reported it." in page
    # Europe: 100 (60 women, 40 men, 25 children); Africa: 20; all regions 120.
    assert re.search(r"<th scope=\"row\">Europe</th>\s*<td class=\"number\">1</td>", page)
    assert '<td class="number">120</td>' in page
    assert "Completeness" in page
    assert "Validated" in page


# --- Downloads ------------------------------------------------------------------------------


def test_json_download_has_the_result_and_its_metadata(client, published_overview):
    response = client.get(download(published_overview, "json"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["result"] == published_overview.result
    assert data["report"]["id"] == published_overview.pk
    assert data["report"]["filters"] == {"kind": ["smart-practice"]}
    assert data["report"]["threshold"] == 2


def test_overview_csv_has_a_bom_and_one_row_per_figure(client, published_overview):
    response = client.get(download(published_overview, "csv"))
    assert isinstance(response, StreamingHttpResponse)
    text = response.getvalue().decode("utf-8")
    assert text.startswith("\ufeffbreakdown,code,label,count")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[1] == ["total", "", "Practices", "2"]
    assert ["by_step", "arrival", "Arrival", "2"] in rows
    assert ["dimension_share", "social-capital", "Social capital", "100.0"] in rows
    assert ["step_region", "return/europe", "Return · Europe", "1"] in rows
    assert len(rows) == 1 + 1 + 2 + 7 + 5 + 4 + 10 + 5 + 35


def test_overview_has_no_hxl_download(client, published_overview):
    assert client.get(download(published_overview, "hxl")).status_code == 404
    assert client.get(download(published_overview, "xlsx")).status_code == 404


def test_a_queued_report_has_no_download(client, edith, practices):
    report, _created = services.request_report(actor=edith, kind="practices-overview")
    login(client, edith)
    assert client.get(download(report, "csv")).status_code == 404


def test_data_compilation_csv_and_hxl(client, edith, compilation):
    login(client, edith)
    text = client.get(download(compilation, "csv")).getvalue().decode("utf-8")
    assert text.startswith("\ufeffperiod,indicator,")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 6  # five regions and the global row
    europe = next(row for row in rows if row["region"] == "europe")
    assert europe["total"] == "100"
    assert (europe["female"], europe["male"], europe["children"]) == ("60", "40", "25")
    assert europe["adults"] == ""
    assert europe["societies_reporting"] == "1"
    world = next(row for row in rows if row["region"] == "global")
    assert world["total"] == "120"
    assert world["source"] == f"http://testserver{detail(compilation)}"

    hxl = client.get(download(compilation, "hxl"))
    assert 'filename="report-' in hxl["Content-Disposition"]
    lines = list(csv.reader(io.StringIO(hxl.getvalue().decode("utf-8").lstrip("\ufeff"))))
    assert lines[0][:3] == ["period", "indicator", "indicator_name"]
    assert lines[1][:3] == ["#date+period", "#indicator+code", "#indicator+name"]
    assert "#region+code" in lines[1]
    assert "#indicator+value+num+f" in lines[1]
    assert "#meta+source" in lines[1]
    assert all(tag.startswith("#") for tag in lines[1])
    assert len(lines) == 2 + 6


def test_data_compilation_hxl_reads_as_hxl(client, edith, compilation):
    login(client, edith)
    response = client.get(download(compilation, "hxl"))
    assert isinstance(response, StreamingHttpResponse)
    dataset = hxl.data(io.BytesIO(response.getvalue()))
    tags = [column.display_tag for column in dataset.columns]
    assert tags[:3] == ["#date+period", "#indicator+code", "#indicator+name"]
    assert {"#region+code", "#indicator+value+num+total", "#indicator+value+num+f"} <= set(tags)
    rows = list(dataset)
    assert len(rows) == 6  # five regions and the global row
    europe = next(row for row in rows if row.get("#region+code") == "europe")
    assert europe.get("#indicator+total") == "100"
    assert (europe.get("#indicator+f"), europe.get("#indicator+children")) == ("60", "25")


# --- Print view ---------------------------------------------------------------------------


def test_print_view_has_the_charts_without_the_site_navigation(client, published_overview):
    response = client.get(reverse("reports:print", args=[published_overview.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="print-view"' in page
    assert "site-header" not in page
    assert page.count('<svg class="chart ') == 7  # the legend's swatches are small SVGs too
    assert page.count('<details class="chart-table" open>') == 7


# --- Publishing -----------------------------------------------------------------------------


def test_edith_publishes_and_unpublishes_from_the_page(client, edith, overview):
    login(client, edith)
    page = client.get(detail(overview)).content.decode()
    assert 'name="action" value="publish"' in page
    response = client.post(publish(overview), {"action": "publish"}, follow=True)
    overview.refresh_from_db()
    assert overview.published_at is not None
    assert "published to its audience" in response.content.decode()
    client.post(publish(overview), {"action": "unpublish"})
    overview.refresh_from_db()
    assert overview.published_at is None


def test_alice_cannot_unpublish_a_report(client, alice, published_overview):
    login(client, alice)
    response = client.post(publish(published_overview), {"action": "unpublish"})
    assert response.status_code == 403
    published_overview.refresh_from_db()
    assert published_overview.published_at is not None


def test_publishing_a_report_for_the_ifrc_is_refused_with_a_message(
    client, edith, practices, django_capture_on_commit_callbacks
):
    report = compiled(
        edith, django_capture_on_commit_callbacks, kind="practices-overview", audience="ifrc"
    )
    login(client, edith)
    assert 'value="publish"' not in client.get(detail(report)).content.decode()
    response = client.post(publish(report), {"action": "publish"}, follow=True)
    assert "it stays internal" in response.content.decode()
    report.refresh_from_db()
    assert report.published_at is None


# --- Query counts ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", [2, 12])
def test_list_query_count_does_not_grow_with_the_reports(
    client, edith, society_a, size, django_assert_max_num_queries
):
    for number in range(size):
        report = Report.objects.create(
            kind="practices-overview",
            filters={"society": [society_a.slug], "region": ["europe"]},
            fingerprint=f"print-{number}",
            status=ReportStatus.DONE,
            result={},
        )
        services.publish_report(report=report, actor=edith)
    # The reports, their count for the pages, and the names of the societies in the filters.
    with django_assert_max_num_queries(3):
        response = client.get(LIST)
    assert response.content.decode().count("Italian Red Cross") == size
    login(client, edith)
    # Logged in: the session, the user, their groups, two-factor state and societies too,
    # and the bell's unread count.
    with django_assert_max_num_queries(9):
        client.get(LIST)


@pytest.mark.parametrize("extra", [0, 10])
def test_report_page_query_count(
    client,
    alice,
    edith,
    society_a,
    practices,
    extra,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):
    for number in range(extra):
        make_practice(
            alice, society_a, status=Status.PUBLISHED, editor=edith, title=f"Practice {number}"
        )
    report = compiled(
        edith,
        django_capture_on_commit_callbacks,
        kind="practices-overview",
        filters={"kind": ["smart-practice"]},
    )
    report = services.publish_report(report=report, actor=edith)
    counted = f"<title>Smart practice: {2 + extra}</title>"
    # The report with its stored result: the figures are not counted again per request.
    with django_assert_max_num_queries(1):
        response = client.get(detail(report))
    assert response.status_code == 200
    assert counted in response.content.decode()
    login(client, edith)
    # Six, and the bell's unread count.
    with django_assert_max_num_queries(7):
        response = client.get(detail(report))
    assert response.status_code == 200
    assert counted in response.content.decode()


def test_report_dates_read_as_the_rest_of_the_site_in_every_language(client, edith, compilation):
    login(client, edith)
    period = compilation.period
    page = client.get(detail(compilation)).content.decode()
    # The period's dates, kept as text in the result, are shown as dates are everywhere.
    opens, closes = (date_format(day, "DATE_FORMAT") for day in (period.opens_on, period.closes_on))
    assert f"({opens} to {closes})" in page
    assert period.opens_on.isoformat() not in page.split("<main", 1)[1].split("</main>")[0]
    arabic = client.get(detail(compilation), headers={"Accept-Language": "ar"}).content.decode()
    created = timezone.localtime(compilation.created_at)
    with translation.override("ar"):
        requested = date_format(created, "DATETIME_FORMAT")
        day = date_format(created, "DATE_FORMAT")
    # Day, month, year as in the site's Arabic dates (not Django's English fallback).
    assert requested.startswith(day + "، ")
    assert f">{requested}</time>" in arabic


# --- Chart geometry (reports/charts.py) -------------------------------------------------------


def items(*values):
    return [
        charts.ChartItem(code=f"c{index}", label=f"Label {index}", value=value)
        for index, value in enumerate(values)
    ]


def test_the_longest_bar_fills_the_width_and_the_others_are_in_proportion():
    chart = charts.bar_chart(items(4, 8, 2))
    # Per cent of the chart's width, so that the chart fits any screen.
    assert [bar.width for bar in chart.bars] == [50, 100, 25]
    assert {bar.x for bar in chart.bars} == {0}
    # Pixels down: each label on its line, its bar under it.
    assert [bar.label_y for bar in chart.bars] == [13, 61, 109]
    assert [bar.bar_y for bar in chart.bars] == [22, 70, 118]
    assert chart.height == 4 + 3 * (18 + 20) + 2 * 10 + 4
    half, longest, quarter = chart.bars
    # A long bar carries its number inside its end; a short one just after it.
    assert (longest.value_x, longest.value_dx, longest.value_anchor) == (100, -6, "end")
    assert (half.value_x, half.value_dx, half.value_anchor) == (50, 6, "start")
    assert longest.value_inside and not half.value_inside and not quarter.value_inside
    assert (chart.label_x, chart.label_anchor) == (0, "start")


def test_right_to_left_bars_grow_from_the_right_with_labels_on_the_right():
    ltr, rtl = charts.bar_chart(items(4, 8, 0)), charts.bar_chart(items(4, 8, 0), rtl=True)
    assert rtl.direction == "rtl" and ltr.direction == "ltr"
    assert rtl.label_x == 100
    for left, right in zip(ltr.bars, rtl.bars, strict=True):
        assert right.width == left.width
        # Mirror images: each bar's far end is as far from the right edge as the English one's
        # is from the left edge, and its number as far off that end the other way.
        assert right.x + right.width == 100 - left.x
        assert right.value_x == 100 - left.value_x
        assert right.value_dx == -left.value_dx
        assert right.value_anchor == left.value_anchor
    # Anchors are in the chart's direction: "start" is a right-to-left label's right edge.
    assert rtl.label_anchor == "start"


def test_zero_and_missing_values_draw_no_bar():
    chart = charts.bar_chart(
        [
            charts.ChartItem("a", "A", 0),
            charts.ChartItem("b", "B", None),
            charts.ChartItem("c", "C", 5, text="5 %"),
        ]
    )
    zero, missing, five = chart.bars
    assert zero.width == 0 and missing.width == 0
    assert (zero.text, missing.text, five.text) == ("0", "—", "5 %")
    assert five.width == 100


def test_a_chart_of_zeros_or_of_nothing_does_not_divide_by_zero():
    assert [bar.width for bar in charts.bar_chart(items(0, 0)).bars] == [0, 0]
    empty = charts.bar_chart([])
    assert empty.bars == [] and empty.height == 2 * charts.BAR_MARGIN


def test_long_labels_are_shortened_and_kept_whole_in_the_tooltip():
    label = "P5 · Link assistance, protection and humanitarian advocacy for migrants"
    bar = charts.bar_chart([charts.ChartItem("P5", label, 1)]).bars[0]
    assert len(bar.label) == charts.LABEL_CHARACTERS
    assert bar.label.endswith("…")
    assert bar.full_label == label


ROWS = [("origin", "Origin"), ("arrival", "Arrival")]
COLUMNS = [("africa", "Sub-Saharan Africa"), ("europe", "Europe"), ("mena", "Middle East")]
COUNTS = {"origin": {"africa": 4, "europe": 0}, "arrival": {"europe": 2, "mena": 1}}


def test_heat_map_cells_are_coloured_by_count_and_gaps_carry_their_link():
    heat = charts.heat_map(
        ROWS, COLUMNS, COUNTS, threshold=2, url_for=lambda step, region: f"?{step}&{region}"
    )
    assert heat.maximum == 4
    origin, arrival = heat.rows
    assert [cell.count for cell in origin] == [4, 0, 0]
    assert origin[0].fill == "#9b0c23" and origin[0].text_fill == "#ffffff"  # the most
    assert origin[1].fill == charts.EMPTY_FILL  # none
    assert arrival[1].fill == "#cb7884" and arrival[1].text_fill == "#1d1d1f"  # half
    assert [(cell.is_gap, cell.url) for cell in arrival] == [
        (True, "?arrival&africa"),
        (False, ""),
        (True, "?arrival&mena"),
    ]
    assert [cell.row + "/" + cell.column for cell in heat.gaps] == [
        "origin/europe",
        "origin/mena",
        "arrival/africa",
        "arrival/mena",
    ]
    assert heat.legend == [(0, charts.EMPTY_FILL), (1, "#e3adb5"), (2, "#cb7884"), (4, "#9b0c23")]
    assert [label.lines for label in heat.column_labels] == [
        ["Sub-Saharan", "Africa"],
        ["Europe"],
        ["Middle East"],
    ]


def test_right_to_left_heat_map_starts_with_the_rightmost_column():
    ltr = charts.heat_map(ROWS, COLUMNS, COUNTS, threshold=1)
    rtl = charts.heat_map(ROWS, COLUMNS, COUNTS, threshold=1, rtl=True)
    assert rtl.width == ltr.width
    for left_row, right_row in zip(ltr.rows, rtl.rows, strict=True):
        for left, right in zip(left_row, right_row, strict=True):
            assert right.x + right.width == ltr.width - left.x
            assert right.count == left.count
    assert rtl.rows[0][0].x > rtl.rows[0][1].x > rtl.rows[0][2].x
    assert rtl.row_labels[0].x == ltr.width - ltr.row_labels[0].x


def test_the_narrow_heat_map_fits_a_phone_with_upright_headings_and_rows_under_their_labels():
    heat = charts.heat_map(ROWS, COLUMNS, COUNTS, threshold=2, narrow=True)
    assert heat.narrow and heat.width == charts.NARROW_HEAT_WIDTH
    # Every column shares the whole width: nothing is left for a label column.
    origin, arrival = heat.rows
    width = (charts.NARROW_HEAT_WIDTH - 2 * charts.HEAT_MARGIN) / 3
    assert [cell.x for cell in origin] == [4, round(4 + width, 2), round(4 + 2 * width, 2)]
    assert origin[-1].x + origin[-1].width == pytest.approx(heat.width - charts.HEAT_MARGIN)
    # A row's label is on its own line just above its cells.
    label = heat.row_labels[1]
    assert label.x == charts.HEAT_MARGIN
    assert label.y < arrival[0].y < label.y + charts.NARROW_HEAT_ROW_LABEL_HEIGHT
    # Headings stand upright over their column's centre, their lines side by side.
    africa = heat.column_labels[0]
    assert [line for line, _x in africa.upright_lines] == ["Sub-Saharan", "Africa"]
    first, second = (x for _line, x in africa.upright_lines)
    assert second - first == charts.HEAT_LINE_HEIGHT
    assert (first + second) / 2 == pytest.approx(origin[0].x + width / 2, abs=0.01)
    assert africa.y < origin[0].y
    assert heat.upright_anchor == "start"
    # The same counts, colours and gaps as the wide drawing.
    wide = charts.heat_map(ROWS, COLUMNS, COUNTS, threshold=2)
    assert [(c.count, c.fill, c.is_gap) for row in heat.rows for c in row] == [
        (c.count, c.fill, c.is_gap) for row in wide.rows for c in row
    ]


def test_the_narrow_right_to_left_heat_map_is_mirrored():
    ltr = charts.heat_map(ROWS, COLUMNS, COUNTS, threshold=1, narrow=True)
    rtl = charts.heat_map(ROWS, COLUMNS, COUNTS, threshold=1, narrow=True, rtl=True)
    for left, right in zip(ltr.rows[0], rtl.rows[0], strict=True):
        assert right.x + right.width == pytest.approx(ltr.width - left.x, abs=0.02)
    assert rtl.row_labels[0].x == ltr.width - charts.HEAT_MARGIN
    # An upright right-to-left heading rises from its end.
    assert rtl.upright_anchor == "end"
