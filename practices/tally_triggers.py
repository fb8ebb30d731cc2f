"""The statement triggers that keep PracticeTally (practices.models) current in the
transaction of every write to the practice table, and the facets they count under. Plain SQL
on the table's columns: this module imports no model, so practices.models can declare them."""

import pgtrigger

# What a practice is counted under in PracticeTally, beside its status, visibility and region:
# each facet and the value(s) it carries there (an array counts once per code it holds).
TALLIED_VALUES = """
    VALUES ('total', ''), ('kind', changed.kind), ('language', changed.language),
        ('rubric:replicable', CASE WHEN changed.replicable THEN '' END),
        ('rubric:migrants-participated', CASE WHEN changed.migrants_participated THEN '' END),
        ('rubric:evaluated', CASE WHEN changed.evaluated THEN '' END)
    UNION ALL SELECT 'principle', unnest(changed.principles)
    UNION ALL SELECT 'step', unnest(changed.steps)
    UNION ALL SELECT 'dimension', unnest(changed.dimensions)
    UNION ALL SELECT 'support_type', unnest(changed.support_types)
    UNION ALL SELECT 'country', unnest(changed.countries)
    UNION ALL SELECT 'country-step', country || ' ' || step
        FROM unnest(changed.countries) AS country, unnest(changed.steps) AS step
"""
# The facet counting each country-and-step pair a practice carries (value "ITA arrival"),
# which the trail of a route reads; not a facet of any list.
PAIR_FACET = "country-step"
TALLIED_COLUMNS = (
    "status, visibility, region_code, kind, language, replicable, migrants_participated, "
    "evaluated, principles, steps, dimensions, support_types, countries"
)


def _tally_change(rows: str) -> str:
    """The body of a statement trigger that adds to PracticeTally what the statement changed:
    `rows` selects the changed practices with a `sign` (+1 what is there now, -1 what was).

    The cells are updated in one order, so two writers that touch the same cells wait for each
    other instead of deadlocking."""
    return f"""
        INSERT INTO practices_practicetally
            (status, visibility, region_id, facet, value, count)
        SELECT changed.status, changed.visibility, coalesce(changed.region_code, ''),
            tallied.facet, tallied.value, sum(changed.sign)
        FROM ({rows}) AS changed
        CROSS JOIN LATERAL ({TALLIED_VALUES}) AS tallied (facet, value)
        WHERE tallied.value IS NOT NULL
        GROUP BY 1, 2, 3, 4, 5
        HAVING sum(changed.sign) <> 0
        ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (status, visibility, region_id, facet, value)
        DO UPDATE SET count = practices_practicetally.count + excluded.count;
        RETURN NULL;
    """


TALLY_TRIGGERS = [
    pgtrigger.Trigger(
        name="tally_insert",
        level=pgtrigger.Statement,
        when=pgtrigger.After,
        operation=pgtrigger.Insert,
        referencing=pgtrigger.Referencing(new="new_rows"),
        func=_tally_change(f"SELECT 1 AS sign, {TALLIED_COLUMNS} FROM new_rows"),
    ),
    pgtrigger.Trigger(
        name="tally_update",
        level=pgtrigger.Statement,
        when=pgtrigger.After,
        operation=pgtrigger.Update,
        referencing=pgtrigger.Referencing(old="old_rows", new="new_rows"),
        func=_tally_change(
            f"SELECT 1 AS sign, {TALLIED_COLUMNS} FROM new_rows "
            f"UNION ALL SELECT -1, {TALLIED_COLUMNS} FROM old_rows"
        ),
    ),
    pgtrigger.Trigger(
        name="tally_delete",
        level=pgtrigger.Statement,
        when=pgtrigger.After,
        operation=pgtrigger.Delete,
        referencing=pgtrigger.Referencing(old="old_rows"),
        func=_tally_change(f"SELECT -1 AS sign, {TALLIED_COLUMNS} FROM old_rows"),
    ),
    pgtrigger.Trigger(
        name="tally_truncate",
        level=pgtrigger.Statement,
        when=pgtrigger.After,
        operation=pgtrigger.Truncate,
        func="DELETE FROM practices_practicetally; RETURN NULL;",
    ),
]
