"""Thin tasks: load by id, call the code that does the work, safe to run twice."""

from celery import shared_task

from practices import similarity


@shared_task(name="practices.refresh_similar")
def refresh_similar(practice_id: int) -> int:
    return similarity.refresh_similar(practice_id=practice_id)
