"""The demo data set mirrors the IFRC report's figures exactly (shared/seed)."""

import io
from collections import Counter

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import transaction
from django.db.models import F

from core.models import User
from core.taxonomy import Kind
from practices.models import Practice, Status
from practices.search import search

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Loaded once for the module (it takes a few seconds), rolled back at the end so other
    test modules start from an empty catalogue."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def smart_practices(demo):
    return Practice.objects.published().filter(kind=Kind.SMART_PRACTICE, is_demo=True)


def tag_counts(practices, field):
    return dict(Counter(code for tags in practices.values_list(field, flat=True) for code in tags))


def test_it_publishes_the_reports_59_smart_practices(smart_practices):
    assert smart_practices.count() == 59
    assert (
        Practice.objects.visible_to(AnonymousUser()).filter(kind=Kind.SMART_PRACTICE).count() == 59
    )


def test_its_counts_by_step_match_the_report(smart_practices):
    assert tag_counts(smart_practices, "steps") == {
        "long-term-stay": 25,
        "arrival": 10,
        "transition-at-borders": 6,
        "migrant-camps": 6,
        "origin": 5,
        "return": 4,
        "across-the-trail": 3,
    }
    assert all(len(steps) == 1 for steps in smart_practices.values_list("steps", flat=True))


def test_its_counts_by_region_match_the_report(smart_practices):
    assert dict(Counter(smart_practices.values_list("region_id", flat=True))) == {
        "africa": 6,
        "americas": 7,
        "asia-pacific": 8,
        "europe": 28,
        "mena": 10,
    }
    # The region is the owning society's.
    assert not smart_practices.exclude(region_id=F("society__region__code")).exists()


def test_its_counts_by_type_of_support_match_the_report(smart_practices):
    # The report leaves advocacy blank; 6 makes the four types add up to 59.
    assert tag_counts(smart_practices, "support_types") == {
        "awareness-raising": 21,
        "assistance": 16,
        "protection": 16,
        "advocacy": 6,
    }


def test_its_counts_by_principle_match_the_report(smart_practices):
    assert tag_counts(smart_practices, "principles") == {
        "P1": 59,
        "P6": 26,
        "P3": 21,
        "P9": 16,
        "P4": 15,
        "P7": 8,
        "P5": 6,
        "P8": 4,
        "P2": 3,
    }


def test_its_dimension_shares_match_the_report(smart_practices):
    counts = tag_counts(smart_practices, "dimensions")
    total = sum(counts.values())
    shares = {code: round(100 * count / total) for code, count in counts.items()}
    assert shares == {
        "human-capital": 34,
        "physical-capital": 29,
        "social-capital": 15,
        "financial-capital": 12,
        "regulatory-governance": 10,
    }


def test_it_publishes_13_smart_operational_elements(demo):
    elements = Practice.objects.published().filter(kind=Kind.OPERATIONAL_ELEMENT, is_demo=True)
    assert elements.count() == 13


def test_it_writes_in_four_languages(smart_practices):
    languages = set(smart_practices.values_list("language", flat=True))
    assert languages == {"en", "fr", "es", "ar"}
    # Each is searchable in its own language: "volontaires" meets the French stem.
    found = search(smart_practices, "volontaires")
    assert found.filter(language="fr").exists()
    assert not found.exclude(language="fr").exists()


def test_the_review_queue_has_work_for_edith(demo):
    edith = User.objects.get(email="edith@demo.example")
    waiting = Practice.objects.visible_to(edith).filter(
        status__in=[Status.SUBMITTED, Status.CHANGES_REQUESTED]
    )
    assert waiting.filter(status=Status.SUBMITTED).count() >= 2
    assert waiting.filter(status=Status.CHANGES_REQUESTED).exclude(review_note="").exists()
    assert waiting.values("society").distinct().count() >= 3
    # Drafts stay their society's own until submitted.
    assert not Practice.objects.visible_to(edith).filter(status=Status.DRAFT).exists()
    assert Practice.objects.filter(status=Status.DRAFT, is_demo=True).exists()


def test_every_demo_practice_is_labelled_as_demo(demo):
    assert not Practice.objects.filter(is_demo=False).exists()
    assert Practice.objects.filter(is_demo=True).count() == 59 + 13 + 8


def test_loading_again_adds_nothing(demo):
    before = (Practice.objects.count(), User.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (Practice.objects.count(), User.objects.count()) == before


@pytest.mark.parametrize(
    "written, plain, count",
    [
        ("orientación", "orientacion", 6),
        ("niños", "ninos", 2),
        ("accès", "acces", 2),
        ("exilées", "exilees", 2),
    ],
)
def test_accents_are_optional_in_a_search_of_the_demo(demo, written, plain, count):
    visible = Practice.objects.visible_to(AnonymousUser()).published()
    with_accents = set(search(visible, written).values_list("pk", flat=True))
    assert len(with_accents) == count
    assert set(search(visible, plain).values_list("pk", flat=True)) == with_accents
