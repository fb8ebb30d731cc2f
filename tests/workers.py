"""Real Celery workers for the tests that need one: the broker check (skip, or fail where
services are required) and the command line of a worker in its own process."""

import os
import sys
from pathlib import Path

from config.celery import app as celery_app
from tests.conftest import TASK_QUEUE, service_unavailable


def require_broker() -> str:
    """The broker of CELERY_BROKER_URL, answering; otherwise the test cannot run."""
    broker = os.environ.get("CELERY_BROKER_URL")
    if not broker:
        service_unavailable("CELERY_BROKER_URL is not set: no Redis to run a worker on")
    try:
        with celery_app.connection_for_write(broker) as connection:
            connection.ensure_connection(max_retries=1, timeout=3)
    except Exception as error:  # the broker's absence is the reason to skip
        service_unavailable(f"Redis at {broker} does not answer: {error}")
    return broker


def worker_command(*options: str, queue: str = TASK_QUEUE) -> list[str]:
    """One worker process running one task at a time, without the chatter between workers,
    consuming `queue`: by default the one this test process sends to (its own under xdist)."""
    return [
        str(Path(sys.executable).parent / "celery"),
        "-A",
        "config",
        "worker",
        "--pool=solo",
        "--concurrency=1",
        "--loglevel=INFO",
        "--without-gossip",
        "--without-mingle",
        f"--queues={queue}",
        *options,
    ]
