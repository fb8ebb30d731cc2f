"""Real Celery workers for the tests that need one: the broker check (skip, or fail where
services are required) and the command line of a worker in its own process."""

import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

from config.celery import app as celery_app
from tests.conftest import TASK_QUEUE, XDIST_WORKER, service_unavailable


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


def purge_queue(queue: str) -> None:
    with celery_app.connection_for_write() as broker:
        broker.default_channel.queue_purge(queue)


@contextmanager
def running_workers(queue: str, *, name: str, logs: Path):
    """Starts real workers (`start(**env)`) consuming `queue` from the broker of
    CELERY_BROKER_URL, their logs in the folder `logs`; stops whatever is still running
    afterwards. Make the test's data before the first start: until then tasks run in-process.

    Give each test module a queue of its own: another test's worker on the same Redis (on the
    default queue, or another xdist worker's run) then takes nothing of its tasks."""
    require_broker()

    started: list[subprocess.Popen] = []
    log_files: list[Path] = []

    def start(**extra_env) -> subprocess.Popen:
        # From now on what the site queues in this process goes to the workers' queue (read on
        # every send); what the test made before ran in-process, as set up by conftest.
        celery_app.conf.task_default_queue = queue
        celery_app.conf.task_always_eager = False
        log = logs / f"worker-{len(started) + 1}.log"
        log_files.append(log)
        process = subprocess.Popen(
            worker_command(
                "--without-heartbeat",
                f"--hostname={name}-test-{XDIST_WORKER or 'main'}-{len(started) + 1}@%h",
                queue=queue,
            ),
            cwd=settings.BASE_DIR,
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
        return "\n".join(f"--- {log.name}\n{log.read_text()[-3000:]}" for log in log_files)

    start.log_tail = log_tail
    purge_queue(queue)
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
        purge_queue(queue)
