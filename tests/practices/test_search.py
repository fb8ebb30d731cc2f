"""Search: accents folded on both sides, queries PostgreSQL cannot parse refused with a clear
400, relevance by default under a query, and an export that never loses its rows silently."""

import csv
import io
import re

import pytest
from django.db import DatabaseError
from django.db.models import TextField, Value
from django.db.models.expressions import RawSQL
from django.test import RequestFactory
from django.urls import reverse

from core.models import NationalSociety
from practices.accents import fold_accents, fold_accents_sql
from practices.api.export import csv_response
from practices.models import Practice, Status
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

LIST = "/api/v1/practices/"
CATALOGUE = reverse("practices:catalogue")


@pytest.fixture
def accented(alice, edith, society_a):
    """Published practices whose words carry accents, or whose readers might type them."""
    texts = [
        ("es", "Orientación jurídica", "Abogados dan orientación a los niños migrantes."),
        ("fr", "Accès aux soins", "Les exilées trouvent une œuvre d'entraide."),
        ("en", "Cafe for newcomers", "A cafe where newcomers meet volunteers."),
        ("ar", "دعم المهاجرين", "يساعد المتطوعون المُهَاجِرِينَ في المخيمات."),
        ("other", "Łódź centrum", "Pomoc dla migrantów w Łodzi."),
    ]
    return {
        title: make_practice(
            alice,
            society_a,
            status=Status.PUBLISHED,
            editor=edith,
            language=language,
            title=title,
            summary=summary,
        )
        for language, title, summary in texts
    }


def found(client, q, **params) -> list[str]:
    response = client.get(LIST, {"q": q, **params})
    assert response.status_code == 200, response.content
    return sorted(item["title"] for item in response.json()["results"])


# --- Accents ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "plain, written, title",
    [
        ("orientacion", "orientación", "Orientación jurídica"),
        ("ninos", "niños", "Orientación jurídica"),
        ("acces", "accès", "Accès aux soins"),
        ("exilees", "exilées", "Accès aux soins"),
        ("oeuvre", "œuvre", "Accès aux soins"),
        ("lodz", "Łódź", "Łódź centrum"),
    ],
)
def test_a_visitor_finds_accented_words_with_or_without_their_accents(
    client, accented, plain, written, title
):
    assert found(client, plain) == [title]
    assert found(client, written) == [title]
    assert found(client, written.upper()) == [title]


def test_fold_accents_keeps_arabic_letters_and_drops_only_harakat():
    # The hamza belongs to its letter; the short vowels and the tatweel are optional marks.
    assert fold_accents("مسؤول الأطفال") == "مسؤول الأطفال"
    assert fold_accents("المُهَاجِرِينَ") == "المهاجرين"
    assert fold_accents("مـهـاجر") == "مهاجر"
    assert fold_accents("Orientación, niños, accès, exilées, Œuvre, Straße") == (
        "Orientacion, ninos, acces, exilees, OEuvre, Strasse"
    )
    # An accent typed apart from its letter folds as the composed letter does.
    assert fold_accents("e\u0301te\u0301") == fold_accents("été") == "ete"


def test_the_database_folds_exactly_as_python_does(society_a):
    latin = "".join(chr(code) for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)])
    samples = [
        latin,
        "Ærø Œuvre straße ẞ Đakovo Ħamrun łódź",
        "e\u0301 a\u0300\u0323 \u0301alone",
        "يساعد المتطوعون المُهَاجِرِينَ في المخيمات، إلى آسيا ـ مسؤول",
        "Кириллица й ё, Ελληνικά ά, 日本語",
    ]
    for sample in samples:
        folded = (
            NationalSociety.objects.filter(pk=society_a.pk)
            .annotate(folded=fold_accents_sql(Value(sample, output_field=TextField())))
            .values_list("folded", flat=True)
            .get()
        )
        assert folded == fold_accents(sample), sample


def test_arabic_harakat_are_optional_in_a_query(client, accented):
    assert found(client, "المهاجرين") == ["دعم المهاجرين"]
    assert found(client, "المُهَاجِرِينَ") == ["دعم المهاجرين"]


def test_an_accented_query_finds_a_word_written_without_accents(client, accented):
    assert found(client, "café") == found(client, "cafe") == ["Cafe for newcomers"]


def test_the_snippet_marks_the_word_as_written_whichever_way_it_was_typed(client, accented):
    for q in ("orientacion", "orientación"):
        page = client.get(CATALOGUE, {"q": q}).content.decode()
        assert "<mark>orientación</mark> a los niños" in page, q
    page = client.get(CATALOGUE, {"q": "oeuvre exilees"}).content.decode()
    assert "Les <mark>exilées</mark> trouvent une <mark>œuvre</mark> d'entraide." in page
    page = client.get(CATALOGUE, {"q": "المهاجرين"}).content.decode()
    assert "<mark>المُهَاجِرِينَ</mark>" in page


# --- Queries PostgreSQL cannot parse -----------------------------------------------------------

HYPHENS = "-" * 33


@pytest.mark.parametrize("q", [HYPHENS, "migrants " + "- " * 33 + "clinics", "x" * 1001])
def test_a_query_postgresql_cannot_parse_is_a_400_naming_q(client, accented, q):
    for params in ({"q": q}, {"q": q, "limit": 0}, {"q": q, "format": "csv"}):
        response = client.get(LIST, params)
        assert response.status_code == 400, params
        assert response["Content-Type"].startswith("application/json")
        assert list(response.json()["errors"]) == ["q"]


def test_the_catalogue_explains_a_query_of_too_many_hyphens(client, accented):
    response = client.get(CATALOGUE, {"q": HYPHENS})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Too many hyphens in a row: a search takes at most 32 together" in page
    # What was typed stays in the box.
    assert f'value="{HYPHENS}"' in page


def test_thirty_two_hyphens_are_still_a_search(client, accented):
    response = client.get(LIST, {"q": "-" * 32 + "cafe"})
    assert response.status_code == 200


def test_an_export_whose_query_fails_raises_before_it_starts(db):
    request = RequestFactory().get(LIST)
    failing = Practice.objects.filter(pk=RawSQL("1 / 0", []))
    with pytest.raises(DatabaseError):
        csv_response(failing, request=request, hxl=False)


def test_the_export_of_a_search_has_every_row(client, accented):
    response = client.get(LIST, {"q": "orientacion OR acces", "format": "csv"})
    assert response.status_code == 200
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )
    assert sorted(row["title"] for row in rows) == ["Accès aux soins", "Orientación jurídica"]


# --- Relevance ----------------------------------------------------------------------------------


@pytest.fixture
def ranked_set(alice, edith, society_a):
    """The title match is the oldest, so "newest first" and "relevance" disagree."""
    make_practice(
        alice, society_a, status=Status.PUBLISHED, editor=edith,
        title="Mobile clinics at night", summary="Clinics treat migrants at night.",
    )  # fmt: skip
    make_practice(
        alice, society_a, status=Status.PUBLISHED, editor=edith,
        title="Peer support groups", summary="Groups meet weekly; some visit clinics.",
    )  # fmt: skip


def catalogue_titles(response) -> list[str]:
    return re.findall(
        r'class="result-title"><a href="[^"]+"><bdi[^>]*>([^<]+)</bdi>', response.content.decode()
    )


def selected_ordering(response) -> tuple[str, str]:
    select = re.search(
        r'<select id="catalogue-ordering".*?</select>', response.content.decode(), re.S
    )
    return re.search(r'<option value="([^"]*)" selected>([^<]+)</option>', select.group(0)).groups()


def test_a_search_from_the_catalogue_box_orders_by_relevance(client, ranked_set):
    start = client.get(CATALOGUE)
    assert catalogue_titles(start) == ["Peer support groups", "Mobile clinics at night"]
    # The box sends the menu as it stands: its default is an empty value, read as relevance
    # once there is a query.
    assert selected_ordering(start) == ("", "Newest")
    searched = client.get(CATALOGUE, {"q": "clinics", "ordering": selected_ordering(start)[0]})
    assert catalogue_titles(searched) == ["Mobile clinics at night", "Peer support groups"]
    assert selected_ordering(searched) == ("", "Relevance")


def test_newest_first_stays_a_choice_under_a_query(client, ranked_set):
    response = client.get(CATALOGUE, {"q": "clinics", "ordering": "-published_at"})
    assert catalogue_titles(response) == ["Peer support groups", "Mobile clinics at night"]
    assert selected_ordering(response) == ("-published_at", "Newest")


def test_the_api_orders_a_search_by_relevance_by_default(client, ranked_set):
    results = client.get(LIST, {"q": "clinics"}).json()["results"]
    assert [item["title"] for item in results] == ["Mobile clinics at night", "Peer support groups"]
    results = client.get(LIST, {"q": "clinics", "ordering": "-published_at"}).json()["results"]
    assert [item["title"] for item in results] == ["Peer support groups", "Mobile clinics at night"]
