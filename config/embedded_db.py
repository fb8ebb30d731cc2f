"""Embedded PostgreSQL for machines without a database server.

When ``DATABASE_URL`` is unset, settings call :func:`database_config`, which starts (or reuses) a
PostgreSQL server from the ``pgserver`` wheel with its data under ``.data/postgres`` in the
checkout. The server is left running when the process exits so the next command reuses it; its
socket lives in the data folder (or a short temporary path when that one is too long), so it
never competes for a TCP port.

On exit, pgserver only takes the process off the list of its users in
``.data/postgres/.handle_pids.json`` (the last one out would stop the server, but with
``cleanup_mode=None`` none does). ``make stop`` (``python config/embedded_db.py stop``) stops
it, with ``pg_ctl``.
"""

from __future__ import annotations

import atexit
import json
import os
import sys
from pathlib import Path

DATABASE_NAME = "hub"
DATA_DIR = Path(__file__).resolve().parent.parent / ".data" / "postgres"
# pgserver rewrites this list as each process starts and exits, truncating the file first. A
# process killed during the write leaves it empty, and every later command then failed reading
# it, with a traceback at its start and at its exit. It happened on stopping `make run`: after
# Ctrl-C, runserver's reloader kills its child if it has not exited within a quarter second.
PROCESS_LIST = ".handle_pids.json"


def _pgserver():
    """The pgserver package, imported only where it is used: machines with DATABASE_URL never
    need it."""
    import warnings

    # pgserver asks platformdirs for a runtime folder it does not use here; the warning that
    # XDG_RUNTIME_DIR is unset would otherwise open every command's output.
    warnings.filterwarnings("ignore", module="platformdirs")
    import pgserver

    return pgserver


def forget_broken_process_list(data_dir: Path) -> None:
    """Removes pgserver's list of processes when it is not a JSON list: it only tells the last
    process out to stop the server, which never happens here."""
    path = data_dir / PROCESS_LIST
    try:
        readable = isinstance(json.loads(path.read_text(encoding="utf-8")), list)
    except FileNotFoundError:
        return
    except (OSError, ValueError):
        readable = False
    if not readable:
        path.unlink(missing_ok=True)


def database_config(data_dir: Path) -> dict:
    pgserver = _pgserver()
    data_dir.mkdir(parents=True, exist_ok=True)
    forget_broken_process_list(data_dir)
    server = pgserver.get_server(data_dir, cleanup_mode=None)
    # Exit handlers run last registered first: this one, before pgserver's reads the list.
    atexit.register(forget_broken_process_list, data_dir)
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


def stop(data_dir: Path = DATA_DIR) -> str:
    """Stops the embedded server if one runs on data_dir; says what it did."""
    import logging
    import subprocess

    pgserver = _pgserver()
    # pgserver logs a failed pg_ctl as an error with its whole output; the answer below says it.
    logging.getLogger("pgserver").setLevel(logging.CRITICAL)
    if not (data_dir / "postmaster.pid").exists():
        return f"No embedded PostgreSQL is running in {data_dir}."
    # As pgserver does: run as root, it runs the server as the "pgserver" user, and pg_ctl
    # refuses to run as root.
    user = "pgserver" if os.name == "posix" and os.geteuid() == 0 else None
    try:
        pgserver.pg_ctl(["-w", "stop"], pgdata=data_dir, user=user)
    except subprocess.CalledProcessError:
        return f"No embedded PostgreSQL is running in {data_dir} (a stale postmaster.pid)."
    return f"Stopped the embedded PostgreSQL in {data_dir}; the next command starts it again."


if __name__ == "__main__":
    if sys.argv[1:] != ["stop"]:
        sys.exit("usage: python config/embedded_db.py stop")
    print(stop())
