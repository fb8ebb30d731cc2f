"""core.workflow: one table per workflow, read by the services (allow or refuse), the pages and
the API (offer only the steps the user may take).

A step refused for where the object stands is a clear conflict (a message on the page, a 409
in the API); refused for who asks, a 403."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.workflow import EDITORS, FOCAL_POINTS, MEMBERS, Role, Transition, Workflow
from practices import services
from practices.models import Status
from practices.workflow import PRACTICE_WORKFLOW
from reports import services as report_services
from reports.workflow import SUBMISSION_WORKFLOW
from tests.conftest import login
from tests.practices.factories import make_practice
from tests.reports.factories import make_indicator, make_period, make_submission

pytestmark = pytest.mark.django_db


def workflow_url(practice, action):
    return reverse("practices:workflow", args=[practice.pk, action])


def step_names(steps):
    return [step.name for step in steps]


# --- The table ------------------------------------------------------------------------------


def test_the_practice_table_offers_each_persona_its_own_steps(alice, fiona, bob, edith, society_a):
    draft = make_practice(alice, society_a)
    submitted = make_practice(alice, society_a, status=Status.SUBMITTED)
    published = make_practice(alice, society_a, status=Status.PUBLISHED, editor=edith)
    archived = make_practice(alice, society_a, status=Status.ARCHIVED, editor=edith)
    assert step_names(PRACTICE_WORKFLOW.available(draft, alice)) == ["submit"]
    assert step_names(PRACTICE_WORKFLOW.available(draft, fiona)) == ["submit"]
    assert PRACTICE_WORKFLOW.available(draft, bob) == []
    assert PRACTICE_WORKFLOW.available(submitted, alice) == []
    assert PRACTICE_WORKFLOW.available(submitted, AnonymousUser()) == []
    assert step_names(PRACTICE_WORKFLOW.available(submitted, edith)) == [
        "publish",
        "archive",
        "request-changes",
    ]
    assert step_names(PRACTICE_WORKFLOW.available(published, edith)) == ["archive"]
    assert step_names(PRACTICE_WORKFLOW.available(archived, edith)) == ["publish"]
    # A society's edit of the published practice waits for an editor: she may publish it or
    # send it back, and the button says which publishing it is.
    services.update_practice(practice=published, actor=alice, data={"title": "Renamed"})
    published.refresh_from_db()
    steps = PRACTICE_WORKFLOW.available(published, edith)
    assert step_names(steps) == ["publish", "archive", "request-changes"]
    assert str(steps[0].label) == "Publish the revision"


def test_a_step_for_focal_points_is_fionas_and_not_alices(alice, fiona, edith, society_a):
    toy = Workflow(
        transitions=[
            Transition(
                "approve",
                sources=[Status.DRAFT],
                target=Status.SUBMITTED,
                by=[FOCAL_POINTS],
                label="Approve",
            ),
            Transition(
                "comment", sources=[Status.DRAFT], target=Status.DRAFT, by=[MEMBERS], label="C"
            ),
            Transition(
                "stamp", sources=[Status.DRAFT], target=Status.DRAFT, by=[EDITORS], label="S"
            ),
        ]
    )
    draft = make_practice(alice, society_a)
    assert step_names(toy.available(draft, fiona)) == ["approve", "comment"]
    assert step_names(toy.available(draft, alice)) == ["comment"]
    assert step_names(toy.available(draft, edith)) == ["stamp"]
    assert toy.check(draft, fiona, "approve").target == Status.SUBMITTED
    with pytest.raises(PermissionDenied):
        toy.check(draft, alice, "approve")


def test_a_step_for_an_apps_own_role_is_for_those_its_test_names(
    alice, fiona, bob, edith, society_a
):
    # A role that is neither a society's nor an editor's: here, the practice's author.
    authors = Role("authors", lambda user, practice: practice.created_by_id == user.pk)
    toy = Workflow(
        transitions=[
            Transition(
                "retitle",
                sources=[Status.DRAFT],
                target=Status.DRAFT,
                by=[authors, EDITORS],
                label="Retitle",
            )
        ]
    )
    draft = make_practice(alice, society_a)
    other = make_practice(fiona, society_a)
    assert step_names(toy.available(draft, alice)) == ["retitle"]
    assert toy.available(other, alice) == []
    assert toy.available(draft, bob) == []
    assert toy.available(draft, AnonymousUser()) == []
    assert toy.check(draft, alice, "retitle").target == Status.DRAFT
    assert step_names(toy.available(other, edith)) == ["retitle"]
    with pytest.raises(PermissionDenied):
        toy.check(other, alice, "retitle")


def test_a_wrong_state_is_a_status_error_and_a_wrong_person_permission_denied(
    alice, bob, edith, society_a
):
    published = make_practice(alice, society_a, status=Status.PUBLISHED, editor=edith)
    with pytest.raises(ValidationError) as wrong_state:
        services.publish_practice(practice=published, actor=edith)
    assert wrong_state.value.message_dict == {
        "status": ["A practice that is published cannot be published."]
    }
    submitted = make_practice(alice, society_a, status=Status.SUBMITTED)
    with pytest.raises(PermissionDenied) as wrong_person:
        services.publish_practice(practice=submitted, actor=alice)
    assert str(wrong_person.value) == "Only IFRC editors can do this."
    with pytest.raises(PermissionDenied):
        services.submit_practice(practice=published, actor=bob)
    # Alice's own practice, already with the editors: her step is refused for its state.
    with pytest.raises(ValidationError) as again:
        services.submit_practice(practice=submitted, actor=alice)
    assert set(again.value.message_dict) == {"status"}


def test_a_step_that_needs_a_note_is_refused_without_one(alice, edith, society_a):
    submitted = make_practice(alice, society_a, status=Status.SUBMITTED)
    with pytest.raises(ValidationError) as raised:
        services.request_changes(practice=submitted, actor=edith, note="  ")
    assert raised.value.message_dict == {"note": ["Tell the society what to change."]}
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


# --- Pages ------------------------------------------------------------------------------------


def test_alice_is_offered_submit_on_her_draft_and_not_publish(client, alice, society_a):
    draft = make_practice(alice, society_a)
    login(client, alice)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert workflow_url(draft, "submit") in page
    assert "Submit for review" in page
    for action in ["publish", "request-changes", "archive"]:
        assert workflow_url(draft, action) not in page


def test_edith_is_offered_publish_and_request_changes_on_a_submitted_practice(
    client, alice, edith, society_a
):
    submitted = make_practice(alice, society_a, status=Status.SUBMITTED)
    login(client, edith)
    page = client.get(submitted.get_absolute_url()).content.decode()
    for action in ["publish", "request-changes", "archive"]:
        assert workflow_url(submitted, action) in page
    assert workflow_url(submitted, "submit") not in page
    queue = client.get(reverse("practices:review_queue")).content.decode()
    assert workflow_url(submitted, "publish") in queue
    assert workflow_url(submitted, "request-changes") in queue


def test_a_step_refused_on_a_page_says_why(client, alice, edith, society_a):
    published = make_practice(alice, society_a, status=Status.PUBLISHED, editor=edith)
    login(client, edith)
    response = client.post(workflow_url(published, "publish"), follow=True)
    assert "A practice that is published cannot be published." in response.content.decode()
    submitted = make_practice(alice, society_a, status=Status.SUBMITTED)
    login(client, alice)
    assert client.post(workflow_url(submitted, "publish")).status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


# --- API ------------------------------------------------------------------------------------


def test_the_practice_api_lists_the_steps_the_requester_may_take(
    client, alice, bob, edith, society_a
):
    submitted = make_practice(alice, society_a, status=Status.SUBMITTED)
    draft = make_practice(alice, society_a)
    url = reverse("api:practice-detail", args=[submitted.pk])
    login(client, edith)
    assert client.get(url).json()["actions"] == ["publish", "archive", "request-changes"]
    login(client, alice)
    assert client.get(url).json()["actions"] == []
    assert client.get(reverse("api:practice-detail", args=[draft.pk])).json()["actions"] == [
        "submit"
    ]


def test_a_step_refused_in_the_api_is_a_409_for_the_state_and_a_403_for_the_person(
    client, alice, edith, society_a
):
    published = make_practice(alice, society_a, status=Status.PUBLISHED, editor=edith)
    login(client, edith)
    response = client.post(reverse("api:practice-publish", args=[published.pk]))
    assert response.status_code == 409
    assert response.json()["errors"] == {
        "status": ["A practice that is published cannot be published."]
    }
    submitted = make_practice(alice, society_a, status=Status.SUBMITTED)
    login(client, alice)
    response = client.post(reverse("api:practice-publish", args=[submitted.pk]))
    assert response.status_code == 403
    assert response.json()["detail"] == "Only IFRC editors can do this."


def test_the_submission_api_lists_the_steps_and_refuses_the_others(client, alice, edith, society_a):
    indicator = make_indicator(edith)
    period = make_period(edith, [indicator])
    submission = make_submission(alice, society_a, period, {indicator.code: {"total": "5"}})
    url = reverse("api:submission-detail", args=[submission.pk])
    login(client, alice)
    assert client.get(url).json()["actions"] == ["submit"]
    refused = client.post(reverse("api:submission-validate", args=[submission.pk]))
    assert refused.status_code == 403
    report_services.submit_submission(submission=submission, actor=alice)
    assert client.get(url).json()["actions"] == []
    again = client.post(reverse("api:submission-submit", args=[submission.pk]))
    assert again.status_code == 409
    assert again.json()["errors"] == {
        "status": ["This submission is submitted: it can no longer change."]
    }
    login(client, edith)
    assert client.get(url).json()["actions"] == ["validate", "return"]
    submission.refresh_from_db()
    assert step_names(SUBMISSION_WORKFLOW.available(submission, edith)) == ["validate", "return"]
