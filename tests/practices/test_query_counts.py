"""Pinned query counts of the practice pages and feeds, each at two data sizes that return
different numbers of rows: a count that held at both sizes does not grow with the data."""

import re

import pytest
from django.urls import reverse

from practices import services
from practices.models import Practice, Status
from tests.conftest import login
from tests.practices.factories import make_practice
from tests.practices.test_pages import result_titles

pytestmark = pytest.mark.django_db

SIZES = [2, 9]


def published(alice, edith, society_a, size, prefix="Practice"):
    return [
        make_practice(
            alice, society_a, status=Status.PUBLISHED, editor=edith, title=f"{prefix} {number}"
        )
        for number in range(size)
    ]


@pytest.mark.parametrize("size", SIZES)
def test_alices_society_practices_query_count_does_not_grow(
    client, alice, bob, edith, society_a, society_b, size, django_assert_max_num_queries
):
    published(alice, edith, society_a, size)
    make_practice(alice, society_a, title="Alice's draft")
    make_practice(bob, society_b, title="Bob's draft")
    login(client, alice)
    # Session, user, her societies; the page of practices, its count, which she may edit;
    # the bell's unread count.
    with django_assert_max_num_queries(8):
        response = client.get(reverse("practices:mine"))
    assert response.status_code == 200
    titles = re.findall(
        r'<td><a href="/practices/\d+/"><bdi[^>]*>([^<]+)</bdi>', response.content.decode()
    )
    assert len(titles) == size + 1
    assert "Alice&#x27;s draft" in titles and "Bob&#x27;s draft" not in titles


@pytest.mark.parametrize("size", SIZES)
def test_edith_review_queue_query_count_does_not_grow(
    client, alice, edith, society_a, size, django_assert_max_num_queries
):
    for number in range(size):
        make_practice(alice, society_a, status=Status.SUBMITTED, title=f"Submitted {number}")
    revised = make_practice(alice, society_a, status=Status.PUBLISHED, editor=edith)
    services.update_practice(practice=revised, actor=alice, data={"title": "Revised title"})
    login(client, edith)
    # Session, user, groups, two-factor state; the page of practices and its count; the
    # bell's unread count.
    with django_assert_max_num_queries(8):
        response = client.get(reverse("practices:review_queue"))
    assert response.status_code == 200
    assert len(result_titles(response)) == size + 1


FEEDS = [
    ("practices:feed", []),
    ("practices:feed_region", ["europe"]),
    ("practices:feed_principle", ["P1"]),
]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("name", "args"), FEEDS)
def test_feed_query_count_does_not_grow(
    client, alice, edith, society_a, name, args, size, django_assert_max_num_queries
):
    practices = published(alice, edith, society_a, size)
    Practice.objects.filter(pk__in=[p.pk for p in practices]).update(principles=["P1"])
    make_practice(alice, society_a, title="A draft")
    # One query: the published practices with their society, whatever their number.
    with django_assert_max_num_queries(1):
        response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    feed = response.content.decode()
    assert feed.count("<entry>") == size
    assert "A draft" not in feed


@pytest.mark.parametrize("size", SIZES)
def test_home_page_query_count_does_not_grow(
    client, alice, edith, society_a, size, django_assert_max_num_queries
):
    published(alice, edith, society_a, size)
    # The regions with their societies, the newest practices, the featured ones, the counts,
    # and the active cross-national responses (the networks' section of the page).
    with django_assert_max_num_queries(6):
        response = client.get(reverse("core:home"))
    assert response.status_code == 200
    page = response.content.decode()
    assert len(re.findall(r">Practice \d+<", page)) == min(size, 6)
    login(client, alice)
    # Those, the session, the user, her societies and groups, her society's practices beyond
    # the kept counts (practices.tallies), the bell's unread count, and the responses her
    # society takes part in.
    with django_assert_max_num_queries(12):
        response = client.get(reverse("core:home"))
    assert response.status_code == 200


API_LISTS = [{}, {"limit": 0}, {"region": "europe"}, {"region": "europe", "status": "published"}]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("params", API_LISTS)
def test_api_list_query_count_does_not_grow(
    client, alice, edith, society_a, params, size, django_assert_max_num_queries
):
    published(alice, edith, society_a, size)
    make_practice(alice, society_a, title="Alice's draft")
    # The kept counts (practices.tallies), and one page of rows unless limit=0.
    with django_assert_max_num_queries(2):
        response = client.get("/api/v1/practices/", params)
    assert response.status_code == 200
    assert response.json()["count"] == size
    login(client, alice)
    # The session, the user, her groups and societies; her society's practices beyond the
    # kept counts; the same two.
    with django_assert_max_num_queries(7):
        response = client.get("/api/v1/practices/", params)
    assert response.json()["count"] == size + (0 if "status" in params else 1)


@pytest.mark.parametrize("size", SIZES)
def test_practice_page_query_count_does_not_grow(
    client,
    alice,
    edith,
    society_a,
    size,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        practices = published(alice, edith, society_a, size)
    # The practice with its society and attachments; its stored similar practices; the
    # workflow's questions of an anonymous reader need none.
    with django_assert_max_num_queries(3):
        response = client.get(reverse("practices:detail", args=[practices[0].pk]))
    assert response.status_code == 200
    similar = response.content.decode().split("Similar practices", 1)[1]
    assert len(re.findall(r">Practice \d+<", similar)) == min(size - 1, 4)


@pytest.mark.parametrize("size", SIZES)
def test_api_detail_query_count_does_not_grow(
    client, alice, edith, society_a, size, django_assert_max_num_queries
):
    practices = published(alice, edith, society_a, size)
    # The practice with its society, contact and attachments.
    with django_assert_max_num_queries(2):
        response = client.get(f"/api/v1/practices/{practices[-1].pk}/")
    assert response.status_code == 200
