"""One journey through a real browser (headless Chromium, Debian's): alice submits a practice
with an attachment, edith publishes it, a visitor finds it through a facet and downloads the
attachment."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from practices.models import Practice, Status
from tests.browser import log_in

PDF_BYTES = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
TITLE = "Welcome desks at the port of Lampedusa"

# The live server needs committed rows, so this test runs outside a rolled-back transaction
# and its tables are flushed afterwards.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_alice_submits_edith_publishes_a_visitor_finds_and_downloads(
    browser, live_server, media_root, alice, edith, tmp_path
):
    base = live_server.url
    report = tmp_path / "Évaluation finale.pdf"
    report.write_bytes(PDF_BYTES)

    # Alice writes the practice, attaches the report and submits it.
    alice_context = browser.new_context()
    page = alice_context.new_page()
    log_in(page, base, alice, next_url=reverse("practices:create"))
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Summary").fill("Volunteers welcome people who land, day and night.")
    page.get_by_label("Activities: what was done").fill("- Blankets\n- Phone calls home")
    page.get_by_label("Countries where it runs").select_option(["ITA"])
    page.get_by_label("Arrival", exact=True).check()
    page.get_by_label("P6 · Build partnerships for migrants").check()
    page.get_by_label("Assistance", exact=True).check()
    page.get_by_label("Social capital").check()
    page.get_by_label("Add an attachment").set_input_files(str(report))
    page.get_by_role("button", name="Save").click()
    page.get_by_text("saved as a draft").wait_for()
    page.get_by_role("button", name="Submit for review").click()
    page.get_by_text("The practice is submitted").wait_for()
    practice = Practice.objects.get(title=TITLE)
    assert practice.status == Status.SUBMITTED
    alice_context.close()

    # Edith publishes it from its page.
    edith_context = browser.new_context()
    page = edith_context.new_page()
    log_in(page, base, edith, next_url=practice.get_absolute_url())
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_text("The practice is published.").wait_for()
    edith_context.close()

    # A visitor narrows the catalogue with a facet, opens the practice and its attachment.
    visitor_context = browser.new_context(accept_downloads=True)
    page = visitor_context.new_page()
    page.goto(base + reverse("practices:catalogue"))
    page.screenshot(path=str(tmp_path / "catalogue.png"), full_page=True)
    page.locator(".facet").get_by_role("link", name=re.compile("P6 · Build partnerships")).click()
    page.wait_for_url(re.compile(r"principle=P6"))
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("heading", name=TITLE).wait_for()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Évaluation finale.pdf").click()
    download = download_info.value
    assert download.suggested_filename == "Évaluation finale.pdf"
    assert Path(download.path()).read_bytes() == PDF_BYTES
    visitor_context.close()
    assert (tmp_path / "catalogue.png").stat().st_size > 0
