"""Shared personas and service fixtures.

Personas: anonymous (the test client as is), alice (member, society A), fiona (focal point,
society A), bob (member, society B), nadia (member, society C, coordinator of `network`),
edith (IFRC editor, two-factor on), admin (superuser, two-factor on). Society A is the Italian
Red Cross, society B the Kenya Red Cross Society, society C the Hellenic Red Cross, all from
the reference data the migrations load. `network` is a regional network of Europe and the
Middle East and North Africa that society A belongs to.
"""

import os

import pytest
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import connections
from django.test import RequestFactory, override_settings
from django.utils import translation

from config.celery import app as celery_app
from core import services
from core.models import Membership, NationalSociety, User
from core.reference import sync_reference_data
from tests.browser import CHROMIUM, CHROMIUM_ARGS
from tests.factories import MembershipFactory, UserFactory
from tests.networks.factories import (
    NetworkCoordinatorFactory,
    NetworkFactory,
    NetworkMemberFactory,
)

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"
# Under pytest-xdist (`make test` runs two processes) each process is a worker named gw0,
# gw1...; pytest-django gives each its own test database (test_hub_gw0...). What they share,
# one Redis, is kept apart here: each worker's cache keys under its own prefix, each worker's
# tasks on a queue of its own, so no worker clears another's cache or takes its tasks.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
TASK_QUEUE = f"celery-{XDIST_WORKER}" if XDIST_WORKER else "celery"


def service_unavailable(reason: str):
    """Skip a test whose service is missing, or fail it where services are required (CI)."""
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1 forbids skipping)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(autouse=True, scope="session")
def _apart_from_other_xdist_workers():
    if not XDIST_WORKER:
        yield
        return
    caches = {
        name: {**config, "KEY_PREFIX": XDIST_WORKER} for name, config in settings.CACHES.items()
    }
    default_queue = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = TASK_QUEUE
    with override_settings(CACHES=caches):
        yield
    celery_app.conf.task_default_queue = default_queue


def clear_cache():
    """Empty this process's cache. Redis's clear() empties the whole database, the other
    xdist workers' keys with it: under xdist only this worker's prefix goes."""
    backend = caches["default"]  # `cache` is a proxy: isinstance needs the backend itself
    if XDIST_WORKER and isinstance(backend, RedisCache):
        client = backend._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{XDIST_WORKER}:*", count=1000))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def _isolated_cache_and_eager_tasks():
    """Rate-limit counters and used TOTP codes live in the cache: every test starts clean.
    Tasks run in-process unless a test asks for the real worker (see tests/core/test_celery).
    A request in another language leaves that language active in the thread, where a service
    called next would answer in it: every test starts in the site's default language."""
    clear_cache()
    celery_app.conf.task_always_eager = True
    translation.activate(settings.LANGUAGE_CODE)
    yield
    celery_app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def society_a(db):
    return NationalSociety.objects.get(country_id="ITA", kind="national-society")


@pytest.fixture
def society_b(db):
    return NationalSociety.objects.get(country_id="KEN", kind="national-society")


@pytest.fixture
def society_c(db):
    return NationalSociety.objects.get(country_id="GRC", kind="national-society")


def with_totp(user):
    # The secret stays on the object so that a test can compute codes (the browser test
    # logs in through the two-factor form).
    user.totp_secret = generate_totp_secret()
    TOTP.activate(user, user.totp_secret)
    return user


def login(client, user):
    """Log `user` in as allauth's login leaves the session: a password, then the second factor
    where the user has one (editors' and staff's sessions without it are refused). The records
    are written by allauth's own function, so they read as a real login's."""
    client.force_login(user)
    request = RequestFactory().get("/")
    request.session = client.session
    request.user = user
    record_authentication(request, user, "password", email=user.email)
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if totp is not None:
        record_authentication(request, user, "mfa", id=totp.pk, type=totp.type)
    request.session.save()


@pytest.fixture
def alice(society_a):
    return MembershipFactory(
        user__email="alice@example.org", user__full_name="Alice", society=society_a
    ).user


@pytest.fixture
def fiona(society_a):
    return MembershipFactory(
        user__email="fiona@example.org",
        user__full_name="Fiona",
        society=society_a,
        role=Membership.Role.FOCAL_POINT,
    ).user


@pytest.fixture
def bob(society_b):
    return MembershipFactory(
        user__email="bob@example.org", user__full_name="Bob", society=society_b
    ).user


@pytest.fixture
def nadia(society_c):
    return MembershipFactory(
        user__email="nadia@example.org", user__full_name="Nadia", society=society_c
    ).user


@pytest.fixture
def network(nadia, society_a):
    """A regional network coordinated by nadia, with society A as its member."""
    network = NetworkFactory(
        slug="mediterranean",
        name="Mediterranean Migration Network",
        kind="regional",
        regions=["europe", "mena"],
    )
    NetworkMemberFactory(network=network, society=society_a)
    NetworkCoordinatorFactory(network=network, user=nadia)
    return network


@pytest.fixture
def edith(db):
    """Made an editor as the add_editor command makes one: the editors group and an approved
    membership of the IFRC Secretariat."""
    user = UserFactory(email="edith@example.org", full_name="Edith")
    services.add_editor(email=user.email)
    return with_totp(User.objects.get(pk=user.pk))


@pytest.fixture
def admin(db):
    user = UserFactory(
        email="admin@example.org", full_name="Admin", is_staff=True, is_superuser=True
    )
    return with_totp(user)


# --- Tests whose rows must be committed (a live server, a worker in another process) -------


@pytest.fixture(scope="module")
def reference_data_kept(django_db_setup, django_db_blocker):
    """The flush after a transactional test also empties the reference data the migrations
    loaded (regions, societies, the editors group): put it back for the tests that follow."""
    yield
    with django_db_blocker.unblock():
        sync_reference_data()
        connections.close_all()  # as after every test, or the test database cannot be dropped


@pytest.fixture
def reference_data(reference_data_kept, django_db_blocker):
    """Reference data present for a transactional test, even after an earlier one flushed it."""
    with django_db_blocker.unblock():
        sync_reference_data()


@pytest.fixture
def browser(reference_data, monkeypatch):
    """Debian's headless Chromium, driven by Playwright."""
    if not CHROMIUM.exists():
        service_unavailable(f"{CHROMIUM} is not installed: no browser to test with")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread: Django then refuses
    # database calls here unless told they are safe (they are: nothing else runs on the loop).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # While the loop runs, Django keeps this thread's connections apart from the usual
        # ones; close them now, or they outlive the test and block dropping the test database.
        connections.close_all()
