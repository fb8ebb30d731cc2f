"""`python manage.py generate_practices N [--seed S] [--batch 5000]`: N synthetic published
practices (is_demo) for load and search benchmarks, written with COPY.

The text reads like the real catalogue, in the languages societies write in, and carries marker
words at known rates (MARKERS) so that a benchmark can pick queries that match a known share of
practices. The search vector is a generated column and the history triggers fire for every row
as they would in production: nothing is switched off, so the timing is honest.
"""

from __future__ import annotations

import json
import random
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone, translation
from django_countries import countries as country_names

from core import taxonomy
from core.audience import Visibility
from core.models import Country, NationalSociety
from practices.models import (
    Language,
    Practice,
    Status,
    TargetGroup,
    search_config_for,
)

# Words found in about this share of practices, whatever their language: tool names that read
# the same in every language, so one query matches every configuration's rows alike.
MARKERS = {"KoboToolbox": 0.002, "WhatsApp": 0.01, "Zoom": 0.03, "QR": 0.10}

# Societies of the report's regions in its proportions (28, 10, 8, 7, 6 of 59).
REGION_WEIGHTS = {"europe": 28, "mena": 10, "asia-pacific": 8, "americas": 7, "africa": 6}
# A society whose country speaks one of these writes in it six times out of ten, else English.
HOME_LANGUAGES = {
    "fr": "FRA BEL LUX MCO CHE NER MLI SEN BFA CIV GIN TCD CMR BEN TGO GAB COG COD CAF MDG COM "
    "DJI HTI BDI RWA",
    "es": "ESP MEX GTM HND SLV NIC CRI PAN COL VEN ECU PER BOL CHL ARG URY PRY CUB DOM GNQ",
    "ar": "EGY LBN JOR SYR IRQ SAU ARE KWT QAT BHR OMN YEM LBY DZA SDN PSE MRT TUN MAR",
    "pt": "PRT BRA AGO MOZ CPV GNB STP TLS",
    # Italian has no text-search configuration here: such practices are filed as "other".
    "other": "ITA SMR",
}
HOME_LANGUAGE_SHARE = 0.6
# Step, support and dimension weights follow the report's counts; principles their shares.
STEP_WEIGHTS = [
    25 if c == "long-term-stay" else 10 if c == "arrival" else 5 for c in taxonomy.codes("step")
]
SUPPORT_WEIGHTS = [21, 16, 16, 6]
DIMENSION_WEIGHTS = [34, 29, 15, 12, 10]
PRINCIPLE_SHARES = {
    "P2": 0.05, "P3": 0.36, "P4": 0.25, "P5": 0.10, "P6": 0.44, "P7": 0.14, "P8": 0.07,
    "P9": 0.27, "P10": 0.01,
}  # fmt: skip
YEARS_OF_PUBLICATION = 8


@dataclass(frozen=True)
class Lexicon:
    """The phrases of one language. Slots: {society}/{Society}, {country}, {group}/{Group},
    {group2}, {activity}/{Activity}, {activity2}, {where}, {partner}, {adjective}, {year},
    {year2}, {number}, {few}, {percent}, {cost}. Languages other than English name the society
    generically ("la Société nationale"): the reference data holds English names only."""

    activities: list[str]
    groups: list[str]
    places: list[str]
    partners: list[str]
    adjectives: list[str]
    titles: list[str]
    summaries: list[str]
    summary_endings: list[str]
    needs: list[str]
    starts: list[str]
    items: list[str]
    results: list[str]
    lessons: list[str]
    replication: list[str]
    details: list[str]
    markers: dict[str, str]
    # How the society is named in this language's sentences; None: its (English) name.
    society: str | None = None
    thousands: str = ","
    comma: str = ", "


# The phrases of each language ("other" is Italian), in practices/demo_data/lexicons.json.
LEXICONS = {
    language: Lexicon(**phrases)
    for language, phrases in json.loads(
        (Path(__file__).resolve().parents[2] / "demo_data" / "lexicons.json").read_text(
            encoding="utf-8"
        )
    ).items()
}


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


class PracticeGenerator:
    """Makes unsaved Practice objects; the same seed gives the same practices."""

    def __init__(self, seed: int):
        self.random = random.Random(seed)
        self.now = timezone.now()
        societies = list(
            NationalSociety.objects.national_societies()
            .filter(region__isnull=False)
            .select_related("region")
        )
        self.societies_by_region = {
            code: [society for society in societies if society.region.code == code]
            for code in REGION_WEIGHTS
        }
        countries = Country.objects.select_related("region").values_list("iso3", "region__code")
        self.countries_by_region: dict[str, list[str]] = {}
        for iso3, region in countries:
            self.countries_by_region.setdefault(region, []).append(iso3)
        self.home_language = {
            iso3: language for language, codes in HOME_LANGUAGES.items() for iso3 in codes.split()
        }
        self.country_names: dict[tuple[str, str], str] = {}

    def practice(self) -> Practice:
        pick = self.random
        region = pick.choices(list(REGION_WEIGHTS), weights=list(REGION_WEIGHTS.values()))[0]
        society = pick.choice(self.societies_by_region[region])
        home = self.home_language.get(society.country_id)
        language = home if home and pick.random() < HOME_LANGUAGE_SHARE else Language.ENGLISH
        countries = [society.country_id]
        if pick.random() < 0.3:
            # "Neighbours" are approximated by countries of the same region.
            countries += pick.sample(self.countries_by_region[region], pick.randint(1, 2))
        published_at = self.now - timedelta(days=pick.uniform(1, 365 * YEARS_OF_PUBLICATION))
        submitted_at = published_at - timedelta(days=pick.uniform(1, 30))
        start_year = published_at.year - pick.randint(1, 6)
        texts = self._texts(language, society, countries[0], start_year, published_at.year)
        return Practice(
            kind=taxonomy.Kind.SMART_PRACTICE
            if pick.random() < 0.85
            else taxonomy.Kind.OPERATIONAL_ELEMENT,
            **texts,
            society_id=society.pk,
            region_id=region,
            countries=list(dict.fromkeys(countries)),
            steps=self._some("step", STEP_WEIGHTS, pick.choices([1, 2], [8, 2])[0]),
            dimensions=self._some("dimension", DIMENSION_WEIGHTS, pick.randint(1, 3)),
            support_types=self._some(
                "support_type", SUPPORT_WEIGHTS, pick.choices([1, 2], [7, 3])[0]
            ),
            principles=["P1"]
            + [p for p, share in PRINCIPLE_SHARES.items() if pick.random() < share],
            target_groups=pick.sample(TargetGroup.values, pick.randint(0, 2)),
            start_year=start_year,
            end_year=pick.randint(start_year, published_at.year) if pick.random() < 0.3 else None,
            language=language,
            visibility=pick.choices(Visibility.values, weights=[90, 8, 2])[0],
            status=Status.PUBLISHED,
            replicable=pick.random() < 0.3,
            migrants_participated=pick.random() < 0.25,
            evaluated=pick.random() < 0.2,
            created_at=submitted_at - timedelta(days=pick.uniform(1, 90)),
            updated_at=published_at,
            submitted_at=submitted_at,
            published_at=published_at,
            is_demo=True,
            search_config=search_config_for(language),
        )

    def _some(self, vocabulary, weights, how_many: int) -> list[str]:
        codes = taxonomy.codes(vocabulary)
        chosen: list[str] = []
        while len(chosen) < how_many:
            code = self.random.choices(codes, weights=weights)[0]
            if code not in chosen:
                chosen.append(code)
        return chosen

    def _country_name(self, iso3: str, language: str) -> str:
        key = (iso3, language)
        if key not in self.country_names:
            locale = "it" if language == Language.OTHER else language
            with translation.override(locale):
                self.country_names[key] = str(country_names.name(country_names.alpha2(iso3)))
        return self.country_names[key]

    def _texts(self, language, society, iso3, start_year, published_year) -> dict[str, str]:
        pick = self.random
        lexicon = LEXICONS[language]
        activity, activity2 = pick.sample(lexicon.activities, 2)
        group, group2 = pick.sample(lexicon.groups, 2)
        # "Volunteers of the Kenya Red Cross Society", "... of the Netherlands Red Cross".
        society_name = lexicon.society or "the " + society.name.removeprefix("The ")
        slots = {
            "society": society_name,
            "Society": _capitalised(society_name),
            "country": self._country_name(iso3, language),
            "activity": activity,
            "Activity": _capitalised(activity),
            "activity2": activity2,
            "Activity2": _capitalised(activity2),
            "group": group,
            "Group": _capitalised(group),
            "group2": group2,
            "Group2": _capitalised(group2),
            "where": pick.choice(lexicon.places),
            "partner": pick.choice(lexicon.partners),
            "adjective": pick.choice(lexicon.adjectives),
            "year": start_year,
            "year2": published_year,
            "number": f"{pick.randrange(200, 25_000, 10):,}".replace(",", lexicon.thousands),
            "few": pick.randint(8, 150),
            "percent": pick.randint(55, 95),
            "cost": f"{pick.randrange(20_000, 600_000, 5_000):,}".replace(",", lexicon.thousands),
        }

        def sentences(pool, low, high):
            chosen = pick.sample(pool, min(len(pool), pick.randint(low, high)))
            return [sentence.format(**slots) for sentence in chosen]

        activities = [f"- {item}" for item in sentences(lexicon.items, 3, 5)]
        results = sentences(lexicon.results, 2, 3)
        for word, share in MARKERS.items():
            if pick.random() < share:
                sentence = lexicon.markers[word]
                if pick.random() < 0.5:
                    activities.append(f"- {sentence}")
                else:
                    results.append(sentence)
        summary = " ".join(
            [
                pick.choice(lexicon.summaries).format(**slots),
                *sentences(lexicon.summary_endings, 0, 1),
            ]
        )
        return {
            "title": pick.choice(lexicon.titles).format(**slots)[:300],
            "summary": summary[:600],
            "context": " ".join(
                [*sentences(lexicon.needs, 2, 3), *sentences(lexicon.details, 1, 2)]
            )
            + "\n\n"
            + pick.choice(lexicon.starts).format(**slots),
            "activities": "\n".join(activities)
            + "\n\n"
            + " ".join(sentences(lexicon.details, 2, 3)),
            "results": " ".join(results),
            "lessons": "\n".join(f"- {lesson}" for lesson in sentences(lexicon.lessons, 2, 3)),
            "replication": " ".join(sentences(lexicon.replication, 1, 2)),
            "partners": _capitalised(lexicon.comma.join(pick.sample(lexicon.partners, 2))),
        }


def copy_practices(practices: list[Practice]) -> None:
    """Writes the practices with one COPY. The generated search vector is left to PostgreSQL;
    the id comes from the identity column."""
    fields = [
        field
        for field in Practice._meta.concrete_fields
        if not field.primary_key and not field.generated
    ]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    table = connection.ops.quote_name(Practice._meta.db_table)
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for practice in practices:
            copy.write_row(
                [
                    field.get_db_prep_save(getattr(practice, field.attname), connection)
                    for field in fields
                ]
            )


class Command(BaseCommand):
    help = "Create N synthetic published practices (demo content) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="how many practices to create")
        parser.add_argument("--seed", type=int, default=2026, help="same seed, same practices")
        parser.add_argument("--batch", type=int, default=5000, help="rows per COPY and commit")

    def handle(self, *args, count: int, seed: int, batch: int, **options):
        if count < 0 or batch < 1:
            raise CommandError("N must be 0 or more, and --batch at least 1.")
        generator = PracticeGenerator(seed)
        started = time.perf_counter()
        done = 0
        while done < count:
            size = min(batch, count - done)
            practices = [generator.practice() for _ in range(size)]
            # A commit per batch: memory stays flat, and an interrupted run keeps what it wrote.
            with transaction.atomic():
                copy_practices(practices)
            done += size
            elapsed = time.perf_counter() - started
            self.stdout.write(f"{done}/{count} practices, {elapsed:.1f} s ({done / elapsed:.0f}/s)")
        with connection.cursor() as cursor:
            # Fresh planner statistics, or the first searches after a large load plan badly.
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Practice._meta.db_table)}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {count} practices in {time.perf_counter() - started:.1f} s."
            )
        )
        self.stdout.write("Queries that match a known share of practices (q=...):")
        for word, share in MARKERS.items():
            self.stdout.write(f"  {word:<12} about {share:.1%}")
