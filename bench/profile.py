"""Where a request's time goes beyond its SQL: pyinstrument's call tree of a page or endpoint
requested many times in this process (django.test.Client, anonymous, DEBUG off), the time per
request beside the raw SQL of its statements, and the CPU time this process spent per request
(what Django, DRF and the view cost, however loaded the database is).

    .venv/bin/python bench/profile.py [--runs 200] [URL ...]

URL defaults to the API list and a practice's API detail ("{practice}" in a URL stands for the
newest public practice). The database is the one the other benches use (DATABASE_URL if set).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common
from bench.common import replay

DEFAULT_URLS = ["/api/v1/practices/", "/api/v1/practices/{practice}/"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("urls", nargs="*", default=DEFAULT_URLS)
    parser.add_argument("--runs", type=int, default=200, help="profiled requests per URL")
    parser.add_argument("--depth", type=int, default=40, help="lines of the call tree shown")
    return parser.parse_args()


def main():
    args = parse_args()
    os.environ["API_ANON_RATE"] = "1000000/minute"
    os.environ["STATIC_MANIFEST"] = "0"
    common.setup_django("bench")
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from pyinstrument import Profiler

    from practices.models import Practice

    newest = Practice.objects.visible_to(None).published().order_by("-published_at").first()
    client = Client()
    for template in args.urls:
        url = template.format(practice=newest.pk)
        for _ in range(10):
            client.get(url)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        statements = [query["sql"] for query in captured.captured_queries]
        timings, raw, cpu = [], [], []
        for _ in range(args.runs):
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(url)
            timings.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
            raw.append(replay(statements))
        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(args.runs):
            client.get(url)
        profiler.stop()
        request, sql = statistics.median(timings) * 1000, statistics.median(raw) * 1000
        print(f"=== {url}: {request:.1f} ms per request, raw SQL {sql:.1f} ms, ", end="")
        print(f"beyond it {request - sql:.1f} ms ({len(statements)} statements); ", end="")
        # CPU time of this process alone: what Python costs, whatever the database's load.
        print(f"Python CPU {statistics.median(cpu) * 1000:.1f} ms per request")
        tree = profiler.output_text(unicode=False, color=False, show_all=False)
        print("\n".join(tree.splitlines()[: args.depth]))


if __name__ == "__main__":
    sys.exit(main())
