"""Embedded PostgreSQL for machines without a database server.

When ``DATABASE_URL`` is unset, settings call :func:`database_config`, which starts (or reuses) a
PostgreSQL server from the ``pgserver`` wheel with its data under ``.data/postgres`` in the
checkout. The server is left running when the process exits so the next command reuses it; its
socket lives in the data folder (or a short temporary path when that one is too long), so it
never competes for a TCP port.
"""

from __future__ import annotations

from pathlib import Path

DATABASE_NAME = "hub"


def database_config(data_dir: Path) -> dict:
    import warnings

    # pgserver asks platformdirs for a runtime folder it does not use here; the warning that
    # XDG_RUNTIME_DIR is unset would otherwise open every command's output.
    warnings.filterwarnings("ignore", module="platformdirs")
    import pgserver  # imported here: only machines without DATABASE_URL need it

    data_dir.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(data_dir, cleanup_mode=None)
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    info = server.get_postmaster_info()
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "HOST": str(info.socket_dir),
        "PORT": "",
    }
