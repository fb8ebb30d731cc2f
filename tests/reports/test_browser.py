"""One journey through a real browser (headless Chromium, Debian's): edith asks for a practices
overview, waits for it, and sees its charts."""

import re

import pytest
from django.urls import reverse

from practices.models import Status
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
    # The longest bar spans the bar area; the heat map's gap cells are links.
    assert float(europe.locator("rect").get_attribute("width")) == 380
    assert page.locator("svg.heat-map a.heat-gap").count() == 34
    page.get_by_role("heading", name="Gaps").wait_for()
    context.close()
