"""Production shape: deploy checks, health, logging, the development set-up `make` writes,
the embedded database, and a real Celery worker on Redis."""

import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.urls import reverse

from config import dev_env, embedded_db
from config.celery import app as celery_app
from core.tasks import ping
from tests.conftest import login
from tests.workers import require_broker, worker_command

ROOT = Path(settings.BASE_DIR)


def machine_environment():
    return {
        key: value
        for key, value in os.environ.items()
        if key in {"PATH", "HOME", "LANG", "DATABASE_URL", "PYTHONPATH"}
    }


# The README's production block: the shell lines that write .env.production.
README_BLOCK = re.compile(r"^cat > \.env\.production <<'?VARS'?\n.*?^VARS$", re.M | re.S)
COMPOSE_DEFAULT = re.compile(r"\$\{\w+:-([^}]*)\}")


@pytest.fixture
def production_environment(tmp_path):
    """The variables production runs with, exactly as documented: the .env.production the
    README's lines write (run by a shell, as a reader would), and what docker-compose.yml sets
    beside it. Only where to find this machine's PostgreSQL stays the machine's."""
    block = README_BLOCK.search((ROOT / "README.md").read_text(encoding="utf-8"))
    assert block, "README.md has no `cat > .env.production <<VARS` block"
    subprocess.run(["sh", "-c", block.group(0)], cwd=tmp_path, check=True)
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    app = {
        name: COMPOSE_DEFAULT.sub(r"\1", str(value))
        for name, value in compose["x-app"]["environment"].items()
        if name != "DATABASE_URL"  # compose's names its own container
    }

    def environment(**extra):
        return {
            **machine_environment(),
            **app,
            "ENV_FILE": str(tmp_path / compose["x-app"]["env_file"]),
            **extra,
        }

    return environment


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_readmes_production_variables_pass_the_deploy_check_as_written(
    production_environment,
):
    env = production_environment()
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    written = Path(env["ENV_FILE"]).read_text()
    assert "SECRET_KEY=" in written and "$(" not in written  # a key of its own, generated


def test_production_refuses_to_start_without_a_secret_key(production_environment, tmp_path):
    env_file = tmp_path / "without-key"
    lines = Path(production_environment()["ENV_FILE"]).read_text().splitlines()
    env_file.write_text("\n".join(line for line in lines if not line.startswith("SECRET_KEY=")))
    result = manage("check", env=production_environment(ENV_FILE=str(env_file)))
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


def test_healthz_is_503_when_the_database_is_down(production_environment):
    code = (
        "from django.test import Client; r = Client().get('/healthz'); "
        "print(r.status_code, r.json()['checks']['database'])"
    )
    env = production_environment(
        DATABASE_URL="postgres://postgres@127.0.0.1:9/none",
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        # Compose's broker and cache are other containers: only the database is asked here.
        CELERY_BROKER_URL="",
        REDIS_URL="",
    )
    result = manage("shell", "-c", code, env=env)
    last_line = result.stdout.strip().splitlines()[-1]
    assert last_line.split()[:2] == ["503", "unavailable:"], result.stdout + result.stderr


# --- Logging --------------------------------------------------------------------------------


def request_records(caplog):
    return [record for record in caplog.records if record.name == "django.request"]


@pytest.mark.django_db
def test_bob_refused_a_societys_profile_is_logged_in_one_line(client, bob, society_a, caplog):
    login(client, bob)
    with caplog.at_level(logging.INFO):
        response = client.get(reverse("core:society_edit", args=[society_a.slug]))
    assert response.status_code == 403
    [record] = request_records(caplog)
    assert record.levelno == logging.WARNING
    path = reverse("core:society_edit", args=[society_a.slug])
    assert record.getMessage() == f"Forbidden (Permission denied): {path}"
    assert record.exc_info is None and record.exc_text is None


@pytest.mark.django_db
def test_a_missing_page_and_a_missing_api_object_are_logged_in_one_line(client, caplog):
    with caplog.at_level(logging.INFO):
        assert client.get("/no-such-page/").status_code == 404
        assert client.get("/api/v1/societies/no-such-society/").status_code == 404
    records = request_records(caplog)
    assert [record.getMessage() for record in records] == [
        "Not Found: /no-such-page/",
        "Not Found: /api/v1/societies/no-such-society/",
    ]
    assert all(record.exc_info is None for record in records)


def test_a_server_error_keeps_its_traceback(caplog):
    with caplog.at_level(logging.INFO):
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            logging.getLogger("django.request").error(
                "Internal Server Error: /broken/", exc_info=True, extra={"status_code": 500}
            )
    [record] = request_records(caplog)
    assert record.exc_info is not None


def test_a_request_error_is_written_once_even_with_debug(settings):
    """Django's own console handler (it writes only with DEBUG) and the root handler used to
    write every django.* record twice."""
    settings.DEBUG = True
    record = logging.LogRecord("django.request", logging.WARNING, "", 0, "Not Found: /x/", (), None)
    writers, logger = [], logging.getLogger("django.request")
    while logger:
        writers += [
            handler
            for handler in logger.handlers
            if isinstance(handler, logging.StreamHandler)
            and not type(handler).__module__.startswith("_pytest")
            and handler.filter(record)
        ]
        logger = logger.parent if logger.propagate else None
    assert len(writers) == 1


# --- What make writes and runs -----------------------------------------------------------------


def test_make_writes_a_development_env_that_serves_without_debug(tmp_path):
    path = tmp_path / ".env"
    assert dev_env.ensure_env(path).startswith("Wrote")
    code = (
        "from django.conf import settings; "
        "print(settings.DEBUG, settings.WHITENOISE_USE_FINDERS, len(settings.SECRET_KEY))"
    )
    result = manage("shell", "-c", code, env={**machine_environment(), "ENV_FILE": str(path)})
    # Served as users see it (the site's own error pages), static files from the sources, and a
    # key the site accepts without DEBUG.
    assert result.stdout.split()[-3:] == ["False", "True", "67"], result.stdout + result.stderr
    assert dev_env.ensure_env(path) == ""  # written once: the key survives the next command


def test_an_older_env_keeps_its_lines_but_not_the_published_key(tmp_path):
    path = tmp_path / ".env"
    path.write_text(f"DEBUG=1\nSECRET_KEY={dev_env.PUBLISHED_KEY}\nEMAIL_URL=consolemail://\n")
    assert "new random secret key" in dev_env.ensure_env(path)
    lines = path.read_text().splitlines()
    assert lines[:2] == ["DEBUG=1", "EMAIL_URL=consolemail://"]
    [key_line] = [line for line in lines if line.startswith("SECRET_KEY=")]
    assert dev_env.usable(key_line.removeprefix("SECRET_KEY="))


def test_an_embedded_database_process_list_left_empty_is_forgotten(tmp_path):
    """A process killed while pgserver rewrote its list left the file empty; every later
    command then failed reading it."""
    broken = tmp_path / embedded_db.PROCESS_LIST
    broken.write_text("")
    embedded_db.forget_broken_process_list(tmp_path)
    assert not broken.exists()
    broken.write_text(json.dumps([123, 456]))
    embedded_db.forget_broken_process_list(tmp_path)
    assert json.loads(broken.read_text()) == [123, 456]


def test_make_stop_says_when_no_embedded_database_runs(tmp_path):
    assert embedded_db.stop(tmp_path) == f"No embedded PostgreSQL is running in {tmp_path}."


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
