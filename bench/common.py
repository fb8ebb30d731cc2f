"""What the benchmarks share: a database of their own, Django set up as in production, the
practices to measure on, percentiles, and the replay of a request's SQL on a plain cursor (the
raw SQL time each bench sets beside its own)."""

from __future__ import annotations

import os
import secrets
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def use_bench_database(name: str) -> str:
    """Points DATABASE_URL at database `name` on the embedded server (unless it is set)."""
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    import psycopg

    from config.embedded_db import database_config

    server = database_config(ROOT / ".data" / "postgres")  # starts the server if need be
    with psycopg.connect(
        host=server["HOST"], user=server["USER"], dbname="postgres", autocommit=True
    ) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')
    # A socket directory goes in the query string: django-environ does not decode a
    # percent-encoded host.
    os.environ["DATABASE_URL"] = f"postgres://{server['USER']}@/{name}?host={server['HOST']}"
    return os.environ["DATABASE_URL"]


def setup_django(name: str) -> str:
    """Django on database `name` (or DATABASE_URL) with DEBUG off, as in production: no query
    log kept per request. Returns the database URL."""
    url = use_bench_database(name)
    os.environ["DEBUG"] = "0"
    # With DEBUG off the settings refuse a published or short key; a bench process signs
    # nothing that outlives it, so a key of its own will do.
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # WhiteNoise warns that static files were never collected; the benches need none.
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    return url


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def ensure_practices(wanted: int) -> int:
    from django.core.management import call_command
    from django.db import connection

    from practices.models import Practice

    call_command("migrate", interactive=False, verbosity=0)
    have = Practice.objects.count()
    if have < wanted:
        print(f"Generating {wanted - have} practices (the database has {have}) ...")
        call_command("generate_practices", wanted - have, seed=have + 1)
        with connection.cursor() as cursor:
            # Sets the visibility map and hint bits that a fresh COPY leaves to the first reads.
            cursor.execute("VACUUM ANALYZE practices_practice")
    return Practice.objects.count()


def replay(statements: list[str]) -> float:
    """Seconds to run the statements with a plain psycopg cursor, fetching every row."""
    from django.db import connection

    connection.ensure_connection()
    started = time.perf_counter()
    with connection.connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
            while True:  # a statement prefixed with set_config() returns two result sets
                if cursor.description is not None:
                    cursor.fetchall()
                if not cursor.nextset():
                    break
    return time.perf_counter() - started


def explain(statements: list[str]) -> None:
    from django.db import connection

    with connection.connection.cursor() as cursor:
        for sql in statements:
            # The history context that django-pghistory sets travels in front of the first
            # statement; EXPLAIN takes one statement.
            if sql.startswith("SELECT set_config('pghistory"):
                sql = sql.split("; ", 1)[1]
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            print("\n".join(row[0] for row in cursor.fetchall()))
            print()


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    """The site served by gunicorn as in production (gunicorn.conf.py), `workers` sync workers,
    DEBUG off, on a free local port, for as long as the `with` block lasts. The environment is
    this process's (database, key, rates), plus what serving without collected static files
    needs."""

    def __init__(self, *, workers: int = 2):
        self.workers = workers
        self.port = free_port()
        self.process = None

    def __enter__(self) -> Gunicorn:
        import subprocess
        import urllib.request

        env = {
            **os.environ,
            "WEB_CONCURRENCY": str(self.workers),
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
        }
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "--config",
                str(ROOT / "gunicorn.conf.py"),
                "--access-logfile",
                "/dev/null",
                "config.wsgi",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(self.url("/api/v1/"), timeout=5):
                    return self
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.3)

    def __exit__(self, *exc_info) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def fetch(url: str) -> tuple[int, float]:
    """GET `url` and read the whole body: (status, seconds)."""
    import urllib.error
    import urllib.request

    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        error.read()
        status = error.code
    return status, time.perf_counter() - started
