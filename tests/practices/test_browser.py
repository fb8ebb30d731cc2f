"""One journey through a real browser (headless Chromium, Debian's): alice submits a practice
with an attachment, edith publishes it, a visitor finds it through a facet and downloads the
attachment."""

import re
import time
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.db import connections
from django.urls import reverse

from core.reference import sync_reference_data
from practices.models import Practice, Status
from tests.conftest import service_unavailable
from tests.factories import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PDF_BYTES = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
TITLE = "Welcome desks at the port of Lampedusa"

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


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def totp_code(secret: str) -> str:
    # allauth accepts only the current 30-second step: never hand over a code about to expire.
    if 30 - time.time() % 30 < 3:
        time.sleep(3)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def log_in(page, base_url: str, user, *, next_url: str):
    page.goto(f"{base_url}{reverse('account_login')}?next={next_url}")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("form").get_by_role("button", name="Sign In").click()
    if hasattr(user, "totp_secret"):
        page.get_by_label("Code").fill(totp_code(user.totp_secret))
        page.locator("form").get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"**{next_url}")


def test_alice_submits_edith_publishes_a_visitor_finds_and_downloads(
    browser, live_server, media_root, alice, edith, tmp_path
):
    sync_reference_data()  # in case an earlier transactional test flushed it
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
