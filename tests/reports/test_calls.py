"""Calls for practices: editors open them from a gap, focal points of the regions concerned
are emailed, the home page shows the open ones, and members answer with their practices."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from core.models import Membership, NationalSociety, Notification
from core.notifications import deliver
from core.tasks import send_notification
from practices.models import Status
from reports import notifications, services
from reports.models import CallForPractices, Report, ReportStatus
from tests.conftest import login
from tests.factories import MembershipFactory
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

CREATE = reverse("reports:call_create")


def call_page(call):
    return reverse("reports:call", args=[call.pk])


def link(call):
    return reverse("reports:call_link", args=[call.pk])


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def kenyan_focal_point(society_b):
    return MembershipFactory(
        user__email="kamau@example.org", society=society_b, role=Membership.Role.FOCAL_POINT
    ).user


@pytest.fixture
def call(edith):
    return services.create_call(
        actor=edith,
        title="Practices on arrival in Europe",
        description="Reception, orientation and first aid for people who just arrived.",
        deadline=in_days(30),
        filters={"step": ["arrival"], "region": ["europe"]},
    )


def call_data(**overrides):
    data = {
        "title": "Practices for returnees in Africa",
        "description": "Reintegration support.",
        "deadline": in_days(20).isoformat(),
        "step": ["return"],
        "region": ["africa"],
    }
    data.update(overrides)
    return data


# --- Opening a call ---------------------------------------------------------------------------


def test_only_editors_open_calls(client, alice):
    assert client.get(CREATE).status_code == 302  # to the login page
    login(client, alice)
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, call_data()).status_code == 403
    assert not CallForPractices.objects.exists()
    with pytest.raises(PermissionDenied):
        services.create_call(actor=alice, title="Mine", deadline=in_days(3), filters={})


def test_a_gap_link_fills_the_form(client, edith):
    report = Report.objects.create(
        kind="practices-overview", fingerprint="gap", status=ReportStatus.DONE, result={}
    )
    login(client, edith)
    response = client.get(CREATE, {"step": "return", "region": "africa", "report": report.pk})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Practices wanted: Return, Sub-Saharan Africa"' in page
    assert 'name="step" value="return" id="id_step_5" checked' in page
    assert 'name="region" value="africa" id="id_region_0" checked' in page
    assert f'name="report" value="{report.pk}"' in page
    assert f'value="{in_days(30).isoformat()}"' in page


def test_edith_opens_a_call_from_a_gap_and_lands_on_it(
    client, edith, fiona, kenyan_focal_point, django_capture_on_commit_callbacks
):
    report = Report.objects.create(
        kind="practices-overview", fingerprint="gap", status=ReportStatus.DONE, result={}
    )
    login(client, edith)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CREATE, call_data(report=str(report.pk)))
    call = CallForPractices.objects.get()
    assert response.status_code == 302
    assert response.url == call_page(call)
    assert call.filters == {"step": ["return"], "region": ["africa"]}
    assert call.report == report
    assert call.created_by == edith
    # Africa: Kenya's focal point is told, Italy's is not.
    assert [message.to for message in mail.outbox] == [[kenyan_focal_point.email]]
    assert "Practices for returnees in Africa" in mail.outbox[0].subject
    assert call_page(call) in mail.outbox[0].body


def landing_messages(response) -> list[str]:
    return [str(message) for message in response.wsgi_request._messages]


def test_edith_is_told_how_many_focal_points_are_emailed_and_where_there_is_none(
    client, edith, fiona, kenyan_focal_point, django_capture_on_commit_callbacks
):
    # Italy (Europe) and Kenya (Africa) have a focal point; the Americas have none.
    login(client, edith)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CREATE, call_data(region=["africa", "europe", "americas"]))
    assert landing_messages(response) == [
        "The call is open. It is emailed to 2 focal points.",
        "No focal point is on the platform in Americas: nobody there is told.",
    ]
    assert len(mail.outbox) == 2


def test_edith_is_told_when_nobody_is_emailed(client, edith, fiona, kenyan_focal_point):
    login(client, edith)
    response = client.post(CREATE, call_data(region=["americas", "asia-pacific"]))
    assert response.status_code == 302
    assert landing_messages(response) == [
        "The call is open, but nobody is emailed: no focal point is on the platform in "
        "Americas, Asia-Pacific."
    ]


def test_a_focal_point_of_two_societies_of_a_region_counts_once(
    client, edith, fiona, django_capture_on_commit_callbacks
):
    france = NationalSociety.objects.get(country_id="FRA", kind="national-society")
    MembershipFactory(user=fiona, society=france, role=Membership.Role.FOCAL_POINT)
    login(client, edith)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CREATE, call_data(region=["europe"]))
    assert landing_messages(response) == ["The call is open. It is emailed to 1 focal point."]
    assert [message.to for message in mail.outbox] == [[fiona.email]]


def test_a_call_without_a_region_emails_the_focal_points_of_every_region(
    edith, fiona, kenyan_focal_point, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.create_call(
            actor=edith, title="Principle 8", deadline=in_days(10), filters={"principle": ["P8"]}
        )
    assert sorted(message.to[0] for message in mail.outbox) == [
        fiona.email,
        kenyan_focal_point.email,
    ]


def test_announcing_a_call_again_emails_nobody_twice(
    edith, fiona, kenyan_focal_point, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call = services.create_call(
            actor=edith, title="Principle 8", deadline=in_days(10), filters={"principle": ["P8"]}
        )
    assert len(mail.outbox) == 2
    ledger = Notification.objects.filter(key=f"call-announced:{call.pk}")
    assert sorted(ledger.values_list("recipient_id", flat=True)) == sorted(
        [fiona.pk, kenyan_focal_point.pk]
    )
    assert set(ledger.values_list("email_state", flat=True)) == {"sent"}
    # Announcing it again, or a retried or redelivered send, tells nobody again.
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications.announce_call(call) == []
    for notification in ledger:
        assert send_notification.delay(notification.pk).get() == 0
    assert len(mail.outbox) == 2


def test_a_failed_announcement_is_sent_when_it_is_tried_again(settings, edith, fiona):
    call = services.create_call(  # not committed: the send is run by hand below
        actor=edith, title="Principle 8", deadline=in_days(10), filters={}
    )
    notification = Notification.objects.get(key=f"call-announced:{call.pk}")
    # Nothing listens on port 9 of this machine: a real refused connection.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9
    with pytest.raises(OSError):
        deliver(notification_id=notification.pk)
    notification.refresh_from_db()
    assert (notification.email_state, notification.attempts) == ("pending", 1)
    assert "ConnectionRefusedError" in notification.last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert deliver(notification_id=notification.pk) == 1
    assert [message.to for message in mail.outbox] == [[fiona.email]]


def test_a_focal_point_who_turned_calls_off_sees_the_call_on_the_site_only(
    client, edith, fiona, kenyan_focal_point, django_capture_on_commit_callbacks
):
    fiona.muted_kinds = ["call-announced"]
    fiona.save(update_fields=["muted_kinds"])
    login(client, edith)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CREATE, call_data(region=["africa", "europe"]))
    assert landing_messages(response) == [
        "The call is open. It is emailed to 1 focal point.",
        "1 focal point turned these emails off and sees the call in their notifications only.",
    ]
    assert [message.to for message in mail.outbox] == [[kenyan_focal_point.email]]
    assert fiona.notifications.get().email_state == "off"


def test_a_call_in_the_past_is_refused_and_the_form_kept(client, edith):
    login(client, edith)
    response = client.post(CREATE, call_data(deadline=in_days(-1).isoformat()))
    assert response.status_code == 400
    page = response.content.decode()
    assert "The deadline cannot be in the past." in page
    assert 'value="Practices for returnees in Africa"' in page
    assert not CallForPractices.objects.exists()


def test_an_unknown_code_is_refused(client, edith):
    login(client, edith)
    response = client.post(CREATE, call_data(step=["moon"]))
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not CallForPractices.objects.exists()


# --- Reading a call ---------------------------------------------------------------------------


def test_home_page_shows_open_calls_only(client, edith, call):
    closed = services.create_call(
        actor=edith, title="Closed call on origin", deadline=in_days(0), filters={}
    )
    CallForPractices.objects.filter(pk=closed.pk).update(deadline=in_days(-1))
    page = client.get(reverse("core:home")).content.decode()
    assert "Calls for practices" in page
    assert call_page(call) in page
    assert "Practices on arrival in Europe" in page
    assert "Closed call on origin" not in page


def test_visitor_reads_a_call_with_what_it_asks(client, call):
    page = client.get(call_page(call)).content.decode()
    assert "Practices on arrival in Europe" in page
    assert "Reception, orientation and first aid" in page
    assert "Step of the trail: <bdi>Arrival</bdi>" in page
    assert "Region: <bdi>Europe</bdi>" in page
    assert f'href="{reverse("practices:catalogue")}?step=arrival&amp;region=europe"' in page
    assert "Log in to answer" in page


def test_the_call_lists_only_the_answers_the_reader_may_see(
    client, alice, bob, edith, society_a, call
):
    public = make_practice(
        alice, society_a, status=Status.PUBLISHED, editor=edith, title="Port welcome desks"
    )
    movement = make_practice(
        alice,
        society_a,
        status=Status.PUBLISHED,
        editor=edith,
        title="Members-only shelter map",
        visibility="movement",
    )
    for practice in (public, movement):
        services.link_practice(call=call, practice=practice, actor=alice)
    page = client.get(call_page(call)).content.decode()
    assert "Port welcome desks" in page
    assert "Members-only shelter map" not in page
    login(client, bob)
    assert "Members-only shelter map" in client.get(call_page(call)).content.decode()


# --- Answering a call -------------------------------------------------------------------------


def test_alice_links_a_practice_submitted_after_the_call(client, alice, society_a, call):
    # Sent for review is enough: the call need not wait for the editors.
    submitted = make_practice(alice, society_a, status=Status.SUBMITTED, title="Orientation")
    login(client, alice)
    page = client.get(call_page(call)).content.decode()
    assert f'<option value="{submitted.pk}">Orientation</option>' in page
    response = client.post(link(call), {"practice": submitted.pk}, follow=True)
    assert response.redirect_chain[-1][0] == call_page(call)
    assert "Orientation now answers this call." in response.content.decode()
    assert list(call.practices.all()) == [submitted]


def test_fiona_links_a_practice_alice_published_after_the_call(
    client, alice, fiona, edith, society_a, call
):
    published = make_practice(alice, society_a, status=Status.PUBLISHED, editor=edith)
    login(client, fiona)
    assert client.post(link(call), {"practice": published.pk}).status_code == 302
    assert list(call.practices.all()) == [published]


def test_alice_cannot_link_a_practice_submitted_before_the_call(client, alice, edith, society_a):
    earlier = make_practice(
        alice, society_a, status=Status.PUBLISHED, editor=edith, title="Older practice"
    )
    call = services.create_call(actor=edith, title="Arrival", deadline=in_days(5), filters={})
    login(client, alice)
    page = client.get(call_page(call)).content.decode()
    assert "Older practice" not in page  # not offered
    response = client.post(link(call), {"practice": earlier.pk})
    assert response.status_code == 400
    assert "Only practices submitted while the call is open can answer it" in (
        response.content.decode()
    )
    assert not call.practices.exists()


def test_fiona_unlinks_a_practice_of_her_society_and_bob_cannot(
    client, alice, fiona, bob, society_a, call
):
    practice = make_practice(alice, society_a, status=Status.SUBMITTED, title="Orientation")
    services.link_practice(call=call, practice=practice, actor=alice)
    unlink = {"practice": practice.pk, "action": "unlink"}
    login(client, bob)
    assert 'name="action" value="unlink"' not in client.get(call_page(call)).content.decode()
    assert client.post(link(call), unlink).status_code == 400  # not his to see: not offered
    assert list(call.practices.all()) == [practice]
    login(client, fiona)
    assert 'name="action" value="unlink"' in client.get(call_page(call)).content.decode()
    response = client.post(link(call), unlink, follow=True)
    assert "Orientation no longer answers this call." in response.content.decode()
    assert not call.practices.exists()


def test_bob_cannot_link_alices_practice(client, alice, bob, edith, society_a, call):
    practice = make_practice(alice, society_a, status=Status.PUBLISHED, editor=edith)
    login(client, bob)
    assert f'value="{practice.pk}"' not in client.get(call_page(call)).content.decode()
    assert client.post(link(call), {"practice": practice.pk}).status_code == 403
    assert not call.practices.exists()


def test_bob_cannot_link_alices_draft_he_cannot_see(client, alice, bob, society_a, call):
    draft = make_practice(alice, society_a)
    login(client, bob)
    response = client.post(link(call), {"practice": draft.pk})
    assert response.status_code == 400
    assert "Choose one of your society&#x27;s practices." in response.content.decode()
    assert not call.practices.exists()


def test_a_closed_call_refuses_answers(client, alice, edith, society_a, call):
    practice = make_practice(alice, society_a, status=Status.PUBLISHED, editor=edith)
    CallForPractices.objects.filter(pk=call.pk).update(deadline=in_days(-1))
    login(client, alice)
    page = client.get(call_page(call)).content.decode()
    assert "Closed" in page
    assert link(call) not in page
    response = client.post(link(call), {"practice": practice.pk})
    assert response.status_code == 400
    assert "This call closed on" in response.content.decode()
    assert not call.practices.exists()


def test_visitor_cannot_link(client, call):
    response = client.post(link(call), {"practice": "1"})
    assert response.status_code == 302
    assert reverse("account_login") in response.url


@pytest.mark.parametrize("size", [2, 10])
def test_call_page_query_count_does_not_grow_with_the_answers(
    client, alice, edith, society_a, call, size, django_assert_max_num_queries
):
    for number in range(size):
        practice = make_practice(
            alice, society_a, status=Status.PUBLISHED, editor=edith, title=f"Answer {number}"
        )
        services.link_practice(call=call, practice=practice, actor=alice)
    # The call and its answers.
    with django_assert_max_num_queries(2):
        response = client.get(call_page(call))
    assert response.content.decode().count("Answer ") == size
    login(client, alice)
    # Logged in: the session, the user, groups, two-factor state and societies, then the
    # practices she may still link and those she may unlink.
    with django_assert_max_num_queries(9):
        client.get(call_page(call))
