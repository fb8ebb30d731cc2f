"""Production shape: deploy checks, health, and a real Celery worker on Redis."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from config.celery import app as celery_app
from core.tasks import ping
from tests.workers import require_broker, worker_command

ROOT = Path(settings.BASE_DIR)


def production_environment(**extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if key in {"PATH", "HOME", "LANG", "DATABASE_URL", "PYTHONPATH"}
    }
    env.update(
        ENV_FILE="",  # the development .env must not fill in what production leaves out
        DEBUG="0",
        SECRET_KEY="a-production-secret-" + "x" * 50,
        ALLOWED_HOSTS="hub.example.org",
        SECURE_SSL_REDIRECT="1",
        SESSION_COOKIE_SECURE="1",
        CSRF_COOKIE_SECURE="1",
        SECURE_HSTS_SECONDS="31536000",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="1",
        SECURE_HSTS_PRELOAD="1",
        BEHIND_TLS_PROXY="1",
        REDIS_URL="redis://127.0.0.1:6379/1",
    )
    env.update(extra)
    return env


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_passes_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_environment())
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = production_environment()
    del env["SECRET_KEY"]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_healthz_is_200_when_the_database_answers(client, settings):
    settings.CELERY_BROKER_URL = ""
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok"}


@pytest.mark.django_db
def test_healthz_is_503_when_the_broker_is_down(client, settings):
    # Nothing listens on port 9 of this machine: a real refused connection.
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:9/0"
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["broker"].startswith("unavailable")


def test_healthz_is_503_when_the_database_is_down():
    code = (
        "from django.test import Client; r = Client().get('/healthz'); "
        "print(r.status_code, r.json()['checks']['database'])"
    )
    env = production_environment(DATABASE_URL="postgres://postgres@127.0.0.1:9/none")
    env["ALLOWED_HOSTS"] = "testserver"
    env["SECURE_SSL_REDIRECT"] = "0"
    result = manage("shell", "-c", code, env=env)
    last_line = result.stdout.strip().splitlines()[-1]
    assert last_line.split()[:2] == ["503", "unavailable:"], result.stdout + result.stderr


@pytest.fixture
def celery_worker_process():
    """A real worker, in its own process, consuming the broker of CELERY_BROKER_URL."""
    require_broker()
    worker = subprocess.Popen(
        worker_command(),
        cwd=ROOT,
        env={**os.environ, "CELERY_TASK_ALWAYS_EAGER": "0"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    celery_app.conf.task_always_eager = False
    try:
        yield worker
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()


@pytest.mark.services
def test_ping_runs_through_a_real_worker_on_redis(celery_worker_process):
    result = ping.delay()
    assert result.get(timeout=60) == "pong"
    assert result.successful()
