# Two commands: `make run` (set up everything, then serve) and `make test` (set up, then test).
# Everything lands in this folder: .venv (Python packages), .env (development settings),
# .data (embedded PostgreSQL when DATABASE_URL is unset, uploaded files).

PYTHON ?= python3
PORT ?= 8000
DEMO ?= 1
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed

.DEFAULT_GOAL := help
.PHONY: help setup env run stop test demo db lint format shell worker messages makemessages clean

help:
	@echo "make run       set up everything and serve http://127.0.0.1:$(PORT) (DEMO=0: no demo data;"
	@echo "               DEBUG=1: Django's debug pages); Ctrl-C stops it"
	@echo "make stop      stop the embedded PostgreSQL that commands leave running"
	@echo "make test      set up and run the whole test suite"
	@echo "make demo      load the demo data set"
	@echo "make lint      ruff check, ruff format --check, makemigrations --check"
	@echo "make format    ruff format and fix"
	@echo "make shell     Django shell"
	@echo "make worker    a Celery worker (needs CELERY_BROKER_URL)"
	@echo "make makemessages   refresh locale/*/LC_MESSAGES/django.po (needs GNU gettext)"
	@echo "make clean     remove .venv, .data and compiled files"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
		|| { echo "Python 3.11 or newer is needed (set PYTHON=python3.x)."; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Reinstalls only when a requirements file changed.
$(INSTALLED): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

# axe-core, which the accessibility test loads into pages, from package-lock.json; reinstalled
# only when the lock changes. Without npm that test is skipped (and fails in CI).
$(NODE_INSTALLED): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the accessibility test needs axe-core from npm and will be skipped."; fi

# Development settings: a random secret key, written once per checkout; a key the site refuses
# without DEBUG (one from an older checkout's .env) is replaced. -I: only the standard library.
env: | $(BIN)/python
	@$(BIN)/python -I config/dev_env.py .env

# Compiled translation catalogues, built with Babel so no system gettext is needed.
messages: $(INSTALLED)
	$(BIN)/pybabel -q compile --domain django --directory locale

setup: $(INSTALLED) env messages

db: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) load_reference_data

demo: db
	$(MANAGE) load_demo

# The site as its users see it: DEBUG off (its own 403, 404 and 500 pages), static files served
# by WhiteNoise from the sources. `DEBUG=1 make run` shows Django's debug pages instead; the
# environment wins over .env, so an older .env's DEBUG=1 does not.
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: export DEBUG ?= 0
run: export STATIC_MANIFEST ?= 0
run: db
	@if [ "$(DEMO)" != "0" ]; then $(MANAGE) load_demo --if-empty; fi
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# The embedded PostgreSQL keeps running after each command so the next one starts at once;
# this stops it (the next command starts it again). Nothing to do with DATABASE_URL set.
stop: | $(BIN)/python
	@$(BIN)/python -I config/embedded_db.py stop

# Two or more processes (pytest-xdist), up to four, each with its own test database and, on
# Redis, its own cache keys and task queue (tests/conftest.py); a file's tests stay together,
# so a module's fixtures are built once. PYTEST_ARGS="-n 0" runs in one process.
PYTEST_ARGS ?= -n auto --maxprocesses=4 --dist loadfile
test: setup $(NODE_INSTALLED)
	$(BIN)/pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

shell: db
	$(MANAGE) shell

worker: db
	$(BIN)/celery -A config worker --loglevel=INFO

makemessages: setup
	$(MANAGE) makemessages --locale fr --locale es --locale ar --ignore '.venv/*' --ignore '.data/*' --no-obsolete

clean:
	rm -rf $(VENV) .data staticfiles node_modules
	find locale -name '*.mo' -delete
