"""Trail benchmark: p50 and p95 of a route's trail page (`/routes/<slug>/`) and of its JSON
(`/api/v1/routes/<slug>/trail/`) beside the raw SQL time of the same reads, on a route of 20
stops with 5,000 active offers of 100 societies, in the same run.

    .venv/bin/python bench/trail.py [--offers 5000] [--practices 10000] [--runs 40] [--quick]

It measures in a database of its own (`bench_trail`, `bench_trail_quick` with --quick, on the
embedded server; or DATABASE_URL), created, migrated and filled when missing. Requests go
through django.test.Client in-process as an anonymous visitor with DEBUG off; the raw SQL time
replays, on the same connection, the statements one request ran, alternating with the
requests (bench.common). "diff" is what Django, the templates and JSON add on top of SQL.

Each URL is measured twice: "built", with the cache emptied before every request, so the
trail is read and rendered from scratch (what the first reader after a write waits for); and
"served", as readers get it until the next write (networks.trail.cached_trail), beside both
its own statements and the raw SQL of building it ("build SQL").
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


from bench.common import ensure_practices, percentile, replay, setup_django

SLUG = "bench-trail"
STOPS = 20
SOCIETIES = 100
# The bar the trail is held to.
MAX_OVERHEAD_MS = 10


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--offers", type=int, default=5000)
    parser.add_argument("--practices", type=int, default=10_000, help="at least this many")
    parser.add_argument("--runs", type=int, default=40, help="timed runs per URL")
    parser.add_argument("--warmup", type=int, default=5, help="untimed runs first")
    parser.add_argument("--quick", action="store_true", help="500 offers, 1000 practices")
    args = parser.parse_args()
    if args.quick:
        args.offers, args.practices, args.runs, args.warmup = 500, 1000, 15, 3
    return args


def ensure_route(offers: int):
    """The benchmark's route, its stops and offers, made once (bulk inserted)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from core import taxonomy
    from core.audience import Visibility
    from core.models import NationalSociety
    from networks.models import ContactsVisibility, Route, RouteStop, SupportOffer

    route = Route.objects.filter(slug=SLUG).first()
    if route is not None and SupportOffer.objects.filter(is_demo=False).count() >= offers:
        return route
    print(f"Making the route with {STOPS} stops and {offers} offers of {SOCIETIES} societies ...")
    rng = random.Random(8103)
    societies = list(NationalSociety.objects.national_societies().order_by("pk")[:SOCIETIES])
    countries = list(dict.fromkeys(society.country_id for society in societies))[:STOPS]
    steps = [code for code in taxonomy.codes("step") if code != "across-the-trail"]
    support_types = list(taxonomy.codes("support_type"))
    today = timezone.localdate()
    with transaction.atomic():
        SupportOffer.objects.filter(is_demo=False).delete()
        Route.objects.filter(slug=SLUG).delete()
        route = Route.objects.create(slug=SLUG, name="Benchmark route")
        stops = [
            RouteStop(
                route=route,
                position=position,
                country_id=country,
                steps=sorted(rng.sample(steps, rng.randint(1, 3)), key=steps.index),
            )
            for position, country in enumerate(countries, start=1)
        ]
        RouteStop.objects.bulk_create(stops)
        rows = []
        for number in range(offers):
            stop = stops[number % len(stops)]
            offer_steps = [rng.choice(stop.steps)]
            if rng.random() < 0.1:
                offer_steps.append("across-the-trail")
            rows.append(
                SupportOffer(
                    society=societies[number % len(societies)],
                    country_id=stop.country_id,
                    name=f"Support point {number}",
                    description="Information, first aid and referrals.",
                    steps=offer_steps,
                    support_types=rng.sample(support_types, rng.randint(1, 2)),
                    target_groups=rng.sample(["children", "women", "refugees"], 1),
                    languages=rng.sample(["en", "fr", "ar", "es", "ti", "so"], 2),
                    phone=f"+1 555 {number:04d}",
                    email=f"point{number}@example.org",
                    visibility=Visibility.MOVEMENT if rng.random() < 0.1 else Visibility.PUBLIC,
                    contacts_visibility=ContactsVisibility.MOVEMENT
                    if rng.random() < 0.2
                    else ContactsVisibility.PUBLIC,
                    last_confirmed_on=today - datetime.timedelta(days=rng.randint(0, 400)),
                )
            )
        SupportOffer.objects.bulk_create(rows, batch_size=1000)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE networks_supportoffer")
    return route


def captured(client, url: str, *, cold: bool) -> list[str]:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if cold:
        cache.clear()
    else:
        client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200, response.content[:300]
    return [query["sql"] for query in queries.captured_queries]


def measure(client, url: str, args, *, cold: bool) -> dict:
    from django.core.cache import cache

    statements = captured(client, url, cold=cold)
    built = captured(client, url, cold=True) if not cold else statements
    for _ in range(args.warmup):
        client.get(url)
        replay(statements)
    timings, raw, build_raw = [], [], []
    # Request and replay alternate, so that both see the same load on a shared machine.
    for _ in range(args.runs):
        if cold:
            cache.clear()
        else:
            build_raw.append(replay(built))
        started = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200
        raw.append(replay(statements))
    return {
        "p50": statistics.median(timings) * 1000,
        "p95": percentile(timings, 0.95) * 1000,
        "raw": statistics.median(raw) * 1000,
        "raw95": percentile(raw, 0.95) * 1000,
        "build": statistics.median(build_raw or raw) * 1000,
        "queries": len(statements),
        "bytes": len(response.content),
    }


def main():
    args = parse_args()
    os.environ["API_ANON_RATE"] = "1000000/minute"
    url = setup_django("bench_trail_quick" if args.quick else "bench_trail")
    from django.test import Client
    from django.urls import reverse

    from networks.models import SupportOffer

    practices = ensure_practices(args.practices)
    route = ensure_route(args.offers)
    client = Client()
    offers = SupportOffer.objects.filter(is_demo=False).count()
    print(f"Database: {url}")
    print(
        f"Route: {route.stops.count()} stops, {offers} offers of {SOCIETIES} societies, "
        f"{practices} practices; {args.runs} runs after {args.warmup} warm-up runs; "
        "times in ms, as an anonymous visitor\n"
    )
    header = (
        f"{'request':<46} {'p50':>7} {'p95':>7} {'raw p50':>8} {'raw p95':>8} "
        f"{'diff':>6} {'build SQL':>9} {'queries':>7} {'KiB':>6}  bar"
    )
    print(header)
    print("-" * len(header))
    page = reverse("networks:route-trail", args=[SLUG])
    api = reverse("api:route-trail", args=[SLUG])
    failures = []
    for label, target in [
        ("trail page", page),
        ("trail page ?support_type=protection", page + "?support_type=protection"),
        ("trail API", api),
        ("trail API ?language=ar", api + "?language=ar"),
    ]:
        for how in ("built", "served"):
            result = measure(client, target, args, cold=how == "built")
            name = f"{label} ({how})"
            missed = result["p50"] > result["raw"] + MAX_OVERHEAD_MS
            failures += [name] if missed and how == "served" else []
            mark = "MISS" if missed else "ok"
            print(
                f"{name:<46} {result['p50']:>7.1f} {result['p95']:>7.1f} {result['raw']:>8.1f} "
                f"{result['raw95']:>8.1f} {result['p50'] - result['raw']:>+6.1f} "
                f"{result['build']:>9.1f} {result['queries']:>7} {result['bytes'] / 1024:>6.0f}  "
                f"{mark if how == 'served' else '-'}"
            )
    print(f"\nBar (served p50 within its raw SQL + {MAX_OVERHEAD_MS} ms): ", end="")
    print("met" if not failures else "missed: " + ", ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
