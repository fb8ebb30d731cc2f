"""Paging the practice list by cursor: every practice a reader sees comes once, in the order of
the offset pages, however deep the page."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from core.api.pagination import KeysetPagination
from practices.models import Practice, Status
from tests.conftest import login
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

LIST = reverse("api:practice-list")


@pytest.fixture
def catalogue(alice, bob, edith, society_a, society_b):
    """Published practices of every audience, some sharing a title or a publication time, and
    society A's practices that are not published (no publication time)."""
    for number, visibility in enumerate(["public", "movement", "public", "ifrc"] * 3):
        make_practice(
            bob,
            society_b,
            status=Status.PUBLISHED,
            editor=edith,
            visibility=visibility,
            title="Shared title" if number % 2 else f"Practice {number}",
        )
    # Two practices published at the same moment: the key goes on to the update and the id.
    same_moment = timezone.now() - timezone.timedelta(days=3)
    Practice.objects.filter(title="Shared title").update(published_at=same_moment)
    make_practice(alice, society_a, title="Alice's draft")
    make_practice(alice, society_a, title="Shared title")
    make_practice(alice, society_a, status=Status.SUBMITTED, title="Alice's submitted practice")


def walk(client, params):
    """Every row of the list by following `next` from the first cursor page, and the pages."""
    response = client.get(LIST, {**params, "cursor": ""})
    rows, pages = [], []
    while True:
        assert response.status_code == 200, response.json()
        body = response.json()
        pages.append(body)
        rows += [row["id"] for row in body["results"]]
        if body["next"] is None:
            return rows, pages
        assert "offset=" not in body["next"]
        response = client.get(body["next"])


def walk_back(client, last_page):
    rows, body = [], last_page
    while body["previous"] is not None:
        body = client.get(body["previous"]).json()
        rows = [row["id"] for row in body["results"]] + rows
    return rows


def offset_order(client, params):
    return [row["id"] for row in client.get(LIST, {**params, "limit": 100}).json()["results"]]


@pytest.mark.parametrize("ordering", ["-published_at", "title"])
@pytest.mark.parametrize("reader", [None, "alice", "bob"])
def test_walking_by_cursor_gives_each_practice_the_reader_sees_once(
    client, catalogue, request, ordering, reader
):
    user = request.getfixturevalue(reader) if reader else None
    if user:
        login(client, user)
    seen = set(Practice.objects.visible_to(user).values_list("id", flat=True))
    params = {"ordering": ordering, "limit": 2}

    rows, pages = walk(client, params)

    assert sorted(rows) == sorted(seen)
    assert rows == offset_order(client, {"ordering": ordering})
    assert all(page["count"] == len(seen) for page in pages)
    assert pages[0]["previous"] is None
    # Walking back from the last page gives the rows before it in the same order.
    last = len(pages[-1]["results"])
    assert walk_back(client, pages[-1]) == rows[:-last]


def test_alice_walks_past_her_drafts_which_have_no_publication_time(client, catalogue, alice):
    login(client, alice)
    rows, _pages = walk(client, {"limit": 1})
    first = Practice.objects.filter(pk__in=rows[:3])
    assert {practice.published_at for practice in first} == {None}
    assert len(rows) == Practice.objects.visible_to(alice).count()


def test_next_links_carry_a_cursor_past_the_first_rows(client, catalogue, alice, monkeypatch):
    monkeypatch.setattr(KeysetPagination, "cursor_from", 4)
    login(client, alice)
    first = client.get(LIST, {"limit": 2}).json()
    assert "offset=2" in first["next"]
    second = client.get(first["next"]).json()
    assert "cursor=" in second["next"] and "offset" not in second["next"]
    third = client.get(second["next"]).json()
    expected = offset_order(client, {})
    assert [row["id"] for row in third["results"]] == expected[4:6]
    back = client.get(third["previous"]).json()
    assert [row["id"] for row in back["results"]] == expected[2:4]


def test_a_relevance_order_pages_by_offset_only(client, catalogue):
    deep = client.get(LIST, {"q": "practice", "offset": 0, "limit": 1}).json()
    assert "offset=1" in deep["next"]
    response = client.get(LIST, {"q": "practice", "cursor": ""})
    assert response.status_code == 400
    assert "cursor" in response.json()["errors"]


@pytest.mark.parametrize(
    "cursor", ["nonsense", "eyJvIjpbInRpdGxlIiwiaWQiXSwicCI6WyJhIiwxXSwiYiI6MH0:bad:sig", "%00"]
)
def test_a_tampered_cursor_is_a_400_naming_it(client, catalogue, cursor):
    response = client.get(LIST, {"cursor": cursor})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["cursor"]


def test_a_cursor_of_another_order_or_beside_an_offset_is_a_400(client, catalogue):
    by_title = client.get(LIST, {"ordering": "title", "cursor": "", "limit": 2}).json()
    cursor = parse_qs(urlsplit(by_title["next"]).query)["cursor"][0]
    response = client.get(LIST, {"cursor": cursor})
    assert response.status_code == 400
    assert "another order" in response.json()["errors"]["cursor"][0]
    response = client.get(LIST, {"ordering": "title", "cursor": cursor, "offset": 2})
    assert response.status_code == 400
    assert "cursor" in response.json()["errors"]


def test_a_page_too_deep_points_to_the_cursor(client, catalogue):
    response = client.get(LIST, {"offset": 10_001})
    assert response.status_code == 400
    assert "cursor" in response.json()["errors"]["offset"][0]


@pytest.mark.parametrize("limit", [1, 2])
def test_a_cursor_page_runs_two_queries_whatever_its_size(
    client, catalogue, limit, django_assert_num_queries
):
    # The kept counts (practices.tallies) and the rows after the cursor.
    first = client.get(LIST, {"cursor": "", "limit": limit}).json()
    with django_assert_num_queries(2):
        response = client.get(first["next"])
    assert response.status_code == 200
    assert len(response.json()["results"]) == limit
