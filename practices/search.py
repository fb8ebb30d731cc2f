"""Full-text search and facet counts over a queryset the caller has already limited to what the
user may see (Practice.objects.visible_to)."""

from __future__ import annotations

import functools
import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Case, F, FloatField, Q, QuerySet, TextField, Value, When
from django.utils.translation import get_language, gettext, gettext_lazy

from core import taxonomy
from core.taxonomy import term_labeller
from practices.accents import fold_accents, fold_accents_sql, fold_with_origins
from practices.models import SEARCH_CONFIG_FALLBACK, SEARCH_CONFIGS

CONFIGS = [*SEARCH_CONFIGS.values(), SEARCH_CONFIG_FALLBACK]

# Longer queries reach PostgreSQL's parser recursion limit ("stack depth limit exceeded" at a
# few thousand words); no one types a thousand characters into a search box.
QUERY_MAX_LENGTH = 1000
# The parser keeps at most 32 operators waiting for their word ("tsquery stack too small"): a
# run of hyphens is a run of NOTs, whatever spaces or punctuation stand between them.
MAX_HYPHENS_IN_A_ROW = 32


def validate_query(q: str) -> None:
    """Refuses, with a message the searcher can act on, a query PostgreSQL would not parse."""
    if _longest_hyphen_run(q) > MAX_HYPHENS_IN_A_ROW:
        raise ValidationError(
            gettext_lazy(
                "Too many hyphens in a row: a search takes at most %(limit)d together "
                "(a hyphen before a word leaves that word out)."
            ),
            code="too_many_hyphens",
            params={"limit": MAX_HYPHENS_IN_A_ROW},
        )


def _longest_hyphen_run(q: str) -> int:
    # Counted as the parser could see them: a word or a quote ends a run, anything else does
    # not (checked against PostgreSQL on random strings: it errs only on the side of refusing).
    run = longest = 0
    for char in q:
        if char == "-":
            run += 1
            longest = max(longest, run)
        elif char.isalnum() or char in '"_':
            run = 0
    return longest


def _query(q: str, config: str) -> SearchQuery:
    # The stored vector is built from folded text (see practices.models), so is the query.
    return SearchQuery(fold_accents(q), search_type="websearch", config=config)


def search(queryset: QuerySet, q: str, *, ranked: bool = True) -> QuerySet:
    """Rows matching `q` (web-search syntax: "a phrase", OR, -word; accents optional),
    annotated with `rank` unless `ranked` is false (counting needs no order, and the
    annotation costs to build). `q` has passed validate_query.

    Each row is matched with the query parsed in its own language's configuration, so French
    stems meet French stems. One branch per configuration, each of which the GIN index on
    search_vector answers (a single expression with a per-row configuration could not use it).
    """
    queries = {config: _query(q, config) for config in CONFIGS}
    match = Q()
    for config, query in queries.items():
        match |= Q(search_config=config, search_vector=query)
    queryset = queryset.filter(match)
    if not ranked:
        return queryset
    ranks = [
        When(search_config=config, then=SearchRank(F("search_vector"), query))
        for config, query in queries.items()
    ]
    return queryset.annotate(rank=Case(*ranks, default=Value(0.0), output_field=FloatField()))


# Where ts_headline marks a match; characters no summary holds, so they cannot be confused
# with its text (a summary may itself contain "<mark>").
_START, _STOP = "\ue000", "\ue001"
_MARKERS = re.compile(f"([{_START}{_STOP}])")


def with_snippets(queryset: QuerySet, q: str) -> list:
    """The rows of `queryset` (a page of results), each with `snippet`: its summary with the
    matched words in <mark>.

    PostgreSQL can only find the words in the folded summary (as the search did); the marks
    are then carried over to the summary as written, accents and all."""
    whens = [
        When(
            search_config=config,
            then=SearchHeadline(
                fold_accents_sql(F("summary")),
                _query(q, config),
                config=config,
                start_sel=_START,
                stop_sel=_STOP,
                highlight_all=True,
            ),
        )
        for config in CONFIGS
    ]
    marked = Case(*whens, default=Value(""), output_field=TextField())
    rows = list(queryset.annotate(marked_summary=marked))
    for row in rows:
        row.snippet = _marks_on_original(row.summary, row.marked_summary)
    return rows


def _marks_on_original(summary: str, marked_folded: str) -> str:
    """`summary` with <mark> where ts_headline put its markers in the folded summary; the
    summary without marks if the two do not line up."""
    folded = fold_with_origins(summary)
    if folded is None:
        return summary
    folded_text, origins = folded
    pieces, position, copied = [], 0, 0
    for part in _MARKERS.split(marked_folded):
        if part in (_START, _STOP):
            at = origins[position] if position < len(origins) else len(summary)
            pieces += [summary[copied:at], "<mark>" if part == _START else "</mark>"]
            copied = at
        elif folded_text.startswith(part, position):
            position += len(part)
        else:
            return summary
    if position != len(folded_text):
        return summary
    return "".join([*pieces, summary[copied:]])


# facet name → (column or array column, code → English name of its vocabulary or None)
FACETS = {
    "region": ("region_id", taxonomy.names("region"), False),
    "principle": ("principles", taxonomy.names("principle"), True),
    "step": ("steps", taxonomy.names("step"), True),
    "dimension": ("dimensions", taxonomy.names("dimension"), True),
    "support_type": ("support_types", taxonomy.names("support_type"), True),
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


def facet_counts(queryset: QuerySet) -> tuple[int, dict[str, list[dict]]]:
    """The total and every facet's counts for `queryset`, in one SQL statement."""
    total, counts = count_facets(queryset)
    return total, labelled_facets(counts)


def count_facets(queryset: QuerySet) -> tuple[int, dict[str, dict[str, int]]]:
    """The total and, per facet, the rows carrying each value, counted from the rows: by name
    in FACETS, and under "rubric:<code>" (value "") the rows meeting each quality criterion."""
    groups = {name: (column, is_array) for name, (column, _vocabulary, is_array) in FACETS.items()}
    flags = {f"rubric:{code}": column for code, column in RUBRIC.items()}
    total, counts, _pairs = count_values(queryset, groups, flags=flags)
    return total, counts


def count_values(
    queryset: QuerySet,
    groups: dict[str, tuple[str, bool]],
    *,
    pairs: dict[str, tuple[str, str]] | None = None,
    flags: dict[str, str] | None = None,
) -> tuple[int, dict[str, dict[str, int]], dict[str, dict[tuple[str, str], int]]]:
    """Counts over the rows of `queryset`, in one SQL statement: the total; per group
    (name → (column, is_array)) the rows carrying each value, array tags through unnest so a
    practice counts once in each value it carries; per pair (name → (array column, column)) the
    rows carrying each combination; per flag (name → boolean column) the rows where it holds.

    The filtered rows are read once (a materialised CTE) and only the counts come back, so
    memory does not grow with the number of practices. Any app's queryset may be counted:
    only the columns named are read.
    """
    pairs = pairs or {}
    flags = flags or {}
    # The key too, so that two rows alike in every counted column stay two rows.
    columns = {queryset.model._meta.pk.attname, *flags.values()}
    columns |= {column for column, _is_array in groups.values()}
    for array_column, column in pairs.values():
        columns |= {array_column, column}
    sql, params = queryset.order_by().values(*sorted(columns)).query.sql_with_params()
    parts = ["SELECT 'total', '', '', count(*) FROM filtered"]
    for name, (column, is_array) in groups.items():
        if is_array:
            parts.append(
                f"SELECT '{name}', value, '', count(*) FROM filtered, "
                f"unnest(filtered.{column}) AS value GROUP BY value"
            )
        else:
            parts.append(f"SELECT '{name}', {column}, '', count(*) FROM filtered GROUP BY {column}")
    for name, (array_column, column) in pairs.items():
        parts.append(
            f"SELECT '{name}', value, {column}, count(*) FROM filtered, "
            f"unnest(filtered.{array_column}) AS value GROUP BY value, {column}"
        )
    for name, column in flags.items():
        parts.append(f"SELECT '{name}', '', '', count(*) FROM filtered WHERE {column}")
    statement = f"WITH filtered AS MATERIALIZED ({sql}) " + " UNION ALL ".join(parts)
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall()

    total = 0
    counts: dict[str, dict[str, int]] = {name: {} for name in [*groups, *flags]}
    pair_counts: dict[str, dict[tuple[str, str], int]] = {name: {} for name in pairs}
    for name, value, second, count in rows:
        if name == "total":
            total = count
        elif name in pairs:
            pair_counts[name][(value, second)] = count
        else:
            counts[name][value] = count
    return total, counts, pair_counts


def count_codes(
    queryset: QuerySet,
    groups: dict[str, tuple[str, bool, list[str]]],
    *,
    pairs: dict[str, tuple[str, list[str], str, list[str]]] | None = None,
) -> tuple[int, dict[str, dict[str, int]], dict[str, dict[tuple[str, str], int]]]:
    """Counts of closed vocabularies over the rows of `queryset`, in one scan: the total; per
    group (name → (column, is_array, codes)) the rows carrying each code; per pair (name →
    (array column, its codes, column, its codes)) the rows carrying each combination.

    Where every value is known beforehand (the taxonomy), one `count(*) FILTER (...)` per
    code reads the rows once, with no CTE: PostgreSQL can then scan in parallel, which a
    materialised CTE (count_values, for open-ended facets such as country) prevents.
    """
    pairs = pairs or {}
    columns = {column for column, _is_array, _codes in groups.values()}
    for array_column, _codes, column, _second_codes in pairs.values():
        columns |= {array_column, column}
    sql, params = queryset.order_by().values(*sorted(columns)).query.sql_with_params()
    aggregates, aggregate_params, keys = ["count(*)"], [], [("total", None)]
    for name, (column, is_array, codes) in groups.items():
        condition = f"%s = ANY(filtered.{column})" if is_array else f"filtered.{column} = %s"
        for code in codes:
            aggregates.append(f"count(*) FILTER (WHERE {condition})")
            aggregate_params.append(code)
            keys.append((name, code))
    for name, (array_column, codes, column, second_codes) in pairs.items():
        for code in codes:
            for second in second_codes:
                aggregates.append(
                    f"count(*) FILTER (WHERE %s = ANY(filtered.{array_column}) "
                    f"AND filtered.{column} = %s)"
                )
                aggregate_params += [code, second]
                keys.append((name, (code, second)))
    statement = f"SELECT {', '.join(aggregates)} FROM ({sql}) AS filtered"
    with connection.cursor() as cursor:
        cursor.execute(statement, [*aggregate_params, *params])
        row = cursor.fetchone()

    total = row[0]
    counts: dict[str, dict[str, int]] = {name: {} for name in groups}
    pair_counts: dict[str, dict[tuple[str, str], int]] = {name: {} for name in pairs}
    for (name, key), count in zip(keys[1:], row[1:], strict=True):
        if name in pairs:
            pair_counts[name][key] = count
        else:
            counts[name][key] = count
    return total, counts, pair_counts


def labelled_facets(counts: dict[str, dict[str, int]]) -> dict[str, list[dict]]:
    """The facets of the lists and the API from counts shaped as count_facets gives them."""
    facets: dict[str, list[dict]] = {}
    language = get_language()
    for name, (_column, vocabulary, _is_array) in FACETS.items():
        found = counts.get(name, {})
        if vocabulary is not None:
            # Every value of a small vocabulary is listed, zeros included, in its own order.
            facets[name] = [
                {"value": code, "label": label, "count": found.get(code, 0)}
                for code, label in _translated_labels(name, language)
            ]
        else:
            label = term_labeller(name)
            facets[name] = sorted(
                (
                    {"value": value, "label": label(value), "count": count}
                    for value, count in found.items()
                    if value is not None
                ),
                key=lambda item: (-item["count"], item["label"]),
            )
    facets["rubric"] = [
        {
            "value": code,
            "label": label,
            "count": counts.get(f"rubric:{code}", {}).get("", 0),
        }
        for code, label in _translated_labels("rubric", language)
    ]
    return facets


@functools.cache
def _translated_labels(name: str, language: str | None) -> list[tuple[str, str]]:
    """(code, label in `language`) of a facet's vocabulary, translated once per language
    rather than on every list request (`language`, the active one, is the cache's key)."""
    if name == "rubric":
        return [(code, gettext(RUBRIC_LABELS[code])) for code in RUBRIC]
    return [(code, gettext(label)) for code, label in FACETS[name][1].items()]
