"""Load benchmark: 4 and then 16 concurrent clients for 30 s each against gunicorn (2 workers,
DEBUG off), on a mixed set of catalogue, search, API and practice URLs picked at random:
requests per second, p50 / p95 / p99 latency, errors (any answer but 200), and the share of
the machine PostgreSQL used meanwhile.

    .venv/bin/python bench/load.py [--practices 100000] [--seconds 30] [--clients 4 16]

The database is the one bench/search.py and bench/pages.py use (DATABASE_URL if set). The
clients are threads of this process, each sending one request at a time and waiting for its
answer (a closed loop, as browsers do); they mostly wait on the network, so the interpreter's
lock does not pace them.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common
from bench.common import Gunicorn, ensure_practices, fetch, percentile

PRACTICE_PAGES = 50


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--practices", type=int, default=100_000, help="at least this many")
    parser.add_argument("--seconds", type=float, default=30, help="per number of clients")
    parser.add_argument("--clients", type=int, nargs="+", default=[4, 16])
    parser.add_argument("--quick", action="store_true", help="2000 practices, 10 s")
    args = parser.parse_args()
    if args.quick:
        args.practices, args.seconds = 2000, 10
    return args


def mixed_urls() -> list[str]:
    """What visitors open, in rough proportion: catalogue and API lists with and without
    filters, searches, and the pages of practices (whose similar practices are worked out
    first, as publishing them would have)."""
    from practices import similarity
    from practices.management.commands.generate_practices import MARKERS
    from practices.models import Practice

    ids = list(
        Practice.objects.visible_to(None)
        .published()
        .order_by("-published_at")
        .values_list("pk", flat=True)[: PRACTICE_PAGES * 20 : 20]
    )
    for practice_id in ids:
        similarity.refresh_similar(practice_id=practice_id)
    words = list(MARKERS)
    urls = [
        "/",
        "/practices/",
        "/practices/?region=europe",
        "/practices/?region=africa&page=3",
        f"/practices/?q={words[1]}",
        f"/practices/?q={words[2]}&region=europe",
        "/api/v1/practices/",
        "/api/v1/practices/?limit=0",
        "/api/v1/practices/?region=europe",
        "/api/v1/practices/?ordering=title&offset=200",
        f"/api/v1/practices/?q={words[0]}",
        f"/api/v1/practices/?q={words[2]}&principle=P1",
    ]
    urls += [f"/practices/{pk}/" for pk in ids[: PRACTICE_PAGES // 2]]
    urls += [f"/api/v1/practices/{pk}/" for pk in ids[PRACTICE_PAGES // 2 :]]
    return urls


def postgres_cpu(database: str) -> dict[int, float]:
    """CPU seconds (user and system) so far of each PostgreSQL backend serving `database`, by
    process id (Linux /proc; a backend names its database in its title), so that other
    databases' work on a shared server is left out."""
    ticks = os.sysconf("SC_CLK_TCK")
    seconds = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            if not title.startswith("postgres: ") or f" {database} " not in title:
                continue
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        seconds[int(entry.name)] = (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return seconds


def cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """What the backends alive at the end used since `before` (a backend that ended meanwhile
    is not counted; gunicorn's workers keep theirs open)."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def run(server: Gunicorn, urls: list[str], clients: int, seconds: float, database: str) -> dict:
    timings: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(seed: int):
        pick = random.Random(seed)
        while time.monotonic() < stop_at:
            url = pick.choice(urls)
            try:
                status, elapsed = fetch(server.url(url))
            except OSError as error:
                status, elapsed = str(error), 0.0
            with lock:
                if status == 200:
                    timings.append(elapsed)
                else:
                    errors.append(f"{status} {url}")

    cpu_before, started = postgres_cpu(database), time.monotonic()
    threads = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    return {
        "requests": len(timings) + len(errors),
        "rps": (len(timings) + len(errors)) / wall,
        "p50": statistics.median(timings) * 1000 if timings else 0,
        "p95": percentile(timings, 0.95) * 1000 if timings else 0,
        "p99": percentile(timings, 0.99) * 1000 if timings else 0,
        "errors": errors,
        "postgres_cpu": cpu_used(cpu_before, postgres_cpu(database)),
        "wall": wall,
    }


def main():
    args = parse_args()
    os.environ["API_ANON_RATE"] = "1000000/minute"
    os.environ["STATIC_MANIFEST"] = "0"  # no collectstatic for a bench
    url = common.setup_django("bench_quick" if args.quick else "bench")
    total = ensure_practices(args.practices)
    urls = mixed_urls()
    from django.db import connection

    database = connection.settings_dict["NAME"]
    print(f"Database: {url}")
    print(
        f"Practices: {total}; gunicorn, 2 workers, DEBUG off; {len(urls)} URLs at random; "
        f"{args.seconds:.0f} s per run; times in ms; {os.cpu_count()} CPUs\n"
    )
    header = (
        f"{'clients':>7} {'requests':>8} {'req/s':>7} {'p50':>7} {'p95':>7} {'p99':>7} "
        f"{'errors':>6} {'postgres CPU s':>14}"
    )
    print(header)
    print("-" * len(header))
    failed = False
    with Gunicorn(workers=2) as server:
        for url_ in urls:  # every URL answers before the clock starts
            fetch(server.url(url_))
        for clients in args.clients:
            result = run(server, urls, clients, args.seconds, database)
            print(
                f"{clients:>7} {result['requests']:>8} {result['rps']:>7.1f} "
                f"{result['p50']:>7.1f} {result['p95']:>7.1f} {result['p99']:>7.1f} "
                f"{len(result['errors']):>6} "
                f"{result['postgres_cpu']:>6.1f} of {result['wall'] * os.cpu_count():.0f}"
            )
            for error in result["errors"][:5]:
                print(f"    {error}")
            failed = failed or bool(result["errors"])
    print(f"\nErrors: {'none' if not failed else 'some (see above)'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
