"""Report benchmark: the time of a practices-overview compile (reports.services.compile_report,
end to end) beside hand-written SQL that computes the same figures, measured in the same run,
and the ratio; plus the peak memory of the worker that compiles, at two sizes of the database.

    .venv/bin/python bench/report.py [--practices 100000] [--small 10000] [--runs 20] [--quick]
                                     [--explain]

It measures in a database of its own, as bench/search.py does: DATABASE_URL if set, otherwise a
database named `bench` (`bench_quick` with --quick) on the embedded server, created and migrated
when missing and filled up to --practices with generate_practices. The memory comparison at the
smaller size uses a database `bench_<small>` next to it (not made when DATABASE_URL is set).

Each timed compile runs on a Report row created for it with a fingerprint of its own, so that it
compiles instead of finding a snapshot; the time covers compile_report from loading the row to
the final save, progress updates included, but not the creation of the row (the request's part).
The raw SQL is what a DBA would write for the same figures: one scan of practices_practice with
the same WHERE, one `count(*) FILTER (...)` per figure, through a plain psycopg cursor; its
figures are checked equal to the compile's. Compiles and raw statements alternate, so that both
see the same load on a shared machine.

Memory: a child process (this script with --worker) plays the Celery worker. It reports its
peak RSS (getrusage ru_maxrss) before and after each compile, and the tracemalloc peak of the
Python allocations during one compile, once in the large database and once in the small one:
figures computed in PostgreSQL leave the worker's memory flat whatever the number of rows. For
scale, it also shows what merely loading the counted columns of every matched row would take.
"""

# Past 500 lines on purpose: the hand-written SQL twin of the compile, the worker-memory child
# and the printed report belong together in the one script a person runs.

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import common  # noqa: E402
from bench.common import ensure_practices, percentile  # noqa: E402

# (label, filters as the report stores them, audience)
CASES = [
    ("no filter", {}, "public"),
    ("region=europe", {"region": ["europe"]}, "public"),
    (
        "kind=smart-practice&principle=P1",
        {"kind": ["smart-practice"], "principle": ["P1"]},
        "public",
    ),
    ("q=whatsapp", {"q": ["whatsapp"]}, "public"),
    ("no filter, audience ifrc", {}, "ifrc"),
]
# The bar the trail is held to.
MAX_RATIO = 2.0
# "Bounded": at ten times the rows, an unfiltered compile may allocate at most this much more
# Python memory, and may raise the worker's peak RSS by at most this much (noise of the
# allocator, not rows).
MAX_TRACED_GROWTH_KIB = 256
MAX_RSS_GROWTH_KIB = 4096

# The raw SQL is the benchmark's own baseline, written by hand; only which visibilities each
# audience reads comes from core.audience (the one rule: a second copy here could drift from
# it). How `q` matches is written out (each row in its own language's text-search
# configuration, as practices.search does).
SEARCH_CONFIGS = ["english", "french", "spanish", "arabic", "simple"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--practices", type=int, default=100_000, help="at least this many")
    parser.add_argument(
        "--small", type=int, default=10_000, help="practices of the second database (memory)"
    )
    parser.add_argument("--runs", type=int, default=20, help="timed runs per case")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs first")
    parser.add_argument("--quick", action="store_true", help="2000 and 200 practices, 10 runs")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE both statements")
    # The child processes: one fills a database, the other plays the worker.
    parser.add_argument("--fill", metavar="DATABASE", help=argparse.SUPPRESS)
    parser.add_argument("--worker", metavar="DATABASE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.quick:
        args.practices, args.small, args.runs, args.warmup = 2000, 200, 10, 2
    return args


def setup_django(name: str) -> str:
    return common.setup_django(name)


def codes() -> dict[str, list[str]]:
    from core import taxonomy

    return {
        name: list(taxonomy.codes(name))
        for name in ("kind", "step", "region", "support_type", "principle", "dimension")
    }


def audience_visibilities(audience: str) -> list[str]:
    """The visibilities of the published practices a report for `audience` counts: those its
    reader reads (an editor's, for ifrc, are every one)."""
    from core.audience import Reader

    return [str(visibility) for visibility in Reader.for_audience(audience).audiences]


def raw_where(filters: dict[str, list[str]], audience: str) -> tuple[str, list]:
    """The WHERE of the report's question, written by hand for the filters the cases use."""
    clauses = ["status = 'published'", "visibility = ANY (%s)"]
    params: list = [audience_visibilities(audience)]
    for name, values in filters.items():
        if name == "region":
            clauses.append("region_code = ANY (%s)")
            params.append(values)
        elif name == "kind":
            clauses.append("kind = ANY (%s)")
            params.append(values)
        elif name == "principle":
            clauses.append("principles && %s::varchar[]")
            params.append(values)
        elif name == "q":
            # One branch per configuration, so that the GIN index on search_vector serves each.
            branches = []
            for config in SEARCH_CONFIGS:
                branches.append(
                    "(search_config = %s::regconfig "
                    "AND search_vector @@ websearch_to_tsquery(%s::regconfig, %s))"
                )
                params += [config, config, values[0]]
            clauses.append("(" + " OR ".join(branches) + ")")
        else:
            raise ValueError(f"no hand-written SQL for the filter {name!r}")
    return " AND ".join(clauses), params


def raw_statement(filters: dict[str, list[str]], audience: str) -> tuple[str, list, list]:
    """One scan, one count per figure. Returns the SQL, its parameters and the key of each
    output column: ("total",), (figure, code) or ("step_region", step, region)."""
    vocabulary = codes()
    columns = {
        "kind": "kind = %s",
        "step": "%s = ANY (steps)",
        "region": "region_code = %s",
        "support_type": "%s = ANY (support_types)",
        "principle": "%s = ANY (principles)",
        "dimension": "%s = ANY (dimensions)",
    }
    counts, keys, params = ["count(*)"], [("total",)], []
    for figure, condition in columns.items():
        for code in vocabulary[figure]:
            counts.append(f"count(*) FILTER (WHERE {condition})")
            keys.append((figure, code))
            params.append(code)
    for step in vocabulary["step"]:
        for region in vocabulary["region"]:
            counts.append("count(*) FILTER (WHERE %s = ANY (steps) AND region_code = %s)")
            keys.append(("step_region", step, region))
            params += [step, region]
    where, where_params = raw_where(filters, audience)
    sql = f"SELECT {', '.join(counts)} FROM practices_practice WHERE {where}"
    return sql, params + where_params, keys


def run_raw(sql: str, params: list, *, parallel: bool = True) -> tuple[tuple, float]:
    """The row of counts and the seconds the statement took (execute and fetch)."""
    from django.db import connection

    connection.ensure_connection()
    with connection.connection.cursor() as cursor:
        if not parallel:
            cursor.execute("SET max_parallel_workers_per_gather = 0")
        started = time.perf_counter()
        cursor.execute(sql, params)
        row = cursor.fetchone()
        elapsed = time.perf_counter() - started
        if not parallel:
            cursor.execute("RESET max_parallel_workers_per_gather")
    return row, elapsed


def raw_figures(row: tuple, keys: list) -> dict:
    """The raw counts in the shape of the compile's result, for the figures both compute."""
    vocabulary = codes()
    figures: dict = {f"by_{figure}": {} for figure in vocabulary}
    figures["step_region"] = {
        step: {region: 0 for region in vocabulary["region"]} for step in vocabulary["step"]
    }
    for key, count in zip(keys, row, strict=True):
        if key[0] == "total":
            figures["total"] = count
        elif key[0] == "step_region":
            figures["step_region"][key[1]][key[2]] = count
        else:
            figures[f"by_{key[0]}"][key[1]] = count
    dimensions = figures.pop("by_dimension")
    tags = sum(dimensions.values())
    figures["dimension_share"] = {
        code: round(100 * count / tags, 1) if tags else 0.0 for code, count in dimensions.items()
    }
    return figures


def new_report(filters: dict, audience: str):
    from reports.models import Report, ReportKind

    return Report.objects.create(
        kind=ReportKind.PRACTICES_OVERVIEW,
        filters=filters,
        audience=audience,
        threshold=3,
        fingerprint=f"bench-{uuid.uuid4().hex}",
    )


def compile_once(filters: dict, audience: str) -> tuple[float, int]:
    """Seconds of one compile_report on a new report, and the report's id."""
    from reports.models import ReportStatus
    from reports.services import compile_report

    report = new_report(filters, audience)
    started = time.perf_counter()
    status = compile_report(report_id=report.pk)
    elapsed = time.perf_counter() - started
    assert status == ReportStatus.DONE, status
    return elapsed, report.pk


def delete_bench_reports() -> None:
    from reports.models import Report

    Report.objects.filter(fingerprint__startswith="bench-").delete()


def check_figures(report_id: int, figures: dict, label: str) -> None:
    from reports.models import Report

    result = Report.objects.get(pk=report_id).result
    for key, value in figures.items():
        assert result[key] == value, f"{label}: {key} differs\ncompile: {result[key]}\nraw: {value}"


def compile_statements(filters: dict, audience: str) -> list[str]:
    """What one compile sends to PostgreSQL."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reports.services import compile_report

    report = new_report(filters, audience)
    with CaptureQueriesContext(connection) as captured:
        compile_report(report_id=report.pk)
    return [query["sql"] for query in captured.captured_queries]


def explain(label: str, sql: str, params: list | None = None) -> None:
    from django.db import connection

    with connection.connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        print(f"--- EXPLAIN ANALYZE, {label}")
        print("\n".join(row[0] for row in cursor.fetchall()))
        print()


def measure(label: str, filters: dict, audience: str, args) -> dict:
    sql, params, keys = raw_statement(filters, audience)
    statements = compile_statements(filters, audience)
    _seconds, report_id = compile_once(filters, audience)
    figures = raw_figures(run_raw(sql, params)[0], keys)
    check_figures(report_id, figures, label)
    for _ in range(args.warmup):
        compile_once(filters, audience)
        run_raw(sql, params)
    timings, raw, serial = [], [], []
    for _ in range(args.runs):
        timings.append(compile_once(filters, audience)[0])
        raw.append(run_raw(sql, params)[1])
        serial.append(run_raw(sql, params, parallel=False)[1])
    if args.explain:
        counting = next(sql for sql in statements if sql.startswith("WITH filtered"))
        explain(f"{label}: the compile's counting statement", counting)
        explain(f"{label}: raw SQL", sql, params)
    delete_bench_reports()
    return {
        "count": figures["total"],
        "p50": statistics.median(timings) * 1000,
        "p95": percentile(timings, 0.95) * 1000,
        "raw": statistics.median(raw) * 1000,
        "serial": statistics.median(serial) * 1000,
        "statements": len(statements),
    }


def peak_rss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def traced_peak_kib(work) -> int:
    tracemalloc.start()
    tracemalloc.reset_peak()
    start, _peak = tracemalloc.get_traced_memory()
    work()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return (peak - start) // 1024


def worker(name: str) -> None:
    """Plays the worker: compiles each case and prints its memory figures as JSON lines."""
    started_rss = peak_rss_kib()
    setup_django(name)
    from practices.models import Practice
    from reports.compile import overview_queryset

    practices = Practice.objects.count()
    django_rss = peak_rss_kib()
    # A first compile loads the code paths (search included) that any compile needs once.
    compile_once({"q": ["whatsapp"]}, "public")
    print(
        json.dumps(
            {
                "start": {
                    "practices": practices,
                    "interpreter": started_rss,
                    "django": django_rss,
                    "first_compile": peak_rss_kib(),
                }
            }
        ),
        flush=True,
    )
    for label, filters, audience in CASES:
        before = peak_rss_kib()
        compile_once(filters, audience)
        after = peak_rss_kib()
        traced = traced_peak_kib(
            lambda filters=filters, audience=audience: compile_once(filters, audience)
        )
        matched = overview_queryset(filters=filters, audience=audience).count()
        print(
            json.dumps(
                {
                    "case": label,
                    "rows": matched,
                    "rss_before": before,
                    "rss_after": after,
                    "traced": traced,
                }
            ),
            flush=True,
        )
    # For scale, last (it raises the peak for good): the counted columns of every practice
    # in Python, which is what adding up in Python rather than in PostgreSQL would start with.
    columns = ["kind", "region_id", "steps", "support_types", "principles", "dimensions"]
    rows = overview_queryset(filters={}, audience="ifrc").values_list(*columns)
    before = peak_rss_kib()
    list(rows)
    after = peak_rss_kib()
    traced = traced_peak_kib(lambda: list(rows.all()))
    print(json.dumps({"in_python": {"rss_before": before, "rss_after": after, "traced": traced}}))
    delete_bench_reports()


def fill(database: str, practices: int) -> None:
    # A process of its own: a Django process holds one database.
    command = [sys.executable, __file__, "--fill", database, "--practices", str(practices)]
    subprocess.run(command, check=True)


def worker_memory(database: str) -> dict:
    command = [sys.executable, __file__, "--worker", database]
    lines = subprocess.run(command, check=True, capture_output=True, text=True).stdout.splitlines()
    figures = [json.loads(line) for line in lines if line.startswith("{")]
    return {
        "start": next(f["start"] for f in figures if "start" in f),
        "cases": {f["case"]: f for f in figures if "case" in f},
        "in_python": next(f["in_python"] for f in figures if "in_python" in f),
    }


def mib(kib: int) -> str:
    return f"{kib / 1024:.1f}"


def table_rule(header: str) -> str:
    return "|" + "|".join("-" * len(cell) for cell in header.split("|")[1:-1]) + "|"


def print_timings(args) -> list[str]:
    header = (
        f"| {'case':<34} | {'counted':>7} | {'compile p50':>11} | {'compile p95':>11} "
        f"| {'raw SQL p50':>11} | {'ratio':>5} | {'raw serial':>10} "
        f"| {'round trips':>11} | bar  |"
    )
    print(header)
    print(table_rule(header))
    failures = []
    for label, filters, audience in CASES:
        result = measure(label, filters, audience, args)
        ratio = result["p50"] / result["raw"]
        if ratio > MAX_RATIO:
            failures.append(f"ratio {label}")
        print(
            f"| {label:<34} | {result['count']:>7} | {result['p50']:>11.1f} "
            f"| {result['p95']:>11.1f} | {result['raw']:>11.1f} | {ratio:>5.2f} "
            f"| {result['serial']:>10.1f} | {result['statements']:>11} "
            f"| {'ok' if ratio <= MAX_RATIO else 'MISS':<4} |"
        )
    print(
        "\nratio: compile p50 / raw SQL p50. raw serial: the same raw SQL with parallel "
        "workers off (max_parallel_workers_per_gather = 0), for comparison only.\n"
        "round trips: what one compile sends to PostgreSQL (the claim, which marks the report "
        "running and loads it, a progress update when a compile runs past half a second, the "
        "counting statement, the save); "
        "the raw SQL is one."
    )
    return failures


def print_memory(sizes: dict[str, dict]) -> list[str]:
    print("\nWorker memory (a child process compiling each case; MiB):\n")
    if len(sizes) == 1:
        print("(DATABASE_URL is set: no second database, the sizes compare by case only)\n")
    header = (
        f"| {'practices':>9} | {'case':<34} | {'counted':>7} | {'peak RSS before':>15} "
        f"| {'peak RSS after':>14} | {'tracemalloc peak':>16} |"
    )
    print(header)
    print(table_rule(header))
    for figures in sizes.values():
        practices = figures["start"]["practices"]
        for label, case in figures["cases"].items():
            print(
                f"| {practices:>9} | {label:<34} | {case['rows']:>7} "
                f"| {mib(case['rss_before']):>15} | {mib(case['rss_after']):>14} "
                f"| {mib(case['traced']):>16} |"
            )
    for figures in sizes.values():
        start, in_python = figures["start"], figures["in_python"]
        print(
            f"\n{start['practices']} practices: peak RSS {mib(start['interpreter'])} at start, "
            f"{mib(start['django'])} with Django loaded, {mib(start['first_compile'])} after a "
            f"first compile. For scale, loading the counted columns of all of them into Python: "
            f"peak RSS {mib(in_python['rss_before'])} -> {mib(in_python['rss_after'])}, "
            f"tracemalloc peak {mib(in_python['traced'])}."
        )

    failures = []
    if len(sizes) == 2:
        first = CASES[0][0]
        big, little = (figures["cases"][first] for figures in sizes.values())
        if big["traced"] - little["traced"] > MAX_TRACED_GROWTH_KIB:
            failures.append("tracemalloc peak grows with the rows")
    for figures in sizes.values():
        cases = figures["cases"].values()
        growth = max(case["rss_after"] for case in cases) - figures["start"]["first_compile"]
        if growth > MAX_RSS_GROWTH_KIB:
            failures.append(f"peak RSS grew {mib(growth)} MiB during compiles")
    return failures


def main():
    args = parse_args()
    if args.fill:
        setup_django(args.fill)
        ensure_practices(args.practices)
        return 0
    if args.worker:
        worker(args.worker)
        return 0

    large = "bench_quick" if args.quick else "bench"
    databases = {large: args.practices}
    if not os.environ.get("DATABASE_URL"):
        databases[f"bench_{args.small}"] = args.small
    # Children fill the databases and play the worker before this process loads Django: a
    # child's ru_maxrss starts from its parent's size at the fork, which must stay small.
    for database, practices in databases.items():
        fill(database, practices)
    sizes = {database: worker_memory(database) for database in databases}

    url = setup_django(large)
    total = ensure_practices(args.practices)
    delete_bench_reports()  # left by an interrupted run
    print(f"Database: {url}")
    print(
        f"Practices: {total}; reports.services.compile_report on a new practices-overview "
        f"report; {args.runs} runs after {args.warmup} warm-up runs; times in ms\n"
    )
    failures = print_timings(args)
    failures += print_memory(sizes)

    bar = (
        f"compile p50 <= {MAX_RATIO:g} x raw SQL p50 in every case; worker memory bounded: "
        f"at {args.practices // args.small} x the rows an unfiltered compile allocates at most "
        f"{MAX_TRACED_GROWTH_KIB} KiB more, and compiles raise the worker's peak RSS by at most "
        f"{MAX_RSS_GROWTH_KIB // 1024} MiB"
    )
    print(f"\nBar ({bar}): {'met' if not failures else 'missed: ' + ', '.join(failures)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
