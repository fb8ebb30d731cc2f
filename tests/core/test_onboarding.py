from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from core.models import APIToken, Membership, User
from tests.conftest import login, with_totp
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Runs a management command as an administrator would; its emails are sent."""

    def run_command(*args):
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command(*args, stdout=out)
        return out.getvalue()

    return run_command


def test_add_member_creates_a_focal_point_with_a_set_password_link(run, society_a):
    output = run(
        "add_member", "New.Person@example.org", "--society", "ita", "--role", "focal_point"
    )
    user = User.objects.get(email="new.person@example.org")
    membership = user.memberships.get()
    assert membership.society == society_a
    assert membership.role == Membership.Role.FOCAL_POINT
    assert membership.status == Membership.Status.APPROVED
    assert not user.has_usable_password()
    assert "/accounts/password/reset/key/" in output
    assert mail.outbox[-1].to == ["new.person@example.org"]
    assert "/accounts/password/reset/key/" in mail.outbox[-1].body


def test_set_password_link_lets_the_new_user_choose_a_password(run, client, society_a):
    output = run("add_member", "linked@example.org", "--society", "ITA")
    link = output.split("emailed): ")[1].strip()
    path = link.split("127.0.0.1:8000")[1]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else path
    client.post(
        action, {"password1": "a-fine-new-passphrase", "password2": "a-fine-new-passphrase"}
    )
    assert User.objects.get(email="linked@example.org").check_password("a-fine-new-passphrase")


def test_add_member_refuses_an_unknown_country(run):
    with pytest.raises(CommandError):
        run("add_member", "x@example.org", "--society", "XXX")


def test_add_editor_and_create_token_read_me(run, client):
    run("add_editor", "editor@example.org")
    with_totp(User.objects.get(email="editor@example.org"))  # editors use tokens with it only
    key = run("create_token", "editor@example.org").strip()
    assert len(key) >= 32
    stored = APIToken.objects.get(user__email="editor@example.org")
    assert key not in (stored.digest, stored.token_key)  # only a hash and a prefix are kept
    response = client.get(reverse("api:me"), headers={"Authorization": f"Token {key}"})
    assert response.status_code == 200
    body = response.json()
    assert body["email"] == "editor@example.org"
    assert "ifrc_editor" in body["roles"]
    assert body["memberships"][0]["society"]["slug"] == "ifrc-secretariat"


def test_revoked_token_is_refused(run, client, alice):
    key = run("create_token", alice.email).strip()
    headers = {"Authorization": f"Token {key}"}
    assert client.get(reverse("api:me"), headers=headers).status_code == 200
    login(client, alice)
    token_key = APIToken.objects.get(user=alice).token_key
    client.post(reverse("core:token_revoke", args=[token_key]))
    client.logout()
    response = client.get(reverse("api:me"), headers=headers)
    assert response.status_code == 401
    assert response.json()["detail"]


def test_alice_creates_a_token_on_her_profile_and_sees_it_once(run, client, alice):
    login(client, alice)
    response = client.post(
        reverse("core:token_create"), {"name": "my script", "password": PASSWORD}, follow=True
    )
    token = APIToken.objects.get(user=alice)
    page = response.content.decode()
    assert token.token_key in page
    assert "will not be shown again" in page
    assert "will not be shown again" not in client.get(reverse("core:profile")).content.decode()


def test_bob_cannot_revoke_alices_token(run, client, alice, bob):
    run("create_token", alice.email)
    token_key = APIToken.objects.get(user=alice).token_key
    login(client, bob)
    client.post(reverse("core:token_revoke", args=[token_key]))
    assert APIToken.objects.filter(user=alice).exists()


def test_create_token_for_an_unknown_user_fails(run):
    with pytest.raises(CommandError):
        run("create_token", "nobody@example.org")
