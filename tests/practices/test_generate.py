"""generate_practices writes valid, searchable practices for the benchmarks."""

import io
import re

import pytest
from django.core.management import call_command

from core import taxonomy
from core.models import Country
from practices.management.commands.generate_practices import MARKERS
from practices.models import SECTIONS, Practice, Status, search_config_for
from practices.search import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated(db):
    output = io.StringIO()
    call_command("generate_practices", 50, seed=7, batch=20, stdout=output)
    return output.getvalue()


def codes(vocabulary):
    return {code for code, *_rest in vocabulary}


def test_it_creates_the_number_of_published_demo_practices_asked(generated):
    assert Practice.objects.count() == 50
    assert set(Practice.objects.values_list("status", "is_demo").distinct()) == {
        (Status.PUBLISHED, True)
    }
    assert not Practice.objects.filter(published_at__isnull=True).exists()


def test_every_tag_is_a_valid_code(generated):
    known_countries = set(Country.objects.values_list("iso3", flat=True))
    vocabularies = {
        "steps": codes(taxonomy.STEPS),
        "dimensions": codes(taxonomy.DIMENSIONS),
        "support_types": codes(taxonomy.SUPPORT_TYPES),
        "principles": codes(taxonomy.PRINCIPLES),
    }
    for practice in Practice.objects.select_related("society__region"):
        assert practice.kind in taxonomy.Kind.values
        assert practice.region_id == practice.society.region.code
        assert practice.countries[0] == practice.society.country_id
        assert set(practice.countries) <= known_countries
        for field, vocabulary in vocabularies.items():
            assert getattr(practice, field)
            assert set(getattr(practice, field)) <= vocabulary, field
        assert practice.search_config == search_config_for(practice.language)
        assert practice.end_year is None or practice.end_year >= practice.start_year


def test_it_writes_in_several_languages(generated):
    assert Practice.objects.values("language").distinct().count() >= 3


def test_the_search_vector_is_filled_and_finds_a_marker_word(generated):
    assert not Practice.objects.filter(search_vector__isnull=True).exists()
    word = max(MARKERS, key=MARKERS.get)  # the most frequent, so 50 practices hold some
    pattern = re.compile(rf"\b{word}\b")
    mentioning = {
        practice.pk
        for practice in Practice.objects.all()
        if any(pattern.search(getattr(practice, field)) for field in SECTIONS)
    }
    assert mentioning
    assert set(search(Practice.objects.all(), word).values_list("pk", flat=True)) == mentioning


def test_it_tells_which_words_to_search_for(generated):
    for word in MARKERS:
        assert word in generated
