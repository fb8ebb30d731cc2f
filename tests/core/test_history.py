"""The history page of core.history, as practices and submissions use it."""

import pytest
from django.urls import reverse

from practices import services
from practices.models import Status
from tests.conftest import login
from tests.practices.factories import make_practice
from tests.reports.factories import make_indicator, make_period, make_submission

pytestmark = pytest.mark.django_db


def history(practice):
    return reverse("practices:history", args=[practice.pk])


def test_the_history_shows_labels_not_codes(client, alice, society_a, edith):
    practice = make_practice(alice, society_a, support_types=["assistance"], principles=["P1"])
    services.update_practice(
        practice=practice,
        actor=alice,
        data={"support_types": ["assistance", "protection"], "countries": ["ITA", "FRA"]},
    )
    services.submit_practice(practice=practice, actor=alice)
    login(client, edith)
    page = client.get(history(practice)).content.decode()
    assert (
        'Types of support</th><td class="diff-old">Assistance</td>'
        '<td class="diff-new">Assistance, Protection</td>'
    ) in page
    assert "protection</td>" not in page and "assistance, protection" not in page
    assert '<td class="diff-new">Italy, France</td>' in page
    # A choice shows its label, and who acted is named.
    assert '<td class="diff-old">Draft</td><td class="diff-new">Submitted for review</td>' in page
    assert "<strong>Alice</strong>" in page


def test_the_history_names_the_contact_person_not_their_id(client, alice, society_a, edith):
    practice = make_practice(alice, society_a, status=Status.PUBLISHED, editor=edith)
    services.update_practice(practice=practice, actor=edith, data={"contact": None})
    login(client, edith)
    page = client.get(history(practice)).content.decode()
    assert f'<td class="diff-old">{alice.get_full_name()}</td><td class="diff-new">—</td>' in page


def test_bob_cannot_see_the_history_of_alices_draft(client, alice, society_a, bob):
    draft = make_practice(alice, society_a)
    login(client, bob)
    assert client.get(history(draft)).status_code == 404


def test_alice_sees_her_draft_but_not_its_history(client, alice, society_a):
    draft = make_practice(alice, society_a)
    login(client, alice)
    assert client.get(history(draft)).status_code == 403


def test_a_submission_history_shows_its_status_changes(client, alice, society_a, edith, bob):
    indicator = make_indicator(edith)
    period = make_period(edith, [indicator])
    submission = make_submission(
        alice, society_a, period, {indicator.code: {"total": 5}}, status="submitted"
    )
    url = reverse("reports:submission_history", args=[submission.pk])
    login(client, alice)
    form = reverse("reports:submission", args=[period.pk, society_a.slug])
    assert f'href="{url}"' in client.get(form).content.decode()
    page = client.get(url).content.decode()
    assert '<td class="diff-old">Draft</td>' in page and "Submitted" in page
    login(client, bob)
    assert client.get(url).status_code == 404
