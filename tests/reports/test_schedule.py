"""The schedule (Celery beat): a weekly global overview, and a data compilation of each period
that has closed; both reuse an unchanged snapshot rather than compiling it again."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from reports import tasks
from reports.models import Report, ReportKind, ReportStatus
from tests.practices.factories import make_practice
from tests.reports.factories import make_indicator, make_period, make_submission


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Runs a scheduled task as beat would, with the compiles it queues after commit."""

    def run_task(task):
        with django_capture_on_commit_callbacks(execute=True):
            return task.delay().get()

    return run_task


def test_beat_schedules_the_weekly_overview_and_the_closed_periods():
    # Other apps schedule their own tasks beside these (networks: the stale offers' reminder).
    tasks_scheduled = {
        entry["task"]
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"].startswith("reports.")
    }
    assert tasks_scheduled == {"reports.compile_weekly_overview", "reports.compile_closed_periods"}
    registered = {tasks.compile_weekly_overview.name, tasks.compile_closed_periods.name}
    assert tasks_scheduled == registered


def test_weekly_overview_counts_public_practices_and_is_reused_while_nothing_changes(
    run, alice, edith, society_a
):
    make_practice(alice, society_a, status="published", editor=edith)
    make_practice(alice, society_a, status="published", editor=edith, visibility="movement")

    first = Report.objects.get(pk=run(tasks.compile_weekly_overview))
    assert first.status == ReportStatus.DONE
    assert first.scheduled and first.requested_by is None and first.published_at is None
    assert first.result["total"] == 1
    assert run(tasks.compile_weekly_overview) == first.pk

    make_practice(alice, society_a, status="published", editor=edith)
    second = Report.objects.get(pk=run(tasks.compile_weekly_overview))
    assert second.pk != first.pk
    assert second.result["total"] == 2
    first.refresh_from_db()
    assert first.result["total"] == 1  # a snapshot never changes


def test_a_closed_period_is_compiled_once_and_an_open_one_not_at_all(run, alice, edith, society_a):
    indicator = make_indicator(edith)
    closed = make_period(edith, [indicator], label="2025", open_=True)
    make_submission(
        alice,
        society_a,
        closed,
        {"migrants-reached": {"total": "40", "sex_female": "25"}},
        status="validated",
        editor=edith,
    )
    make_period(edith, [indicator], label="2026", open_=True)
    # The period closes: the editors move its last day to yesterday.
    closed.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    closed.save()

    report_ids = run(tasks.compile_closed_periods)
    assert len(report_ids) == 1
    report = Report.objects.get(pk=report_ids[0])
    assert report.kind == ReportKind.DATA_COMPILATION and report.period == closed
    assert report.status == ReportStatus.DONE
    figures = report.result["indicators"][0]
    assert figures["global"]["total"] == 40
    assert figures["global"]["sex"]["female"] == 25
    assert figures["by_region"]["europe"]["total"] == 40

    assert run(tasks.compile_closed_periods) == report_ids
    assert Report.objects.filter(kind=ReportKind.DATA_COMPILATION).count() == 1
