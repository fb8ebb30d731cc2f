"""Reports compiled by a real Celery worker on Redis, in a process of its own, reading the test
database: one requested through the API, and one whose worker is killed in the middle of the
compile and restarted, after which exactly one finished report exists.

The worker only sees committed rows, so these tests run outside a rolled-back transaction and
their tables are flushed afterwards (see `reference_data_kept`).
"""

import os
import signal
import subprocess
import time
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from config.celery import app as celery_app
from reports.models import Report, ReportStatus
from tests.conftest import XDIST_WORKER, login
from tests.practices.factories import make_practice
from tests.workers import require_broker, worker_command

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

ROOT = Path(settings.BASE_DIR)
REPORTS = reverse("api:report-list")
# A queue of these tests' own: another test's worker on the same Redis (on the default queue,
# or another xdist worker's run of these tests) takes nothing of ours, and ours nothing of theirs.
QUEUE = f"reports-worker-test-{XDIST_WORKER or 'main'}"
# A message whose worker died goes back to the queue once it is older than this (seconds).
VISIBILITY_TIMEOUT = 2


def worker_database_url() -> str:
    """DATABASE_URL of the database this test uses (the test database, not the one settings
    name), for the worker process."""
    database = connection.settings_dict
    credentials = quote(database["USER"] or "", safe="")
    if database.get("PASSWORD"):
        credentials += ":" + quote(database["PASSWORD"], safe="")
    host, name = database["HOST"] or "", database["NAME"]
    if host.startswith("/"):
        # A socket directory (the embedded server): django-environ reads it from an encoded
        # path, "/<directory>/<name>"; it does not decode a host part.
        return f"postgres://{credentials}@/{quote(f'{host}/{name}', safe='')}"
    port = f":{database['PORT']}" if database.get("PORT") else ""
    return f"postgres://{credentials}@{host}{port}/{quote(name, safe='')}"


def purge_queue():
    with celery_app.connection_for_write() as broker:
        broker.default_channel.queue_purge(QUEUE)


@pytest.fixture
def workers(reference_data, tmp_path):
    """Starts real workers (`start(**env)`) consuming this run's queue from the broker of
    CELERY_BROKER_URL; stops whatever is still running afterwards. Make the test's data before
    the first start: until then tasks run in-process."""
    require_broker()

    started: list[subprocess.Popen] = []
    logs: list[Path] = []

    def start(**extra_env) -> subprocess.Popen:
        # From now on what the site queues in this process goes to the workers' queue (read on
        # every send); what the test made before ran in-process, as set up by conftest.
        celery_app.conf.task_default_queue = QUEUE
        celery_app.conf.task_always_eager = False
        log = tmp_path / f"worker-{len(started) + 1}.log"
        logs.append(log)
        process = subprocess.Popen(
            worker_command(
                "--without-heartbeat",
                f"--hostname=reports-test-{XDIST_WORKER or 'main'}-{len(started) + 1}@%h",
                queue=QUEUE,
            ),
            cwd=ROOT,
            env={
                **os.environ,
                "DATABASE_URL": worker_database_url(),
                "CELERY_TASK_ALWAYS_EAGER": "0",
                **extra_env,
            },
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        started.append(process)
        return process

    def log_tail() -> str:
        return "\n".join(f"--- {log.name}\n{log.read_text()[-3000:]}" for log in logs)

    start.log_tail = log_tail
    purge_queue()
    default_queue = celery_app.conf.task_default_queue
    try:
        yield start
    finally:
        celery_app.conf.task_default_queue = default_queue
        for process in started:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        purge_queue()


def as_editor(edith) -> Client:
    client = Client()
    login(client, edith)
    return client


def wait_for(client, url, statuses, *, timeout, log_tail):
    """The report once its status is one of `statuses`, polled through the API."""
    deadline = time.monotonic() + timeout
    while True:
        report = client.get(url).json()
        if report["status"] in statuses:
            return report
        if time.monotonic() > deadline:
            pytest.fail(f"report still {report['status']} after {timeout} s\n{log_tail()}")
        time.sleep(0.2)


def practices_of_italy_and_kenya(alice, bob, edith, society_a, society_b):
    """Two public practices of Italy, one for the movement, one of Kenya."""
    make_practice(alice, society_a, status="published", editor=edith)
    make_practice(alice, society_a, status="published", editor=edith, steps=["arrival"])
    make_practice(alice, society_a, status="published", editor=edith, visibility="movement")
    make_practice(bob, society_b, status="published", editor=edith, countries=["KEN"])


def test_a_report_requested_through_the_api_is_compiled_by_the_worker(
    workers, alice, bob, edith, society_a, society_b
):
    practices_of_italy_and_kenya(alice, bob, edith, society_a, society_b)
    workers()
    editor = as_editor(edith)
    requested = editor.post(
        REPORTS,
        {"kind": "practices-overview", "filters": {"region": ["europe"]}},
        content_type="application/json",
    )
    assert requested.status_code == 202, requested.json()
    assert requested.json()["status"] == "queued"  # the worker, not this request, compiles

    report = wait_for(
        editor, requested.json()["url"], {"done", "failed"}, timeout=60, log_tail=workers.log_tail
    )
    assert report["status"] == "done", report["error"]
    assert report["result"]["total"] == 2
    assert report["result"]["by_region"]["europe"] == 2
    assert report["result"]["by_region"]["africa"] == 0
    assert report["result"]["by_step"]["arrival"] == 1
    assert report["result"]["by_step"]["transition-at-borders"] == 1


def lock_practices():
    """A connection of its own holding the practices table: a compile that reads it waits
    there, in the middle of its work, until the lock is released."""
    database = connection.settings_dict
    holder = psycopg.connect(
        dbname=database["NAME"],
        user=database["USER"],
        password=database.get("PASSWORD") or None,
        host=database["HOST"] or None,
        port=database["PORT"] or None,
    )
    holder.execute("LOCK TABLE practices_practice IN ACCESS EXCLUSIVE MODE")
    return holder


def test_a_worker_killed_mid_compile_leaves_exactly_one_finished_report(
    workers, alice, bob, edith, society_a, society_b
):
    practices_of_italy_and_kenya(alice, bob, edith, society_a, society_b)
    editor = as_editor(edith)
    timeout = {"CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT)}
    holder = lock_practices()
    try:
        first = workers(**timeout)
        requested = editor.post(
            REPORTS, {"kind": "practices-overview"}, content_type="application/json"
        )
        assert requested.status_code == 202, requested.json()
        url = requested.json()["url"]
        # The worker took the message, marked the report running and waits on the lock.
        wait_for(editor, url, {"running"}, timeout=30, log_tail=workers.log_tail)
        running_since = time.monotonic()
        time.sleep(0.5)  # well inside the statement that reads the practices
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        holder.rollback()
        holder.close()
    report = Report.objects.get(pk=requested.json()["id"])
    assert report.status == ReportStatus.RUNNING  # cut short: no result was written
    assert report.result is None

    # The message was never acknowledged: once older than the visibility timeout, the next
    # worker puts it back on the queue as it starts (kombu restores on its first poll).
    time.sleep(max(0.0, VISIBILITY_TIMEOUT + 1 - (time.monotonic() - running_since)))
    workers(**timeout)
    finished = wait_for(editor, url, {"done", "failed"}, timeout=40, log_tail=workers.log_tail)

    assert finished["status"] == "done", finished["error"]
    assert Report.objects.filter(fingerprint=report.fingerprint).count() == 1
    assert Report.objects.count() == 1
    result = finished["result"]
    assert result["total"] == 3  # the public ones: two of Italy, one of Kenya
    assert result["by_region"] == {
        "africa": 1,
        "americas": 0,
        "asia-pacific": 0,
        "europe": 2,
        "mena": 0,
    }
    # Asked again, the finished snapshot answers: no compile, no second report.
    again = editor.post(REPORTS, {"kind": "practices-overview"}, content_type="application/json")
    assert again.status_code == 200
    assert again.json()["id"] == report.pk
