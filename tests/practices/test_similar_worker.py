"""Similar practices worked out by a real Celery worker on Redis, after the publish commits:
the request that publishes does not compute them, the worker does, and both practices' pages
then show each other.

The worker only sees committed rows, so these tests run outside a rolled-back transaction and
their tables are flushed afterwards (see `reference_data_kept`).
"""

import time

import pytest
from django.test import Client
from django.urls import reverse

from practices.models import SimilarPractice, Status
from tests.conftest import XDIST_WORKER, login
from tests.practices.factories import make_practice
from tests.workers import running_workers

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

QUEUE = f"practices-worker-test-{XDIST_WORKER or 'main'}"


@pytest.fixture
def workers(reference_data, tmp_path):
    with running_workers(QUEUE, name="practices", logs=tmp_path) as start:
        yield start


def similar_section(client, practice) -> str:
    page = client.get(reverse("practices:detail", args=[practice.pk])).content.decode()
    return page.split("Similar practices", 1)[1] if "Similar practices" in page else ""


def test_a_published_practice_gets_its_similar_practices_from_the_worker(
    workers, client, alice, edith, society_a
):
    older = make_practice(
        alice, society_a, status=Status.PUBLISHED, editor=edith, title="Family links at borders"
    )
    submitted = make_practice(
        alice, society_a, status=Status.SUBMITTED, title="Restoring family links on the route"
    )
    workers()
    editor = Client()
    login(editor, edith)
    response = editor.post(reverse("practices:workflow", args=[submitted.pk, "publish"]))
    assert response.status_code == 302

    # Its own list was worked out when it was written; once published, the worker offers it
    # to the lists of the practices it is close to.
    deadline = time.monotonic() + 60
    while not SimilarPractice.objects.filter(practice=older, similar=submitted).exists():
        if time.monotonic() > deadline:
            pytest.fail(f"no similar practices stored after 60 s\n{workers.log_tail()}")
        time.sleep(0.2)
    assert "Family links at borders" in similar_section(client, submitted)
    assert "Restoring family links on the route" in similar_section(client, older)
