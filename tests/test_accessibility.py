"""axe-core over the site's main pages in a real browser, in English and in Arabic (right to
left), on a laptop's screen and a phone's: no violation of WCAG 2.2 A and AA, of axe's best
practices or of its experimental rules.

axe-core comes from npm (package-lock.json; `make test` installs it) and is loaded from
node_modules into each page, never from a CDN. The API docs page is checked as far as it is
ours: Swagger UI's own interface is left out."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from advocacy.services import adaptations as adaptation_services
from advocacy.services import guidelines as guideline_services
from advocacy.services import translations as translation_services
from networks.services import responses as response_services
from practices.models import Status
from reports import services as report_services
from reports.models import Report, ReportStatus
from tests.advocacy.factories import publish_through_services
from tests.browser import log_in
from tests.conftest import service_unavailable
from tests.networks.response_factories import make_response
from tests.networks.routes_factories import RouteFactory, RouteStopFactory, SupportOfferFactory
from tests.practices.factories import make_practice

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": [
            "wcag2a",
            "wcag2aa",
            "wcag21a",
            "wcag21aa",
            "wcag22aa",
            "best-practice",
            "experimental",
        ],
    },
    "resultTypes": ["violations"],
}
# A laptop and a phone: the header and the filters are laid out anew on a narrow screen.
SCREENS = [(1366, 900), (390, 844)]

# The live server needs committed rows, so these tests run outside a rolled-back transaction
# and their tables are flushed afterwards.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(alice, bob, edith, fiona, society_a, society_b, network):
    """Published practices (one in French), one waiting for review, a published overview
    whose heat map has gaps, a published guideline, a network, and an active cross-national
    response with an update."""
    published = {"status": Status.PUBLISHED, "editor": edith}
    practice = make_practice(
        alice, society_a, **published, title="Welcome desks for families", steps=["arrival"]
    )
    make_practice(
        alice,
        society_a,
        **published,
        title="Accueil des familles migrantes",
        summary="Des bénévoles accueillent les familles à leur arrivée.",
        language="fr",
        steps=["arrival", "long-term-stay"],
    )
    make_practice(bob, society_b, **published, steps=["origin"], countries=["KEN"])
    make_practice(bob, society_b, status=Status.SUBMITTED, title="Cash for transport home")
    report, _created = report_services.request_report(
        actor=edith, kind="practices-overview", threshold=2
    )
    report.refresh_from_db()  # compiled as the request committed: tasks run in-process
    assert report.status == ReportStatus.DONE
    report_services.publish_report(report=report, actor=edith)
    guideline = guideline_services.create_guideline(
        actor=edith, data={"title": "Humanitarian access for migrants", "principles": ["P1"]}
    )
    sections = {"asks": ("Asks", "States should guarantee access.")}
    publish_through_services(guideline, edith, sections, parameters=["national-law"])
    translation_services.save_translation(
        version=guideline.versions.get(),
        section_key="asks",
        language="ar",
        actor=edith,
        heading="المطالب",
        text="يجب على الدول ضمان الوصول.",
    )
    publish_through_services(guideline, edith, {"asks": ("Asks", "States must guarantee access.")})
    adaptation = adaptation_services.create_adaptation(
        guideline=guideline, actor=alice, society=society_a, language="it"
    )
    adaptation_services.submit_adaptation(adaptation=adaptation, actor=alice)
    adaptation_services.approve_adaptation(adaptation=adaptation, actor=edith)
    adaptation_services.publish_adaptation(adaptation=adaptation, actor=alice)
    offer = SupportOfferFactory(society=society_a, place="Lampedusa", languages=["ar", "ti"])
    route = RouteFactory(
        slug="central-mediterranean", name="Central Mediterranean", networks=[network]
    )
    RouteStopFactory(route=route, position=1, country_id="LBY", steps=["transition-at-borders"])
    RouteStopFactory(route=route, position=2, country_id="ITA", steps=["arrival"])
    # On its trail: an offer whose contacts are for the Movement, and one across the trail.
    SupportOfferFactory(society=society_a, name="Arrival desk", contacts_visibility="movement")
    SupportOfferFactory(society=society_a, name="Helpline", steps=["across-the-trail"])
    response = make_response(fiona, society_a, level="global", status="active", editor=edith)
    response_services.post_update(
        response=response,
        actor=fiona,
        data={"happened_on": response.created_at.date(), "body": "**Forty** families traced."},
    )
    return {
        "adaptation": adaptation,
        "offer": offer,
        "route": route,
        "practice": practice,
        "report": Report.objects.get(pk=report.pk),
        "guideline": guideline,
        "network": network,
        "response": response,
    }


def visitor_pages(site, society_a):
    return [
        reverse("core:home"),
        reverse("practices:catalogue"),
        reverse("practices:catalogue") + "?q=families",
        site["practice"].get_absolute_url(),
        reverse("core:society_list"),
        society_a.get_absolute_url(),
        reverse("core:region_detail", args=["europe"]),
        reverse("account_login"),
        reverse("account_signup"),
        reverse("reports:list"),
        reverse("reports:detail", args=[site["report"].pk]),
        reverse("reports:indicators"),
        reverse("networks:list"),
        site["network"].get_absolute_url(),
        reverse("networks:route-list"),
        reverse("networks:offer-list"),
        site["offer"].get_absolute_url(),
        site["route"].get_absolute_url(),
        site["route"].get_absolute_url() + "?support_type=protection&language=ar",
        reverse("networks:route-card", args=[site["route"].slug]),
        reverse("networks:response_list"),
        site["response"].get_absolute_url(),
        reverse("api-docs"),
        reverse("advocacy:list"),
        site["guideline"].get_absolute_url(),
        reverse("advocacy:version", args=[site["guideline"].slug, 2]),
        reverse("advocacy:diff", args=[site["guideline"].slug]) + "?from=1&to=2",
        reverse("advocacy:grid", args=[site["guideline"].slug]),
        reverse("advocacy:translation_grid", args=[site["guideline"].slug]),
        site["adaptation"].get_absolute_url(),
    ]


def axe_violations(page, url: str | None = None) -> list[str]:
    """What axe finds on the page at `url` (or on the page as it is), on a laptop's screen and
    on a phone's, one line per element."""
    if url is not None:
        page.goto(url)
    url = page.url
    context = {"exclude": [["#swagger-ui"]]}
    if url.endswith(reverse("api-docs")):
        page.locator("#swagger-ui .info").wait_for()  # drawn by Swagger UI's script
    page.add_script_tag(path=str(AXE))
    found = []
    for width, height in SCREENS:
        page.set_viewport_size({"width": width, "height": height})
        result = page.evaluate(
            "([context, options]) => axe.run(context, options)", [context, AXE_OPTIONS]
        )
        found += [
            f"{url} at {width} px: {violation['id']} ({violation['impact']}): {node['target']} "
            f"{node['failureSummary'].splitlines()[-1].strip()}"
            for violation in result["violations"]
            for node in violation["nodes"]
        ]
    return found


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_main_pages_have_no_accessibility_violation(
    browser, live_server, site, alice, edith, nadia, fiona, society_a, language
):
    if not AXE.exists():
        service_unavailable(f"{AXE} is missing: `make test` installs it with npm ci")
    base = live_server.url
    found = []
    # Only this context may run the injected axe script: the site's policy forbids inline code.
    options = {"bypass_csp": True, "extra_http_headers": {"Accept-Language": language}}

    context = browser.new_context(**options)
    page = context.new_page()
    for url in visitor_pages(site, society_a):
        found += axe_violations(page, base + url)
    context.close()

    # A person logs in once: a second login in the same half-minute would reuse a TOTP code.
    translation = reverse("advocacy:translation", args=[site["guideline"].slug, 2, "ar", "asks"])
    for user, url, *more in (
        (
            alice,
            reverse("core:profile"),
            reverse("advocacy:adaptation_create", args=[site["guideline"].slug]),
            reverse("networks:offer-create"),
        ),
        (
            edith,
            reverse("practices:review_queue"),
            translation,
            reverse("advocacy:translators"),
            reverse("networks:route-create"),
        ),
        # nadia coordinates the route's network: the trail shows her what to do from a gap.
        (
            nadia,
            reverse("networks:manage", args=[site["network"].slug]),
            site["route"].get_absolute_url(),
        ),
        (fiona, reverse("networks:response_create"), site["response"].get_absolute_url()),
    ):
        context = browser.new_context(bypass_csp=True)
        page = context.new_page()
        log_in(page, base, user, next_url=url)  # in English: it finds fields by their labels
        if language == "en":
            found += axe_violations(page)  # with the message saying who signed in
        context.set_extra_http_headers({"Accept-Language": language})
        for each in [url, *more]:
            found += axe_violations(page, base + each)
        context.close()

    assert not found, f"{len(found)} accessibility violations:\n" + "\n".join(found)
