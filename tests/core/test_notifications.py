"""One notification per person and event, its email sent once, in the person's language,
with a one-click unsubscribe; the bell and the list of notifications."""

import pytest
from django.core import mail
from django.urls import reverse

from config.celery import app as celery_app
from core.models import Notification
from core.notifications import notify, unsubscribe_url
from core.tasks import send_notification
from tests.conftest import login
from tests.core.flaky_email import FlakyBackend

pytestmark = pytest.mark.django_db

LIST = reverse("core:notifications")


@pytest.fixture
def tell(django_capture_on_commit_callbacks):
    """Notify as a service does, and run what it queued after commit."""

    def tell(users, key="membership-decided:1", kind="membership-decided", **context):
        with django_capture_on_commit_callbacks(execute=True):
            return notify(
                recipients=users,
                kind=kind,
                key=key,
                template="core/email/membership_decided",
                context={"membership": context.get("membership"), "site_url": "http://hub"},
                url="http://hub/profile/",
            )

    return tell


@pytest.fixture
def flaky_email(settings):
    """A mail server that fails; tasks run in the process retry as a worker would (with the
    failure propagated, an in-process retry would stop at the first)."""
    settings.EMAIL_BACKEND = "tests.core.flaky_email.FlakyBackend"
    celery_app.conf.task_eager_propagates = False
    yield FlakyBackend
    celery_app.conf.task_eager_propagates = True
    FlakyBackend.failures = 0


def path_of(url: str) -> str:
    return url.removeprefix("http://127.0.0.1:8000").removeprefix("http://testserver")


# --- Exactly once ---------------------------------------------------------------------------


def test_a_send_task_run_twice_sends_one_email(alice, tell):
    [notification] = tell([alice])
    assert send_notification.delay(notification.pk).get() == 0
    assert [message.to for message in mail.outbox] == [[alice.email]]
    notification.refresh_from_db()
    assert (notification.email_state, notification.attempts) == ("sent", 1)


def test_the_same_event_told_twice_is_one_notification(alice, fiona, tell):
    assert [n.recipient for n in tell([alice])] == [alice]
    # Alice was told already: only Fiona is reached now.
    assert [n.recipient for n in tell([alice, fiona])] == [fiona]
    assert Notification.objects.filter(key="membership-decided:1").count() == 2
    assert sorted(message.to[0] for message in mail.outbox) == [alice.email, fiona.email]


def test_a_send_that_fails_once_is_retried_and_sent_once(alice, tell, flaky_email):
    flaky_email.failures = 1
    [notification] = tell([alice])
    assert [message.to for message in mail.outbox] == [[alice.email]]
    notification.refresh_from_db()
    assert (notification.email_state, notification.attempts) == ("sent", 2)
    assert notification.last_error == ""


def test_a_send_that_keeps_failing_is_left_failed_for_the_admins(alice, tell, flaky_email):
    flaky_email.failures = 100
    tell([alice])
    notification = Notification.objects.get()
    assert notification.email_state == "failed"
    assert notification.attempts == send_notification.max_retries + 1
    assert "the mail server hung up" in notification.last_error
    assert mail.outbox == []


def test_admins_see_failed_emails(admin, alice, client, tell, flaky_email):
    flaky_email.failures = 100
    tell([alice])
    login(client, admin)
    response = client.get(reverse("admin:core_notification_changelist"), {"email_state": "failed"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Alice" in page
    assert "Your request to join" in page


# --- The email --------------------------------------------------------------------------------


def test_the_email_carries_a_one_click_unsubscribe_and_says_why(alice, tell):
    tell([alice])
    [message] = mail.outbox
    link = unsubscribe_url(alice, "membership-decided")
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "because you asked to join this National Society" in message.body
    assert link in message.body
    assert message.message()["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_password_link_cannot_be_turned_off_and_is_not_kept(
    django_capture_on_commit_callbacks,
):
    from core import services

    with django_capture_on_commit_callbacks(execute=True):
        onboarded = services.add_editor(email="new.editor@example.org")
    [message] = mail.outbox
    assert "List-Unsubscribe" not in message.extra_headers
    assert "cannot be turned off" in message.body
    assert onboarded.set_password_url in message.body
    notification = Notification.objects.get(recipient=onboarded.user)
    assert notification.email_state == "sent"
    assert onboarded.set_password_url not in notification.body + notification.url


def test_a_french_speaking_focal_point_reads_the_call_in_french(
    edith, fiona, django_capture_on_commit_callbacks
):
    import datetime

    from reports import services

    fiona.language = "fr"
    fiona.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        services.create_call(
            actor=edith,
            title="Arrivée",
            deadline=datetime.date.today() + datetime.timedelta(days=9),
            filters={"region": ["europe"]},
        )
    [message] = mail.outbox
    assert message.subject.startswith("Appel à pratiques")
    assert "Vous recevez ce courriel" in message.body
    assert fiona.notifications.get().subject == message.subject


# --- Turning a kind off -----------------------------------------------------------------------


def test_one_click_unsubscribe_by_post_without_a_session_turns_that_kind_off(client, alice, tell):
    link = path_of(unsubscribe_url(alice, "membership-decided"))
    response = client.post(link, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.muted_kinds == ["membership-decided"]
    # Still told on the site, not by email.
    [notification] = tell([alice])
    assert notification.email_state == "off"
    assert mail.outbox == []


def test_following_the_unsubscribe_link_shows_a_button_and_changes_nothing(client, alice):
    response = client.get(path_of(unsubscribe_url(alice, "membership-decided")))
    assert response.status_code == 200
    assert '<form method="post"' in response.content.decode()
    alice.refresh_from_db()
    assert alice.muted_kinds == []


@pytest.mark.parametrize("token", ["nonsense", "WzEsIngiXQ:1:bad", "a" * 300])
def test_a_bad_unsubscribe_link_is_a_404(client, alice, token):
    assert client.post(reverse("core:unsubscribe", args=[token])).status_code == 404
    assert client.get(reverse("core:unsubscribe", args=[token])).status_code == 404


def test_an_unsubscribe_link_for_password_links_is_a_404(client, alice):
    response = client.post(path_of(unsubscribe_url(alice, "set-password")))
    assert response.status_code == 404
    alice.refresh_from_db()
    assert alice.muted_kinds == []


def test_alice_turns_an_email_off_on_her_profile(client, alice):
    login(client, alice)
    page = client.get(reverse("core:profile")).content.decode()
    assert 'value="membership-decided"' in page
    assert "Links to set my password" in page  # listed as always sent
    wanted = ["membership-requested", "practice-published", "call-announced"]
    response = client.post(reverse("core:profile"), {"form": "emails", "wanted": wanted})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert "membership-decided" in alice.muted_kinds
    assert "practice-published" not in alice.muted_kinds
    assert "set-password" not in alice.muted_kinds


# --- The bell and the list --------------------------------------------------------------------


def test_the_bell_shows_alices_unread_count(client, alice, tell):
    tell([alice], key="a")
    tell([alice], key="b")
    login(client, alice)
    page = client.get(reverse("core:home")).content.decode()
    assert 'aria-label="Notifications: 2 unread"' in page
    assert '<span class="bell-count" aria-hidden="true">2</span>' in page


def test_an_anonymous_visitor_has_no_bell(client):
    assert 'class="bell"' not in client.get(reverse("core:home")).content.decode()


def test_alice_marks_one_read_then_all(client, alice, tell):
    first, second, _third = (tell([alice], key=key)[0] for key in "abc")
    login(client, alice)
    page = client.get(LIST).content.decode()
    assert page.count('class="badge badge-unread">Unread') == 3
    response = client.post(reverse("core:notification_read", args=[first.pk]))
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.read_at is not None
    second.refresh_from_db()
    assert second.read_at is None
    assert client.get(LIST).content.decode().count("badge-unread") == 2
    client.post(reverse("core:notifications_read"))
    assert not alice.notifications.unread().exists()
    assert 'aria-label="Notifications: 0 unread"' in client.get(LIST).content.decode()


def test_bob_cannot_mark_alices_notification_read(client, alice, bob, tell):
    [notification] = tell([alice])
    login(client, bob)
    response = client.post(reverse("core:notification_read", args=[notification.pk]))
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None
    client.post(reverse("core:notifications_read"))
    notification.refresh_from_db()
    assert notification.read_at is None


@pytest.mark.parametrize("size", [3, 30])
def test_the_list_query_count_does_not_grow_with_the_notifications(
    client, alice, size, django_assert_num_queries
):
    Notification.objects.bulk_create(
        Notification(recipient=alice, kind="membership-decided", key=f"k{n}", subject=f"N {n}")
        for n in range(size)
    )
    login(client, alice)
    # The session, the user, the count and the page of rows, the bell's count, and the
    # header's societies and groups.
    with django_assert_num_queries(7):
        response = client.get(LIST)
    assert response.status_code == 200
    assert response.content.decode().count("badge-unread") == min(size, 20)
