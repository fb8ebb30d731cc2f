"""Full-text search and facet counts over a queryset the caller has already limited to what the
user may see (Practice.objects.visible_to)."""

from __future__ import annotations

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When
from django.utils.translation import gettext

from core import taxonomy
from practices.models import SEARCH_CONFIG_FALLBACK, SEARCH_CONFIGS
from practices.rendering import term_label

CONFIGS = [*SEARCH_CONFIGS.values(), SEARCH_CONFIG_FALLBACK]


def search(queryset: QuerySet, q: str) -> QuerySet:
    """Rows matching `q` (web-search syntax: "a phrase", OR, -word), annotated with `rank`.

    Each row is matched with the query parsed in its own language's configuration, so French
    stems meet French stems. One branch per configuration, each of which the GIN index on
    search_vector answers (a single expression with a per-row configuration could not use it).
    """
    match = Q()
    ranks = []
    for config in CONFIGS:
        query = SearchQuery(q, search_type="websearch", config=config)
        match |= Q(search_config=config, search_vector=query)
        ranks.append(When(search_config=config, then=SearchRank(F("search_vector"), query)))
    return queryset.filter(match).annotate(
        rank=Case(*ranks, default=Value(0.0), output_field=FloatField())
    )


def with_snippets(queryset: QuerySet, q: str) -> QuerySet:
    """Adds `snippet`: the summary with the matched words in <mark>; for a page of results."""
    whens = [
        When(
            search_config=config,
            then=SearchHeadline(
                "summary",
                SearchQuery(q, search_type="websearch", config=config),
                config=config,
                start_sel="<mark>",
                stop_sel="</mark>",
                max_words=40,
                min_words=20,
                highlight_all=True,
            ),
        )
        for config in CONFIGS
    ]
    return queryset.annotate(snippet=Case(*whens, default=F("summary")))


# facet name → (column or array column, vocabulary as (code, English name) or None)
FACETS = {
    "region": ("region_id", taxonomy.REGIONS, False),
    "principle": ("principles", [(c, n) for c, n, *_rest in taxonomy.PRINCIPLES], True),
    "step": ("steps", taxonomy.STEPS, True),
    "dimension": ("dimensions", taxonomy.DIMENSIONS, True),
    "support_type": ("support_types", taxonomy.SUPPORT_TYPES, True),
    "country": ("countries", None, True),
    "kind": ("kind", None, False),
    "language": ("language", None, False),
}
RUBRIC = {
    "replicable": "replicable",
    "migrants-participated": "migrants_participated",
    "evaluated": "evaluated",
}
RUBRIC_LABELS = {
    "replicable": "Replicable",
    "migrants-participated": "Migrants participated",
    "evaluated": "Evaluated",
}
FACET_COLUMNS = [
    "id",
    "kind",
    "language",
    "region_id",
    "countries",
    "steps",
    "dimensions",
    "support_types",
    "principles",
    "replicable",
    "migrants_participated",
    "evaluated",
]


def facet_counts(queryset: QuerySet) -> tuple[int, dict[str, list[dict]]]:
    """The total and every facet's counts for `queryset`, in one SQL statement.

    The filtered rows are read once (a materialised CTE); each facet is a GROUP BY over them,
    array tags through unnest, so a practice counts once in each value it carries.
    """
    sql, params = queryset.order_by().values(*FACET_COLUMNS).query.sql_with_params()
    parts = ["SELECT 'total', '', count(*) FROM filtered"]
    for name, (column, _vocabulary, is_array) in FACETS.items():
        if is_array:
            parts.append(
                f"SELECT '{name}', value, count(*) FROM filtered, unnest(filtered.{column}) "
                f"AS value GROUP BY value"
            )
        else:
            parts.append(f"SELECT '{name}', {column}, count(*) FROM filtered GROUP BY {column}")
    for code, column in RUBRIC.items():
        parts.append(f"SELECT 'rubric', '{code}', count(*) FROM filtered WHERE {column}")
    statement = f"WITH filtered AS MATERIALIZED ({sql}) " + " UNION ALL ".join(parts)
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall()

    counts: dict[str, dict[str, int]] = {}
    total = 0
    for facet, value, count in rows:
        if facet == "total":
            total = count
        else:
            counts.setdefault(facet, {})[value] = count
    return total, _labelled(counts)


def _labelled(counts: dict[str, dict[str, int]]) -> dict[str, list[dict]]:
    facets: dict[str, list[dict]] = {}
    for name, (_column, vocabulary, _is_array) in FACETS.items():
        found = counts.get(name, {})
        if vocabulary is not None:
            # Every value of a small vocabulary is listed, zeros included, in its own order.
            facets[name] = [
                {"value": code, "label": gettext(label), "count": found.get(code, 0)}
                for code, label in vocabulary
            ]
        else:
            facets[name] = sorted(
                (
                    {"value": value, "label": term_label(name, value), "count": count}
                    for value, count in found.items()
                    if value is not None
                ),
                key=lambda item: (-item["count"], item["label"]),
            )
    facets["rubric"] = [
        {
            "value": code,
            "label": gettext(RUBRIC_LABELS[code]),
            "count": counts.get("rubric", {}).get(code, 0),
        }
        for code in RUBRIC
    ]
    return facets
