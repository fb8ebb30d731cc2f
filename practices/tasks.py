"""Thin tasks: they take ids, load, and send; safe to run twice."""

from celery import shared_task

from practices import notifications


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_editors_of_submission(practice_id: int) -> int:
    return notifications.editors_of_submission(practice_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_society_of_review(practice_id: int, event: str) -> int:
    return notifications.society_of_review(practice_id, event)
