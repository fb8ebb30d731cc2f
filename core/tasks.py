"""Thin tasks: load by id, call a service or send a message, safe to run twice."""

from celery import shared_task

from core import notifications


@shared_task(name="core.ping")
def ping() -> str:
    """Answers "pong"; /healthz and the tests use it to prove a worker consumes the queue."""
    return "pong"


@shared_task(
    name="core.send_notification",
    bind=True,
    # smtplib's errors are OSErrors, as are refused connections and timeouts.
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=3600,
    max_retries=6,
)
def send_notification(self, notification_id: int) -> int:
    return notifications.deliver(
        notification_id=notification_id, last_attempt=self.request.retries >= self.max_retries
    )
