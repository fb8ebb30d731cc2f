"""core.review: the one review-queue block, here on the data submissions' queue (the practice
queue's filters are tested in tests/practices/test_pages.py): filters by kind of wait, region
and waiting time, oldest first, and the same number of statements whatever the page holds."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import NationalSociety
from reports import services
from reports.models import Submission
from tests.conftest import login
from tests.factories import MembershipFactory
from tests.reports.factories import make_indicator, make_period, make_submission

pytestmark = pytest.mark.django_db

QUEUE = reverse("reports:review_queue")


@pytest.fixture
def period(edith):
    return make_period(edith, [make_indicator(edith)])


def submitted_by(country: str, period, **kwargs) -> Submission:
    society = NationalSociety.objects.get(country_id=country, kind="national-society")
    member = MembershipFactory(society=society).user
    return make_submission(
        member, society, period, {"migrants-reached": {"total": "3"}}, status="submitted", **kwargs
    )


def listed(response) -> list[str]:
    page = response.content.decode()
    societies = NationalSociety.objects.filter(data_submissions__isnull=False)
    found = [(page.find(society.label), society.country_id) for society in societies]
    return [country for position, country in sorted(found) if position >= 0]


def test_edith_filters_the_submission_queue_by_region_kind_and_wait(client, alice, edith, period):
    italy = submitted_by("ITA", period)
    Submission.objects.filter(pk=italy.pk).update(submitted_at=timezone.now() - timedelta(days=20))
    kenya = submitted_by("KEN", period)
    france = submitted_by("FRA", period)
    services.return_submission(submission=france, actor=edith, note="Check the total.")
    services.submit_submission(submission=france, actor=france.society.memberships.get().user)

    login(client, edith)
    assert listed(client.get(QUEUE)) == ["ITA", "KEN", "FRA"]  # oldest first
    assert listed(client.get(QUEUE, {"region": "africa"})) == ["KEN"]
    assert listed(client.get(QUEUE, {"status": "again"})) == ["FRA"]
    assert listed(client.get(QUEUE, {"status": "first", "region": "europe"})) == ["ITA"]
    assert listed(client.get(QUEUE, {"waiting": 14})) == ["ITA"]
    assert kenya.pk  # listed above, by its society's name
    refused = client.get(QUEUE, {"region": "atlantis"})
    assert refused.status_code == 400
    assert "No submission waits for review." in refused.content.decode()


@pytest.mark.parametrize("size", [2, 8])
def test_both_queues_count_their_rows_once_whatever_the_page_holds(
    client, alice, edith, society_a, period, size, django_assert_num_queries
):
    from practices.models import Status
    from tests.practices.factories import make_practice

    for country in ["ITA", "KEN", "FRA", "ESP", "DEU", "GRC", "MEX", "LBN"][:size]:
        submitted_by(country, period)
    for number in range(size):
        make_practice(alice, society_a, status=Status.SUBMITTED, title=f"Practice {number}")
    login(client, edith)
    # The session, the user, the editors group, the two-factor check, the memberships and the
    # header's unread notifications; then one COUNT and one SELECT of the page.
    with django_assert_num_queries(8):
        response = client.get(QUEUE)
    assert response.content.decode().count('scope="row"') == size
    with django_assert_num_queries(8):
        response = client.get(reverse("practices:review_queue"))
    assert response.content.decode().count('class="review-item"') == size
