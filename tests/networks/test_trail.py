"""The trail of a route, on its page: offers per stop and step as each reader may see them,
practice counts linked to the catalogue, gaps, hand-overs, filters, and what editors and
coordinators do from a gap."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import translation

from core.models import Membership, Notification
from networks.route_notifications import OFFERS_WANTED
from networks.trail import build_trail
from tests.conftest import login
from tests.factories import MembershipFactory
from tests.networks.routes_factories import SupportOfferFactory
from tests.networks.trail_fixtures import (
    MOVEMENT_EMAIL,
    MOVEMENT_PHONE,
    italian_practices_fixture,  # noqa: F401 (a fixture)
    offers_fixture,  # noqa: F401
    route_fixture,  # noqa: F401
)

pytestmark = pytest.mark.django_db


def trail_url(route):
    return reverse("networks:route-trail", args=[route.slug])


def cell(trail, country, step):
    stop = next(stop for stop in trail.stops if stop.stop.country_id == country)
    return next(cell for cell in stop.cells if cell.step == step)


def names(cell):
    return [shown.offer.name for shown in cell.offers]


def test_a_visitor_sees_each_stops_active_public_offers_in_its_steps(route, offers):
    trail = build_trail(route, user=AnonymousUser())

    assert [stop.stop.country_id for stop in trail.stops] == ["KEN", "GRC", "ITA"]
    # Steps in the trail's order, whatever order the stop lists them in.
    assert [c.step for c in trail.stops[1].cells] == ["transition-at-borders", "migrant-camps"]
    assert names(cell(trail, "ITA", "arrival")) == ["Arrival help desk", "Legal counselling"]
    assert names(cell(trail, "ITA", "long-term-stay")) == ["Legal counselling"]
    assert names(cell(trail, "GRC", "migrant-camps")) == ["Camp health post"]
    assert names(trail.across) == ["Safe journey hotline"]


def test_bob_also_sees_the_movement_offer_and_its_contacts(route, offers, bob):
    trail = build_trail(route, user=bob)

    arrival = cell(trail, "ITA", "arrival")
    assert "Members' shelter list" in names(arrival)
    legal = next(shown for shown in arrival.offers if shown.offer.name == "Legal counselling")
    assert legal.contacts["phone"] == MOVEMENT_PHONE
    assert not legal.contacts_hidden


def test_a_visitor_gets_no_movement_only_contacts(route, offers):
    arrival = cell(build_trail(route, user=AnonymousUser()), "ITA", "arrival")

    legal = next(shown for shown in arrival.offers if shown.offer.name == "Legal counselling")
    assert legal.contacts_hidden
    assert legal.contacts == {"phone": "", "email": "", "website": "", "address": ""}


def test_a_cell_marks_each_type_of_support_nobody_offers_there_as_a_gap(route, offers):
    trail = build_trail(route, user=AnonymousUser())

    assert cell(trail, "ITA", "arrival").gaps == ["awareness-raising", "advocacy"]
    assert cell(trail, "KEN", "origin").gaps == [
        "awareness-raising",
        "assistance",
        "protection",
        "advocacy",
    ]


def test_the_hand_over_is_the_next_stops_offers_for_the_next_step(route, offers):
    trail = build_trail(route, user=AnonymousUser())

    kenya, greece, italy = trail.stops
    # From the origin, Greece's first step; from the camps, Italy's arrival.
    assert kenya.handover.stop is greece
    assert kenya.handover.cell.step == "transition-at-borders"
    assert greece.handover.cell.step == "arrival"
    assert names(greece.handover.cell) == ["Arrival help desk", "Legal counselling"]
    assert italy.handover is None


def test_practice_counts_are_the_published_practices_the_reader_sees(
    route, offers, italian_practices, alice
):
    visitor = build_trail(route, user=AnonymousUser())
    assert cell(visitor, "ITA", "arrival").practices == 2
    assert visitor.across.practices == 1
    # Alice's society's draft is not published: the count is the catalogue's.
    assert cell(build_trail(route, user=alice), "ITA", "arrival").practices == 2
    assert cell(visitor, "GRC", "migrant-camps").practices == 0


def test_a_visitor_follows_a_practice_count_to_the_catalogue_filtered_on_country_and_step(
    client, route, offers, italian_practices
):
    url = cell(build_trail(route, user=AnonymousUser()), "ITA", "arrival").practices_url
    assert url == reverse("practices:catalogue") + "?country=ITA&step=arrival"

    page = client.get(url)
    assert page.status_code == 200
    assert "Restoring family links at the border" in page.content.decode()


def test_the_trail_page_shows_stops_offers_gaps_and_hand_overs(client, route, offers):
    response = client.get(trail_url(route))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Stop 3: Italy" in page
    assert "Arrival help desk" in page
    assert "Gap: no offer of Advocacy" in page
    assert "Next: Italy, Arrival. Hand over to:" in page
    assert "Members&#x27; shelter list" not in page
    assert "Closed winter shelter" not in page


def test_movement_only_contacts_stay_hidden_from_a_visitor_on_the_page(client, route, offers):
    page = client.get(trail_url(route)).content.decode()

    assert MOVEMENT_PHONE not in page
    assert MOVEMENT_EMAIL not in page
    assert "Log in to see them." in page


def test_bob_sees_movement_only_contacts_on_the_page(client, route, offers, bob):
    login(client, bob)
    page = client.get(trail_url(route)).content.decode()

    assert MOVEMENT_PHONE in page
    assert "Members&#x27; shelter list" in page


def test_a_visitor_filters_the_trail_on_a_type_of_support(client, route, offers):
    response = client.get(trail_url(route), {"support_type": "protection"})

    page = response.content.decode()
    assert "Legal counselling" in page
    assert "Arrival help desk" not in page
    # Gaps are looked for in the types chosen only.
    assert "Gap: no offer of Assistance" not in page
    assert "Gap: no offer of Protection" in page


def test_a_cell_shows_its_most_recently_confirmed_offers_and_links_to_all_of_them(
    client, route, offers, society_a
):
    for number in range(7):
        SupportOfferFactory(society=society_a, name=f"Extra desk {number}", steps=["arrival"])

    arrival = cell(build_trail(route, user=AnonymousUser(), per_cell=5), "ITA", "arrival")

    assert arrival.offer_count == 9
    assert len(arrival.offers) == 5
    assert arrival.offers_url == reverse("networks:offer-list") + "?country=ITA&step=arrival"
    # Gaps look at every offer of the cell, not only those shown.
    assert "protection" not in arrival.gaps
    page = client.get(trail_url(route)).content.decode()
    assert "See all 9 offers" in page


def test_filters_on_target_group_and_language(route, offers):
    by_group = build_trail(route, user=AnonymousUser(), filters={"target_group": ["children"]})
    assert names(cell(by_group, "ITA", "arrival")) == ["Arrival help desk"]

    by_language = build_trail(route, user=AnonymousUser(), filters={"language": ["el"]})
    assert names(cell(by_language, "GRC", "migrant-camps")) == ["Camp health post"]
    assert names(cell(by_language, "ITA", "arrival")) == []


def test_an_unknown_filter_code_is_a_400_that_keeps_what_was_typed(client, route, offers):
    response = client.get(
        trail_url(route), {"support_type": ["protection", "teleportation"], "language": "en"}
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Some filters are not valid" in page
    assert "teleportation" in page
    # The language chosen stays chosen in the form.
    assert '<option value="en" selected>' in page


def test_a_nul_byte_in_a_filter_is_a_400(client, route):
    response = client.get(trail_url(route), {"language": "e\x00n"})

    assert response.status_code == 400


def test_an_unknown_route_is_a_404(client, db):
    assert client.get(reverse("networks:route-trail", args=["nowhere"])).status_code == 404


def test_the_trail_page_reads_right_to_left_in_arabic(client, route, offers):
    with translation.override("ar"):
        response = client.get(trail_url(route), HTTP_ACCEPT_LANGUAGE="ar")

    page = response.content.decode()
    assert 'dir="rtl"' in page
    assert "css/trail.css" in page


@pytest.mark.parametrize("size", [1, 4])
def test_the_trail_page_runs_the_same_queries_whatever_the_number_of_stops_and_offers(
    client, route, offers, society_a, bob, size, django_assert_max_num_queries
):
    for number in range(size * 10):
        SupportOfferFactory(society=society_a, name=f"Extra desk {number}", steps=["arrival"])
    for position in range(4, 4 + size * 3):
        country = ["TUR", "FRA", "DEU"][position % 3]
        route.stops.create(position=position, country_id=country, steps=["arrival"])
    # Visitor: the route, the trail's data versions, its stops, the first offers of each cell
    # (with counts), those offers, the practice counts of each country and step (kept in
    # practices' tally), those across the trail.
    with django_assert_max_num_queries(7):
        assert client.get(trail_url(route)).status_code == 200
    # Again, on the same data: the route and the data versions; the trail is the one built.
    with django_assert_max_num_queries(2):
        assert client.get(trail_url(route)).status_code == 200
    login(client, bob)
    # Logged in: the session, the user, their societies and groups, whether they edit the
    # route, the header's unread notifications, the same seven, and their society's
    # practices beyond what every member sees (counted from the rows).
    with django_assert_max_num_queries(15):
        assert client.get(trail_url(route)).status_code == 200


# --- From a gap ------------------------------------------------------------------------------


def ask(client, route, **data):
    return client.post(
        reverse("networks:route-ask-offers", args=[route.slug]),
        {"position": 3, "step": "arrival", "support_type": "advocacy", **data},
    )


def test_edith_sees_what_to_do_about_a_gap_and_a_visitor_does_not(client, route, offers, edith):
    assert "Ask the societies of" not in client.get(trail_url(route)).content.decode()
    login(client, edith)
    page = client.get(trail_url(route)).content.decode()

    assert "Ask the societies of Italy to add their offers" in page
    assert reverse("reports:call_create") + "?step=arrival&amp;region=europe" in page


def test_nadia_asks_italys_focal_points_for_offers_once_per_gap(
    client, route, offers, nadia, fiona
):
    login(client, nadia)
    ask(client, route)
    ask(client, route)

    told = Notification.objects.filter(kind=OFFERS_WANTED)
    assert [notification.recipient for notification in told] == [fiona]


def test_bob_cannot_ask_for_offers_on_a_route_he_does_not_coordinate(client, route, bob, fiona):
    login(client, bob)

    assert ask(client, route).status_code == 403
    assert not Notification.objects.filter(kind=OFFERS_WANTED).exists()


def test_asking_for_a_step_the_stop_does_not_carry_says_so(client, route, edith, fiona):
    login(client, edith)
    response = ask(client, route, step="origin")

    assert response.status_code == 302
    follow = client.get(response["Location"]).content.decode()
    assert "This stop does not carry that step of the trail." in follow
    assert not Notification.objects.filter(kind=OFFERS_WANTED).exists()


def test_only_focal_points_of_that_countrys_societies_are_asked(
    client, route, edith, fiona, alice, bob, society_b
):
    kenya_focal_point = MembershipFactory(
        user__email="kenyan-focal@example.org", society=society_b, role=Membership.Role.FOCAL_POINT
    ).user
    login(client, edith)
    ask(client, route)

    recipients = set(
        Notification.objects.filter(kind=OFFERS_WANTED).values_list("recipient", flat=True)
    )
    assert recipients == {fiona.pk}
    assert kenya_focal_point.pk not in recipients
