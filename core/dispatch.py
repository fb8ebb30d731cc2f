"""Services queue their follow-up work here, by task name and after the transaction commits.

A service module never imports a tasks module: tasks import services (they load by id and call
one), so the import goes one way. The name is the one given in `@shared_task(name=...)`.
"""

from celery import current_app
from django.db import transaction


def task_named(name: str):
    tasks = current_app.tasks
    if name not in tasks:
        # The apps' tasks modules are imported the way a worker imports them at start.
        current_app.loader.import_default_modules()
    return tasks[name]


def queue_after_commit(name: str, *args) -> None:
    """Queue the task `name` with `args` once the current transaction commits (at once when
    there is none); in development without a broker it runs in the process (eager)."""
    task = task_named(name)
    transaction.on_commit(lambda: task.delay(*args))
