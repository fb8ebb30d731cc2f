"""Through a real browser (headless Chromium, Debian's): edith asks for a practices overview,
waits for it, and sees its charts; on a phone, the charts fit the screen."""

import re

import pytest
from django.urls import reverse

from practices.models import Status
from reports import services
from reports.models import Report, ReportStatus
from tests.browser import log_in
from tests.practices.factories import make_practice

# The live server needs committed rows, so this test runs outside a rolled-back transaction
# and its tables are flushed afterwards.
pytestmark = pytest.mark.django_db(transaction=True)


def test_edith_requests_a_report_waits_for_it_and_sees_its_charts(
    browser, live_server, alice, bob, edith, society_a, society_b
):
    published = {"status": Status.PUBLISHED, "editor": edith}
    make_practice(alice, society_a, **published, steps=["arrival"], principles=["P1", "P6"])
    make_practice(alice, society_a, **published, steps=["arrival", "return"], principles=["P1"])
    make_practice(bob, society_b, **published, steps=["origin"], countries=["KEN"])
    make_practice(alice, society_a, steps=["origin"])  # a draft: not counted

    context = browser.new_context()
    page = context.new_page()
    log_in(page, live_server.url, edith, next_url=reverse("reports:request"))
    page.get_by_label("Practices overview").check()
    page.get_by_label("Gap threshold").fill("2")
    page.get_by_role("button", name="Compile the report").click()

    # The report page: it shows its progress until the worker is done, then the charts.
    page.wait_for_url(re.compile(r"/reports/\d+/$"))
    by_region = page.locator("svg.bar-chart", has=page.locator("title", has_text="by region"))
    by_region.wait_for(state="visible", timeout=20_000)
    report = Report.objects.get()
    assert report.status == ReportStatus.DONE
    assert report.requested_by == edith
    europe = by_region.locator('g[data-code="europe"]')
    assert europe.locator("text.chart-label").text_content() == "Europe"
    assert europe.locator("text.chart-value").text_content() == "2"
    assert by_region.locator('g[data-code="africa"] text.chart-value').text_content() == "1"
    # The longest bar spans the width; the heat map's gap cells are links.
    assert europe.locator("rect").get_attribute("width") == "100%"
    assert page.locator("svg.heat-map-wide a.heat-gap").count() == 34
    page.get_by_role("heading", name="Gaps").wait_for()
    context.close()


# Every text of the charts as drawn on the screen: its size in CSS pixels once the SVG is
# scaled, and its box, for the visible charts only (a heat map has a drawing for each width).
CHART_TEXTS = """() => [...document.querySelectorAll('svg.chart')]
  .filter(svg => svg.getBoundingClientRect().width > 0)
  .flatMap(svg => [...svg.querySelectorAll('text')].map(text => {
    const matrix = text.getScreenCTM();
    const box = text.getBoundingClientRect();
    return {
      text: text.textContent,
      size: parseFloat(getComputedStyle(text).fontSize) * Math.hypot(matrix.a, matrix.b),
      left: box.left, right: box.right,
    };
  }))"""


@pytest.mark.parametrize("language", ["en", "ar"])
def test_report_charts_fit_a_phone_and_keep_their_text_readable(
    browser, live_server, alice, edith, society_a, language
):
    published = {"status": Status.PUBLISHED, "editor": edith}
    make_practice(alice, society_a, **published, steps=["arrival"], principles=["P1", "P5"])
    make_practice(alice, society_a, **published, steps=["return"], principles=["P1"])
    report, _created = services.request_report(actor=edith, kind="practices-overview")
    report.refresh_from_db()
    services.publish_report(report=report, actor=edith)

    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server.url}{reverse('reports:detail', args=[report.pk])}?lang={language}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    charts = page.locator("svg.chart")
    visible = [
        charts.nth(index) for index in range(charts.count()) if charts.nth(index).is_visible()
    ]
    assert len(visible) == 7  # six bar charts and the heat map's narrow drawing
    for chart in visible:
        box = chart.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    texts = page.evaluate(CHART_TEXTS)
    assert texts
    for text in texts:
        assert text["size"] >= 12, text
        assert text["left"] >= 0 and text["right"] <= 390, text
    context.close()
