"""Thin tasks: they take ids, call a service, and own the retry policy; safe to run twice.

Compiles are acknowledged late and rejected when the worker is lost (config/settings.py), so
a compile cut short by a dying worker goes back to the queue; the service then finishes it
exactly once."""

from celery import shared_task

from reports import services


@shared_task(name="reports.compile_report")
def compile_report_task(report_id: int) -> str:
    return services.compile_report(report_id=report_id)


@shared_task(name="reports.compile_weekly_overview")
def compile_weekly_overview() -> int:
    return services.compile_weekly_overview().pk


@shared_task(name="reports.compile_closed_periods")
def compile_closed_periods() -> list[int]:
    return [report.pk for report in services.compile_closed_periods()]
