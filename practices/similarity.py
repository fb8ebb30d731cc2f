"""Similar practices, worked out once when a practice is published or changed (a task queued
after commit, practices.tasks) and stored as SimilarPractice rows, so a practice page reads a
handful of rows whether the catalogue holds a thousand practices or a million.

The candidates are bounded: the newest published practices whose text matches a word of the
title, and the newest that share a country and a step of the trail (each set read through an
index and cut at POOL_SIZE). They are scored on text closeness (ts_rank of the title's words)
and on the steps, types of support and countries they share. A published practice is also
offered to the lists of the practices it is close to, so a new practice shows up on the pages
of older ones without rescoring them all.
"""

from __future__ import annotations

import re

from django.db import connection, transaction

from practices.accents import fold_accents
from practices.models import Practice, SimilarPractice, Status

STORED_COUNT = 12  # more than a page shows: some may be hidden from a given reader
POOL_SIZE = 500
MAX_TITLE_WORDS = 12

CANDIDATES = """
WITH this AS (
    SELECT id, steps, support_types, countries,
        websearch_to_tsquery(%(config)s::regconfig, %(words)s) AS words
    FROM practices_practice WHERE id = %(id)s
),
pool AS (
    (SELECT other.id FROM practices_practice AS other, this
     WHERE other.status = %(published)s AND other.id <> this.id
       AND other.search_vector @@ websearch_to_tsquery(%(config)s::regconfig, %(words)s)
     ORDER BY other.published_at DESC, other.id DESC LIMIT %(pool)s)
    UNION
    (SELECT other.id FROM practices_practice AS other, this
     WHERE other.status = %(published)s AND other.id <> this.id
       AND other.countries && this.countries AND other.steps && this.steps
     ORDER BY other.published_at DESC, other.id DESC LIMIT %(pool)s)
)
SELECT other.id,
    4 * ts_rank(other.search_vector, this.words)
    + cardinality(ARRAY(SELECT unnest(other.steps) INTERSECT SELECT unnest(this.steps)))
    + cardinality(ARRAY(
        SELECT unnest(other.support_types) INTERSECT SELECT unnest(this.support_types)))
    + 2 * cardinality(ARRAY(
        SELECT unnest(other.countries) INTERSECT SELECT unnest(this.countries))) AS score
FROM pool JOIN practices_practice AS other USING (id), this
ORDER BY score DESC, other.published_at DESC, other.id DESC
LIMIT %(stored)s
"""


def title_words(title: str) -> str:
    """The title's words as a web-search query matching any of them."""
    words = re.findall(r"\w+", fold_accents(title))[:MAX_TITLE_WORDS]
    return " OR ".join(words)


@transaction.atomic
def refresh_similar(*, practice_id: int) -> int:
    """Stores the practices closest to practice `practice_id` and, when it is published, offers
    it to their own lists; returns how many are stored. Safe to run twice, and on a practice
    removed since (nothing is stored)."""
    practice = (
        Practice.objects.filter(pk=practice_id)
        .only("id", "title", "status", "search_config")
        .first()
    )
    if practice is None:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            CANDIDATES,
            {
                "id": practice.pk,
                # A constant query, not one read from the row: the planner then knows how
                # many rows it matches, and walks the newest first when they are many.
                "config": practice.search_config,
                "words": title_words(practice.title),
                "published": Status.PUBLISHED,
                "pool": POOL_SIZE,
                "stored": STORED_COUNT,
            },
        )
        closest = cursor.fetchall()
    SimilarPractice.objects.filter(practice=practice).delete()
    SimilarPractice.objects.bulk_create(
        SimilarPractice(practice=practice, similar_id=other_id, score=score)
        for other_id, score in closest
    )
    if practice.status == Status.PUBLISHED and closest:
        _offer_to_neighbours(practice, closest)
    return len(closest)


def _offer_to_neighbours(practice: Practice, closest: list[tuple[int, float]]) -> None:
    """Puts `practice` in the lists of the practices it is close to, each list then cut back to
    its STORED_COUNT closest (the closeness is symmetric)."""
    SimilarPractice.objects.bulk_create(
        [
            SimilarPractice(practice_id=other_id, similar=practice, score=score)
            # In the order of the rows they lock, so two refreshes never deadlock.
            for other_id, score in sorted(closest)
        ],
        update_conflicts=True,
        unique_fields=["practice", "similar"],
        update_fields=["score"],
    )
    with connection.cursor() as cursor:
        cursor.execute(
            """
            DELETE FROM practices_similarpractice WHERE id IN (
                SELECT id FROM (
                    SELECT id, row_number() OVER (
                        PARTITION BY practice_id ORDER BY score DESC, similar_id DESC
                    ) AS place
                    FROM practices_similarpractice WHERE practice_id = ANY(%s)
                ) AS ranked
                WHERE place > %s
            )
            """,
            [[other_id for other_id, _score in closest], STORED_COUNT],
        )
