"""Data versions: a number per table that changes in the same transaction as every write to it,
and a cache keyed by them, so that a page built from several tables is built once per change
and per audience, and no reader is ever served what was true before a write they can see.

A model declares `triggers = [versioned()]` in its Meta. The statement trigger sets the
table's row in DataVersion to the next value of a sequence: a sequence never goes back, not
even when the writing transaction rolls back, so a number names one state of the table for
good (what a rolled-back test wrote is never mistaken for what the next one writes). Services,
the admin, `queryset.update()`, COPY and deletes all pass through the trigger.

`cached(name, parts, models, build)` reads the versions of `models` first (one query), then
looks for what `build()` answered for the same parts and versions; reading the versions before
the rows means an entry may hold rows newer than its key, never older.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable
from typing import Any

import pgtrigger
from django.core.cache import cache
from django.db import connection, models

logger = logging.getLogger(__name__)

SEQUENCE = "core_dataversion_seq"
# An entry outlives no day: what a page shows may depend on the date (an offer goes stale).
TIMEOUT = 24 * 60 * 60

BUMP = f"""
    INSERT INTO core_dataversion (name, version) VALUES (TG_TABLE_NAME, nextval('{SEQUENCE}'))
    ON CONFLICT (name) DO UPDATE SET version = excluded.version;
    RETURN NULL;
"""


def versioned() -> pgtrigger.Trigger:
    """The trigger a model declares in Meta.triggers for its table to have a data version."""
    return pgtrigger.Trigger(
        name="data_version",
        level=pgtrigger.Statement,
        when=pgtrigger.After,
        operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete | pgtrigger.Truncate,
        func=BUMP,
    )


def current(*tables: type[models.Model]) -> list[int]:
    """The data version of each model's table, in one query (0: never written)."""
    names = [model._meta.db_table for model in tables]
    if not names:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce((SELECT version FROM core_dataversion WHERE name = wanted), 0) "
            "FROM unnest(%s::text[]) WITH ORDINALITY AS t(wanted, position) ORDER BY position",
            [names],
        )
        return [version for (version,) in cursor.fetchall()]


def cache_key(name: str, parts: Any, versions: Iterable[int]) -> str:
    digest = hashlib.sha256(
        json.dumps([parts, list(versions)], sort_keys=True, default=str).encode()
    ).hexdigest()
    return f"{name}:{digest}"


def cached(
    name: str,
    parts: Any,
    tables: Iterable[type[models.Model]],
    build: Callable[[], Any],
    *,
    timeout: int = TIMEOUT,
) -> Any:
    """What `build()` answers, kept under `name`, `parts` (everything else the answer depends
    on: reader, language, filters, date) and the data versions of `tables`. Should the cache
    fail, the answer is built as if it were empty."""
    key = cache_key(name, parts, current(*tables))
    try:
        found = cache.get(key)
    except Exception:  # the cache is a help, never a reason to fail a page
        logger.warning("cache read failed for %s", name, exc_info=True)
        found = None
    if found is not None:
        return found
    value = build()
    try:
        cache.set(key, value, timeout)
    except Exception:
        logger.warning("cache write failed for %s", name, exc_info=True)
    return value
