"""Data versions (core.versions): every kind of write to a versioned table gives it a number
never seen before, rolled-back writes included, and what is cached under the versions is
built again after a write and only then."""

import pytest
from django.db import connection, transaction

from core import versions
from core.models import NationalSociety
from practices.models import Practice, PracticeQuerySet
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


def version(model):
    return versions.current(model)[0]


def test_each_kind_of_write_gives_the_table_a_new_version(alice, society_a):
    seen = [version(Practice)]
    practice = make_practice(alice, society_a)
    seen.append(version(Practice))
    Practice.objects.filter(pk=practice.pk).update(title="A bulk update")
    seen.append(version(Practice))
    Practice.objects.filter(pk=practice.pk).delete()
    seen.append(version(Practice))

    assert len(set(seen)) == len(seen)


def test_tables_keep_versions_of_their_own(alice, society_a):
    societies = version(NationalSociety)
    make_practice(alice, society_a)

    assert version(NationalSociety) == societies
    assert versions.current(Practice, NationalSociety) == [version(Practice), societies]


def test_a_rolled_back_write_leaves_a_number_nobody_gets_again(society_a):
    before = version(NationalSociety)
    with pytest.raises(RuntimeError), transaction.atomic():
        NationalSociety.objects.filter(pk=society_a.pk).update(name="Renamed")
        during = version(NationalSociety)
        raise RuntimeError("undo")

    assert version(NationalSociety) == before
    NationalSociety.objects.filter(pk=society_a.pk).update(name="Renamed again")
    assert version(NationalSociety) not in {before, during}


def test_a_truncate_gives_a_new_version_too():
    from networks.models import RouteStop

    before = version(RouteStop)
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {RouteStop._meta.db_table}")  # undone with the test

    assert version(RouteStop) != before


def test_what_is_cached_is_built_once_per_version(alice, society_a):
    built = []

    def build():
        built.append(1)
        return len(built)

    first = versions.cached("answer", {"who": "visitor"}, [Practice], build)
    again = versions.cached("answer", {"who": "visitor"}, [Practice], build)
    other_parts = versions.cached("answer", {"who": "member"}, [Practice], build)
    make_practice(alice, society_a)
    after_a_write = versions.cached("answer", {"who": "visitor"}, [Practice], build)

    assert (first, again, other_parts, after_a_write) == (1, 1, 2, 3)


def test_readers_who_see_the_same_practices_share_a_key(alice, bob, fiona, edith):
    from django.contrib.auth.models import AnonymousUser

    policy = PracticeQuerySet.policy
    visitor = policy.reader_key(AnonymousUser())

    assert policy.reader_key(None) == visitor
    # alice and fiona are both of society A; bob is of society B.
    assert policy.reader_key(alice) == policy.reader_key(fiona)
    assert len({visitor, policy.reader_key(alice), policy.reader_key(bob)}) == 3
    # An editor sees the drafts they wrote besides what every editor sees.
    assert policy.reader_key(edith) not in {visitor, policy.reader_key(alice)}
