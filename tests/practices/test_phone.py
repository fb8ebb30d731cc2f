"""The catalogue on a phone (390 by 844 pixels, headless Chromium): the header takes less than a
quarter of the screen, the filters fold away so that the first result is on the first screen,
and nothing of it needs JavaScript. On a wide screen the filters stay in view."""

import pytest
from django.urls import reverse

from practices.models import Status
from tests.browser import log_in
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
CATALOGUE = reverse("practices:catalogue")


@pytest.fixture
def published(alice, edith, society_a):
    for number in range(3):
        make_practice(
            alice, society_a, status=Status.PUBLISHED, editor=edith, title=f"Practice {number}"
        )


def first_screen(page) -> dict:
    return page.evaluate(
        """() => ({
            header: document.querySelector('.site-header').getBoundingClientRect().height,
            result: document.querySelector('.result').getBoundingClientRect().top,
            scroll: document.documentElement.scrollWidth,
        })"""
    )


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_a_visitor_on_a_phone_sees_a_result_on_the_first_screen(
    browser, live_server, published, language
):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}{CATALOGUE}?region=europe&lang={language}")
    measures = first_screen(page)
    assert measures["header"] < PHONE["height"] / 4, measures
    assert measures["result"] < PHONE["height"], measures
    assert measures["scroll"] <= PHONE["width"]
    # The filters are folded under their summary, which opens them (no script needed).
    facets = page.locator(".facets-fold .facet").first
    assert not facets.is_visible()
    page.locator(".facets-fold > summary").click()
    assert facets.is_visible()
    context.close()


def test_alices_longer_header_in_french_still_leaves_three_quarters_of_the_phone(
    browser, live_server, published, alice
):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    log_in(page, live_server.url, alice, next_url=CATALOGUE)
    page.goto(f"{live_server.url}{CATALOGUE}?lang=fr")
    measures = first_screen(page)
    assert measures["header"] < PHONE["height"] / 4, measures
    assert measures["result"] < PHONE["height"], measures
    context.close()


def test_on_a_wide_screen_the_filters_are_in_view_without_their_summary(
    browser, live_server, published
):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}{CATALOGUE}")
    assert page.locator(".facets-fold .facet").first.is_visible()
    assert not page.locator(".facets-fold > summary").is_visible()
    context.close()


def test_on_an_arabic_phone_no_date_breaks_between_its_day_and_its_month(
    browser, live_server, published, society_a
):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    for url in (reverse("core:home"), reverse("core:society_detail", args=[society_a.slug])):
        page.goto(f"{live_server.url}{url}?lang=ar")
        # A date's boxes (one per run of one direction) all on one line.
        lines = page.evaluate(
            """[...document.querySelectorAll('main time')].map(time => new Set(
                [...time.getClientRects()].map(box => Math.round(box.top))).size)"""
        )
        assert lines and set(lines) == {1}, url
    context.close()
