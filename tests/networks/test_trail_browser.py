"""One journey along a route's trail in a real browser (headless Chromium, Debian's): a visitor
opens a route, filters it on a type of support and follows a practice count to the catalogue;
fiona adds an offer of her society, confirms it as still accurate, and finds it on the trail."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from networks.models import SupportOffer
from practices.models import Status
from tests.browser import log_in
from tests.networks.routes_factories import RouteFactory, RouteStopFactory, SupportOfferFactory
from tests.practices.factories import make_practice

# The live server needs committed rows, so this test runs outside a rolled-back transaction
# and its tables are flushed afterwards.
pytestmark = pytest.mark.django_db(transaction=True)

PRACTICE = "Welcome desks at the port of Lampedusa"


@pytest.fixture
def central_mediterranean(alice, edith, society_a, society_c):
    route = RouteFactory(slug="central-mediterranean", name="Central Mediterranean route")
    RouteStopFactory(route=route, position=1, country_id="GRC", steps=["migrant-camps"])
    RouteStopFactory(route=route, position=2, country_id="ITA", steps=["arrival"])
    SupportOfferFactory(
        society=society_a, name="Arrival desk", steps=["arrival"], support_types=["assistance"]
    )
    SupportOfferFactory(
        society=society_a, name="Legal aid desk", steps=["arrival"], support_types=["protection"]
    )
    make_practice(
        alice,
        society_a,
        status=Status.PUBLISHED,
        editor=edith,
        title=PRACTICE,
        countries=["ITA"],
        steps=["arrival"],
    )
    return route


def test_a_visitor_filters_the_trail_and_follows_a_practice_count_fiona_adds_an_offer(
    browser, live_server, central_mediterranean, fiona
):
    base = live_server.url
    trail_url = central_mediterranean.get_absolute_url()

    # A visitor opens the route and keeps only protection.
    visitor = browser.new_context()
    page = visitor.new_page()
    page.goto(base + trail_url)
    page.get_by_role("heading", name="Stop 2: Italy").wait_for()
    italy = page.locator("#stop-2 .trail-cells")
    assert italy.get_by_role("link", name="Arrival desk").is_visible()
    page.locator(".trail-filters").get_by_label("Protection", exact=True).check()
    page.get_by_role("button", name="Show", exact=True).click()
    page.wait_for_url(re.compile(r"support_type=protection"))
    assert italy.get_by_role("link", name="Legal aid desk").is_visible()
    assert italy.get_by_text("Arrival desk").count() == 0
    # Greece hands over to Italy's arrival: the legal aid desk.
    assert page.locator("#stop-1 .trail-handover").get_by_text("Legal aid desk").is_visible()

    # Italy's arrival counts one practice: its link opens the catalogue on that country and step.
    italy.get_by_role("link", name="1 published practice").click()
    page.wait_for_url(re.compile(r"/practices/\?country=ITA&step=arrival"))
    page.get_by_role("link", name=PRACTICE).wait_for()
    visitor.close()

    # Fiona adds an offer of her society for people arriving in Italy.
    context = browser.new_context()
    page = context.new_page()
    log_in(page, base, fiona, next_url=reverse("networks:offer-create"))
    page.locator("#id_name").fill("Family tracing corner")
    page.locator("#id_country").select_option("ITA")
    page.locator("#id_steps").get_by_label("Arrival", exact=True).check()
    page.locator("#id_support_types").get_by_label("Protection", exact=True).check()
    page.locator("#id_languages").select_option(["en", "ar"])
    page.locator("#id_phone").fill("+39 06 4711")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The offer is saved.").wait_for()
    offer = SupportOffer.objects.get(name="Family tracing corner")
    assert offer.society_id == fiona.memberships.get().society_id

    # Months later it is stale; she confirms it with one click.
    long_ago = timezone.localdate() - datetime.timedelta(days=400)
    SupportOffer.objects.filter(pk=offer.pk).update(last_confirmed_on=long_ago)
    page.goto(base + trail_url)
    italy = page.locator("#stop-2 .trail-cells")
    italy.get_by_role("link", name="Family tracing corner").wait_for()
    assert italy.get_by_text(re.compile("Not confirmed since")).count() == 1
    page.goto(base + offer.get_absolute_url())
    page.get_by_role("button", name="Still accurate").click()
    page.get_by_text("the offer is confirmed as still accurate").wait_for()
    offer.refresh_from_db()
    assert offer.last_confirmed_on == timezone.localdate()
    assert offer.confirmed_by == fiona

    page.goto(base + trail_url)
    italy.get_by_role("link", name="Family tracing corner").wait_for()
    assert italy.get_by_text(re.compile("Not confirmed since")).count() == 0
    context.close()
