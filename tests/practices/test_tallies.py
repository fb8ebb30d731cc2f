"""The counts kept current (practices.tallies): every reader's counts equal the list they are
shown, after every kind of write, and a write counts in the very next request."""

from collections import Counter

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from core import taxonomy
from practices import services
from practices.models import Practice, PracticeTally, Status
from practices.search import count_facets, labelled_facets
from practices.tallies import country_step_counts, tallied_counts
from tests.conftest import login
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

LIST_URL = "/api/v1/practices/"
ARRAY_FACETS = {
    "principle": "principles",
    "step": "steps",
    "dimension": "dimensions",
    "support_type": "support_types",
    "country": "countries",
}
SINGLE_FACETS = {"region": "region", "kind": "kind", "language": "language"}


@pytest.fixture
def catalogue(alice, bob, edith, society_a, society_b):
    """Practices of both societies in every state and audience."""
    return {
        "public": make_practice(alice, society_a, status=Status.PUBLISHED, editor=edith),
        "movement": make_practice(
            alice,
            society_a,
            status=Status.PUBLISHED,
            editor=edith,
            visibility="movement",
            principles=["P2", "P6"],
            countries=["FRA", "ITA"],
        ),
        "ifrc_a": make_practice(
            alice, society_a, status=Status.PUBLISHED, editor=edith, visibility="ifrc"
        ),
        "ifrc_b": make_practice(
            bob,
            society_b,
            status=Status.PUBLISHED,
            editor=edith,
            visibility="ifrc",
            steps=["arrival", "long-term-stay"],
            countries=["KEN"],
        ),
        "public_b": make_practice(
            bob, society_b, status=Status.PUBLISHED, editor=edith, countries=["KEN"]
        ),
        "submitted_b": make_practice(bob, society_b, status=Status.SUBMITTED),
        "draft_a": make_practice(alice, society_a),
        "archived_a": make_practice(alice, society_a, status=Status.ARCHIVED, editor=edith),
    }


def listed(client, **params) -> list[dict]:
    """Every practice of the API's list for the client's user, page after page."""
    results, offset = [], 0
    while True:
        body = client.get(LIST_URL, {**params, "limit": 100, "offset": offset}).json()
        results += body["results"]
        offset += 100
        if body["next"] is None:
            return results


def facets_of(results: list[dict]) -> dict[str, dict[str, int]]:
    counts = {name: Counter() for name in [*ARRAY_FACETS, *SINGLE_FACETS]}
    for practice in results:
        for name, field in ARRAY_FACETS.items():
            counts[name].update(practice[field])
        for name, field in SINGLE_FACETS.items():
            counts[name][practice[field]] += 1
    return counts


def assert_counts_equal_the_list(client, **params):
    body = client.get(LIST_URL, {**params, "limit": 0}).json()
    results = listed(client, **params)
    assert body["count"] == len(results)
    expected = facets_of(results)
    for name, items in body["facets"].items():
        if name == "rubric":
            continue
        shown = {item["value"]: item["count"] for item in items if item["count"]}
        assert shown == {value: n for value, n in expected[name].items() if n}, name


def readers(alice, bob, edith):
    clients = {"visitor": Client()}
    for name, user in [("alice", alice), ("bob", bob), ("edith", edith)]:
        clients[name] = Client()
        login(clients[name], user)
    return clients


def assert_every_reader_counts_their_list(alice, bob, edith):
    for name, client in readers(alice, bob, edith).items():
        for params in [{}, {"region": "europe"}, {"status": "published"}, {"status": "draft"}]:
            try:
                assert_counts_equal_the_list(client, **params)
            except AssertionError as error:
                raise AssertionError(f"{name} {params}: {error}") from error
        # The tally also agrees with the rows on what the list does not show (the rubric).
        for user in [None, alice, bob, edith]:
            tallied_total, tallied = tallied_counts(user, statuses=[Status.PUBLISHED])
            total, counted = count_facets(Practice.objects.visible_to(user).published())
            assert tallied_total == total
            assert labelled_facets(tallied) == labelled_facets(counted)
            # And on each country and step a route's trail counts.
            countries, steps = ["ITA", "FRA", "KEN"], list(taxonomy.codes("step"))
            pairs = Counter(
                (country, step)
                for practice in Practice.objects.visible_to(user).published()
                for country in practice.countries
                for step in practice.steps
                if country in countries
            )
            assert country_step_counts(user, countries, steps) == dict(pairs)


def test_every_readers_counts_equal_their_list(catalogue, alice, bob, edith):
    assert_every_reader_counts_their_list(alice, bob, edith)


def test_counts_follow_a_publish(catalogue, alice, bob, edith):
    services.publish_practice(practice=catalogue["submitted_b"], actor=edith)
    assert_every_reader_counts_their_list(alice, bob, edith)


def test_counts_follow_an_archive(catalogue, alice, bob, edith):
    services.archive_practice(practice=catalogue["public"], actor=edith)
    services.archive_practice(practice=catalogue["ifrc_b"], actor=edith)
    assert_every_reader_counts_their_list(alice, bob, edith)


def test_counts_follow_edith_editing_tags(catalogue, alice, bob, edith):
    services.update_practice(
        practice=catalogue["public"],
        actor=edith,
        data={"principles": ["P3", "P4"], "steps": ["return"], "countries": ["ESP", "PRT"]},
    )
    services.update_practice(
        practice=catalogue["movement"], actor=edith, data={"evaluated": True, "replicable": True}
    )
    assert_every_reader_counts_their_list(alice, bob, edith)


def test_counts_follow_a_change_of_visibility(catalogue, alice, bob, edith):
    services.update_practice(practice=catalogue["public"], actor=edith, data={"visibility": "ifrc"})
    services.update_practice(
        practice=catalogue["ifrc_b"], actor=edith, data={"visibility": "public"}
    )
    assert_every_reader_counts_their_list(alice, bob, edith)


def test_counts_follow_a_bulk_update(catalogue, alice, bob, edith, society_a):
    Practice.objects.filter(society=society_a).update(visibility="movement", principles=["P9"])
    Practice.objects.filter(pk=catalogue["submitted_b"].pk).update(status=Status.PUBLISHED)
    assert_every_reader_counts_their_list(alice, bob, edith)


def test_counts_follow_a_delete_and_a_truncate(catalogue, alice, bob, edith):
    catalogue["public_b"].delete()
    assert_every_reader_counts_their_list(alice, bob, edith)
    with connection.cursor() as cursor:
        # The deferred foreign-key checks run first: TRUNCATE refuses to run beside them.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE practices_practice CASCADE")
    assert not PracticeTally.objects.exclude(count=0).exists()
    assert tallied_counts(None) == (0, {})


def test_a_publish_counts_in_the_very_next_request(client, alice, edith, society_a):
    make_practice(alice, society_a, status=Status.PUBLISHED, editor=edith, title="First")
    waiting = make_practice(alice, society_a, status=Status.SUBMITTED, title="Second")
    assert client.get(LIST_URL, {"limit": 0}).json()["count"] == 1
    assert "See the 1 practice" in client.get(reverse("core:home")).content.decode()

    editor = Client()
    login(editor, edith)
    response = editor.post(reverse("practices:workflow", args=[waiting.pk, "publish"]))
    assert response.status_code == 302

    assert client.get(LIST_URL, {"limit": 0}).json()["count"] == 2
    assert "See all 2 practices" in client.get(reverse("core:home")).content.decode()
    body = client.get(LIST_URL, {"limit": 0, "region": "europe"}).json()
    assert body["count"] == 2
    europe = next(item for item in body["facets"]["region"] if item["value"] == "europe")
    assert europe["count"] == 2


def test_alice_counts_her_societys_ifrc_practice_and_bob_does_not(catalogue, alice, bob):
    def total(user):
        return tallied_counts(user, statuses=[Status.PUBLISHED])[0]

    # public, public_b; movement for members; each society's own ifrc practice.
    assert total(None) == 2
    assert total(alice) == 4
    assert total(bob) == 4
    assert labelled_facets(tallied_counts(alice, statuses=[Status.PUBLISHED])[1])["country"] == [
        {"value": "ITA", "label": "Italy", "count": 3},
        {"value": "FRA", "label": "France", "count": 1},
        {"value": "KEN", "label": "Kenya", "count": 1},
    ]
