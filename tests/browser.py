"""Driving Debian's Chromium through Playwright: the browser's flags and logging in as a
persona (with the two-factor code when the persona has one). The `browser` fixture is in
tests/conftest.py."""

import time
from pathlib import Path

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse

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
