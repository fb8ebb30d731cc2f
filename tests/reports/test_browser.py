"""One journey through a real browser (headless Chromium, Debian's): edith asks for a practices
overview, waits for it, and sees its charts."""

import re

import pytest
from django.db import connections
from django.urls import reverse

from core.reference import sync_reference_data
from practices.models import Status
from reports.models import Report, ReportStatus
from tests.conftest import service_unavailable
from tests.practices.factories import make_practice
from tests.practices.test_browser import CHROMIUM, CHROMIUM_ARGS, log_in

# The live server needs committed rows, so this test runs outside a rolled-back transaction
# and its tables are flushed afterwards.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def reference_data_kept(django_db_setup, django_db_blocker):
    """The flush after a transactional test also empties the reference data the migrations
    loaded (regions, societies, the editors group): put it back for the tests that follow."""
    yield
    with django_db_blocker.unblock():
        sync_reference_data()
        connections.close_all()  # as after every test, or the test database cannot be dropped


@pytest.fixture
def browser(reference_data_kept, monkeypatch):
    if not CHROMIUM.exists():
        service_unavailable(f"{CHROMIUM} is not installed: no browser to test with")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread: Django then refuses
    # database calls here unless told they are safe (they are: nothing else runs on the loop).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # While the loop runs, Django keeps this thread's connections apart from the usual
        # ones; close them now, or they outlive the test and block dropping the test database.
        connections.close_all()


def test_edith_requests_a_report_waits_for_it_and_sees_its_charts(
    browser, live_server, alice, bob, edith, society_a, society_b
):
    sync_reference_data()  # in case an earlier transactional test flushed it
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
