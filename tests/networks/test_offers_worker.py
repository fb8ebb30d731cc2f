"""The stale offers' reminder run by a real Celery worker on Redis, in a process of its own,
reading the test database: the beat task sent twice reminds the focal points once, and a
confirmation opens a new lapse.

The worker only sees committed rows, so this test runs outside a rolled-back transaction and
its tables are flushed afterwards (see `reference_data_kept`)."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from config.celery import app as celery_app
from core.models import Notification
from networks.services import offers
from tests.conftest import XDIST_WORKER
from tests.networks.routes_factories import SupportOfferFactory
from tests.workers import running_workers

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

QUEUE = f"offers-worker-test-{XDIST_WORKER or 'main'}"
REMINDER = "networks.remind_stale_offers"


@pytest.fixture
def workers(reference_data, tmp_path):
    with running_workers(QUEUE, name="offers", logs=tmp_path) as start:
        yield start


def test_the_beat_task_run_twice_reminds_fiona_once(workers, society_a, fiona, alice):
    assert REMINDER in {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    old = timezone.localdate() - datetime.timedelta(days=settings.OFFER_STALE_AFTER_DAYS + 5)
    offer = SupportOfferFactory(society=society_a, last_confirmed_on=old)
    workers()

    # As beat sends it: by name, to the workers' queue.
    first = celery_app.send_task(REMINDER, queue=QUEUE).get(timeout=60)
    second = celery_app.send_task(REMINDER, queue=QUEUE).get(timeout=60)

    assert (first, second) == (1, 0), workers.log_tail()
    reminders = Notification.objects.filter(kind="offer-stale")
    assert [(note.recipient, note.key) for note in reminders] == [
        (fiona, f"offer-stale:{offer.pk}:{old.isoformat()}")
    ]

    offers.confirm_offer(offer=offer, actor=alice)
    assert celery_app.send_task(REMINDER, queue=QUEUE).get(timeout=60) == 0
    assert not Notification.objects.filter(kind="offer-stale", read_at__isnull=True).exists()
