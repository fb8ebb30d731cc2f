"""Reports compiled by a real Celery worker on Redis, in a process of its own, reading the test
database: one requested through the API, and one whose worker is killed in the middle of the
compile and restarted, after which exactly one finished report exists.

The worker only sees committed rows, so these tests run outside a rolled-back transaction and
their tables are flushed afterwards (see `reference_data_kept`).
"""

import signal
import time
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from reports.models import Report, ReportStatus
from tests.conftest import XDIST_WORKER, login
from tests.practices.factories import make_practice
from tests.workers import running_workers

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

ROOT = Path(settings.BASE_DIR)
REPORTS = reverse("api:report-list")
# A queue of these tests' own: another test's worker on the same Redis (on the default queue,
# or another xdist worker's run of these tests) takes nothing of ours, and ours nothing of theirs.
QUEUE = f"reports-worker-test-{XDIST_WORKER or 'main'}"
# A message whose worker died goes back to the queue once it is older than this (seconds).
VISIBILITY_TIMEOUT = 2


@pytest.fixture
def workers(reference_data, tmp_path):
    """Real workers on this module's queue (tests.workers.running_workers)."""
    with running_workers(QUEUE, name="reports", logs=tmp_path) as start:
        yield start


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
