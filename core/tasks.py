"""Thin tasks: load by id, call a service or send a message, safe to run twice."""

from celery import shared_task

from core import notifications


@shared_task(name="core.ping")
def ping() -> str:
    """Answers "pong"; /healthz and the tests use it to prove a worker consumes the queue."""
    return "pong"


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_membership_requested(membership_id: int) -> int:
    return notifications.membership_requested(membership_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_membership_decided(membership_id: int) -> int:
    return notifications.membership_decided(membership_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_set_password_link(user_id: int, url: str) -> int:
    return notifications.set_password_link(user_id, url)
