"""Logging in, the second factor, login limits, passwords and personal API tokens."""

import os
import re
import secrets
import subprocess
import sys
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.throttling import SimpleRateThrottle

from core import services
from core.models import APIToken, User
from tests.browser import totp_code
from tests.conftest import login, with_totp
from tests.factories import PASSWORD, UserFactory
from tests.practices.factories import practice_data

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
ME = reverse("api:me")


def new_editor(email="new-editor@example.org"):
    user = UserFactory(email=email)
    user.groups.add(Group.objects.get(name=settings.EDITORS_GROUP))
    return user


def log_in_with_password(client, user, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": user.email, "password": password})


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


# --- The admin and the second factor ----------------------------------------------------------


def test_the_admin_login_sends_people_to_the_sites_login(client):
    response = client.get(reverse("admin:login") + "?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=%2Fadmin%2F"


def test_admin_with_totp_gets_no_session_from_the_admin_login_with_a_password_alone(client, admin):
    response = client.post(
        reverse("admin:login"), {"username": admin.email, "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert logged_in_user_id(client) is None
    assert client.get(reverse("admin:index")).status_code == 302
    assert client.get(reverse("practices:review_queue")).status_code == 302
    assert client.get(ME).status_code in (401, 403)
    client.post(reverse("core:token_create"), {"name": "x", "password": PASSWORD})
    assert not APIToken.objects.exists()


def test_admin_logs_in_with_password_and_code_and_reaches_the_admin(client, admin):
    response = log_in_with_password(client, admin)
    assert response["Location"] == reverse("mfa_authenticate")
    assert logged_in_user_id(client) is None  # the password alone opens nothing
    client.post(reverse("mfa_authenticate"), {"code": totp_code(admin.totp_secret)})
    assert logged_in_user_id(client) == str(admin.pk)
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_session_that_skipped_the_second_factor_is_logged_out_of_every_editor_page(
    client, admin, edith
):
    # force_login opens a session the way a login around allauth would: no second factor.
    for user, path in [
        (admin, reverse("admin:index")),
        (edith, reverse("practices:review_queue")),
        (edith, reverse("core:profile")),
        (edith, reverse("account_change_password")),
    ]:
        client.force_login(user)
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("account_login") + "?next="), path
        assert logged_in_user_id(client) is None


def test_a_session_that_skipped_the_second_factor_gets_a_json_403_from_the_api(client, edith):
    client.force_login(edith)
    response = client.get(ME)
    assert response.status_code == 403
    assert "two-factor" in response.json()["detail"]


def test_a_session_that_skipped_the_second_factor_cannot_make_a_token(client, edith):
    client.force_login(edith)
    response = client.post(
        reverse("core:token_create"),
        {"name": "x", "password": PASSWORD, "code": totp_code(edith.totp_secret)},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not APIToken.objects.exists()


def test_edith_after_both_factors_uses_the_site_and_the_api(client, edith):
    login(client, edith)
    assert client.get(reverse("practices:review_queue")).status_code == 200
    assert client.get(ME).status_code == 200


# Committed for real: allauth announces the new authenticator after commit, in the request.
@pytest.mark.django_db(transaction=True)
def test_a_new_editor_is_told_why_and_keeps_the_session_once_the_app_is_set_up(
    client, reference_data
):
    editor = new_editor()
    login(client, editor)  # a password, no authenticator yet
    assert client.get(reverse("core:profile"))["Location"] == reverse("mfa_activate_totp")
    asked_again = client.get(reverse("mfa_activate_totp"), follow=True)
    page = asked_again.content.decode()
    assert asked_again.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    assert "must use two-factor authentication" in page
    assert "even just after logging in" in page

    client.post(
        reverse("account_reauthenticate") + "?next=" + reverse("mfa_activate_totp"),
        {"password": PASSWORD},
    )
    setup = client.get(reverse("mfa_activate_totp"))
    assert setup.status_code == 200
    secret = setup.context["form"].secret
    page = setup.content.decode()
    assert f">{secret}</code>" in page  # the whole key, as text
    assert "<svg" in page and "<?xml" not in page  # the QR code, drawn on the server
    assert "IFRC editors and staff must use two-factor authentication" in page

    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.get(reverse("core:profile")).status_code == 200
    assert client.get(ME).status_code == 200


def test_the_remember_me_checkbox_sits_inside_its_label(client):
    page = client.get(reverse("account_login")).content.decode()
    assert re.search(r'<label for="id_remember">\s*<input type="checkbox" name="remember"', page)


# --- The secret key and the proxy count ---------------------------------------------------------


def load_settings(**variables) -> subprocess.CompletedProcess:
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    # A DATABASE_URL, so that no embedded database starts; nothing connects to it.
    env.update(ENV_FILE="", DATABASE_URL="postgres://nobody@127.0.0.1:1/none", **variables)
    code = (
        "import config.settings as s; "
        "print(s.ALLAUTH_TRUSTED_PROXY_COUNT, s.REST_FRAMEWORK['NUM_PROXIES'])"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    "key",
    [
        "xmBTyQgIr0mMFupxmjlH50wmGVIzN55AoD4Tsd0iQ9ZDuMRuCXnv7JKT0Psh_Fjuijs",  # once committed
        "change-me-to-a-long-random-string",
        "build-only",
        "x" * 49,
        "django-insecure-" + "k" * 50,
    ],
)
def test_production_refuses_to_start_with_a_known_or_short_secret_key(key):
    result = load_settings(DEBUG="0", SECRET_KEY=key)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "at least 50 characters" in result.stderr


def test_production_starts_with_a_long_random_secret_key_and_development_with_any():
    assert load_settings(DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50)).returncode == 0
    assert load_settings(DEBUG="1", SECRET_KEY="build-only").returncode == 0


def test_the_proxy_count_follows_behind_tls_proxy_for_logins_and_the_api():
    key = secrets.token_urlsafe(50)
    assert load_settings(DEBUG="0", SECRET_KEY=key).stdout.split() == ["0", "0"]
    behind = load_settings(DEBUG="0", SECRET_KEY=key, BEHIND_TLS_PROXY="1")
    assert behind.stdout.split() == ["1", "1"]
    two = load_settings(DEBUG="0", SECRET_KEY=key, BEHIND_TLS_PROXY="1", TRUSTED_PROXY_COUNT="2")
    assert two.stdout.split() == ["2", "2"]


# --- Login limits -------------------------------------------------------------------------------


def test_eleven_wrong_passwords_for_alice_do_not_stop_bob_from_the_same_address(client, alice, bob):
    for _attempt in range(11):
        log_in_with_password(client, alice, "not-alices-password")
    # Alice's account is locked for a while, even with her right password...
    refused = log_in_with_password(client, alice)
    assert refused.status_code == 200
    assert logged_in_user_id(client) is None
    # ...but Bob, behind the same address, logs in.
    response = log_in_with_password(client, bob)
    assert response.status_code == 302
    assert logged_in_user_id(client) == str(bob.pk)


def test_x_forwarded_for_does_not_reset_the_anonymous_api_throttle(client, monkeypatch):
    # The throttle classes read their rates once, at import: set them on the class.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": None})
    url = reverse("api:region-list")
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    assert client.get(url).status_code == 429
    assert client.get(url, headers={"X-Forwarded-For": "203.0.113.7"}).status_code == 429
    # The limit is per client address: another address is not throttled.
    assert client.get(url, REMOTE_ADDR="198.51.100.2").status_code == 200


# --- Passwords --------------------------------------------------------------------------------


@pytest.mark.parametrize("password", ["Qx7!mzP2#kd", "qwerty123456"])
def test_sign_up_refuses_a_short_or_common_password(client, society_a, password):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "newcomer@example.org",
            "password1": password,
            "password2": password,
            "full_name": "Nadia Newcomer",
            "society": society_a.pk,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert not User.objects.filter(email="newcomer@example.org").exists()


# --- Account enumeration ----------------------------------------------------------------------


def sign_up(client, email, society):
    return client.post(
        reverse("account_signup"),
        {
            "email": email,
            "password1": "a-long-enough-passphrase",
            "password2": "a-long-enough-passphrase",
            "full_name": "Someone",
            "society": society.pk,
        },
        follow=True,
    )


def test_sign_up_answers_alike_whether_the_address_has_an_account_or_not(
    client, alice, society_b, monkeypatch
):
    hashes = []
    encode = PBKDF2PasswordHasher.encode

    def counted_encode(self, *args, **kwargs):
        hashes.append(1)
        return encode(self, *args, **kwargs)

    monkeypatch.setattr(PBKDF2PasswordHasher, "encode", counted_encode)
    known = sign_up(client, alice.email, society_b)
    known_hashes, hashes[:] = len(hashes), []
    client.cookies.clear()
    new = sign_up(client, "nobody-yet@example.org", society_b)

    assert known.status_code == new.status_code == 200
    assert known.redirect_chain == new.redirect_chain
    known_text = known.content.decode().replace(alice.email, "EMAIL")
    new_text = new.content.decode().replace("nobody-yet@example.org", "EMAIL")
    strip_tokens = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert strip_tokens.sub("", known_text) == strip_tokens.sub("", new_text)
    # The same slow work on both paths: one password hashed.
    assert known_hashes == len(hashes) == 1
    # Alice's account is not touched: no membership asked in her name.
    assert not alice.memberships.filter(society=society_b).exists()


def test_the_contact_field_answers_alike_for_an_unknown_user_and_a_non_member(
    client, alice, bob, society_a
):
    login(client, alice)
    answers = []
    for contact in (bob.pk, User.objects.order_by("-pk").first().pk + 1000):
        response = client.post(
            reverse("api:practice-list"),
            practice_data(contact=contact),
            content_type="application/json",
        )
        answers.append((response.status_code, response.json()))
    assert answers[0] == answers[1]
    status, body = answers[0]
    assert status == 400
    assert body["errors"]["contact"] == ["The contact person must be a member of the society."]


# --- Personal API tokens ------------------------------------------------------------------------


def create_on_profile(client, **data):
    return client.post(reverse("core:token_create"), data)


def test_alice_makes_a_named_token_with_her_password_and_it_expires_in_90_days(client, alice):
    login(client, alice)
    response = create_on_profile(client, name="nightly export", password=PASSWORD)
    assert response.status_code == 302
    token = APIToken.objects.get(user=alice)
    assert token.name == "nightly export"
    assert abs(token.expiry - (timezone.now() + timedelta(days=90))) < timedelta(minutes=1)
    profile = client.get(reverse("core:profile")).content.decode()
    assert "nightly export" in profile
    assert token.expiry.strftime("%Y") in profile


def test_alice_cannot_make_a_token_without_her_password(client, alice):
    login(client, alice)
    response = create_on_profile(client, name="x", password="not-her-password")
    assert response.status_code == 400
    assert "Incorrect password." in response.content.decode()
    assert 'value="x"' in response.content.decode()  # what was typed is kept
    assert not APIToken.objects.exists()


def test_edith_needs_her_authenticator_code_to_make_a_token(client, edith):
    login(client, edith)
    assert create_on_profile(client, name="x", password=PASSWORD).status_code == 400
    wrong = create_on_profile(client, name="x", password=PASSWORD, code="000000")
    assert wrong.status_code == 400
    assert not APIToken.objects.exists()
    right = create_on_profile(
        client, name="x", password=PASSWORD, code=totp_code(edith.totp_secret)
    )
    assert right.status_code == 302
    assert APIToken.objects.filter(user=edith).count() == 1


def test_an_editor_without_a_second_factor_makes_no_token_on_the_profile(client, settings):
    settings.REQUIRE_MFA_FOR_EDITORS = False  # so that the profile page opens at all
    editor = new_editor()
    login(client, editor)
    page = client.get(reverse("core:profile")).content.decode()
    assert "Editors and staff create tokens once two-factor authentication is on" in page
    response = create_on_profile(client, name="x", password=PASSWORD)
    assert response.status_code == 400
    assert not APIToken.objects.exists()


def test_an_editors_token_works_only_once_the_account_has_a_second_factor(client):
    editor = new_editor()
    _token, key = services.create_token(user=editor, name="server")  # as create_token does
    headers = {"Authorization": f"Token {key}"}
    refused = client.get(ME, headers=headers)
    assert refused.status_code == 403
    assert "two-factor authentication" in refused.json()["detail"]
    with_totp(editor)
    assert client.get(ME, headers=headers).status_code == 200


def test_an_expired_token_is_refused(client, alice):
    token, key = services.create_token(user=alice, name="old")
    APIToken.objects.filter(pk=token.pk).update(expiry=timezone.now() - timedelta(minutes=1))
    assert client.get(ME, headers={"Authorization": f"Token {key}"}).status_code == 401


def test_alice_renews_her_token_and_bob_cannot(client, alice, bob):
    token, key = services.create_token(user=alice, name="script", days=2)
    renew = reverse("core:token_renew", args=[token.token_key])
    login(client, bob)
    client.post(renew)
    token.refresh_from_db()
    assert token.expiry < timezone.now() + timedelta(days=3)
    login(client, alice)
    assert client.post(renew).status_code == 302
    token.refresh_from_db()
    assert token.expiry > timezone.now() + timedelta(days=89)
    assert client.get(ME, headers={"Authorization": f"Token {key}"}).status_code == 200


def change_with_allauth(client, user):
    login(client, user)
    client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "a-new-long-passphrase",
            "password2": "a-new-long-passphrase",
        },
    )


def reset_with_allauth(client, user):
    key = default_token_generator.make_token(user)
    path = reverse(
        "account_reset_password_from_key", kwargs={"uidb36": user_pk_to_url_str(user), "key": key}
    )
    form_page = client.get(path, follow=True)
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else path
    client.post(
        action, {"password1": "a-new-long-passphrase", "password2": "a-new-long-passphrase"}
    )


def change_in_the_admin(client, user):
    form = AdminPasswordChangeForm(
        user, {"password1": "a-new-long-passphrase", "password2": "a-new-long-passphrase"}
    )
    assert form.is_valid(), form.errors
    form.save()


def change_in_code(client, user):
    user.set_password("a-new-long-passphrase")
    user.save()


def disable_the_password(client, user):
    user.set_unusable_password()
    user.save()


@pytest.mark.parametrize(
    "change",
    [
        change_with_allauth,
        reset_with_allauth,
        change_in_the_admin,
        change_in_code,
        disable_the_password,
    ],
)
def test_a_password_change_by_any_path_revokes_alices_tokens(client, alice, bob, change):
    services.create_token(user=alice, name="one")
    services.create_token(user=alice, name="two")
    services.create_token(user=bob, name="bobs")
    change(client, User.objects.get(pk=alice.pk))
    assert User.objects.get(pk=alice.pk).check_password(PASSWORD) is False
    assert not APIToken.objects.filter(user=alice).exists()
    assert APIToken.objects.filter(user=bob).count() == 1


def test_a_login_that_upgrades_the_password_hash_keeps_the_tokens(client, alice):
    services.create_token(user=alice, name="kept")
    weaker = PBKDF2PasswordHasher().encode(PASSWORD, "saltsaltsalt", iterations=1000)
    User.objects.filter(pk=alice.pk).update(password=weaker)
    log_in_with_password(client, alice)  # Django stores the stronger hash on the way
    assert User.objects.get(pk=alice.pk).password != weaker
    assert APIToken.objects.filter(user=alice).count() == 1


def test_saving_a_person_made_without_a_password_keeps_the_tokens_made_since(db):
    person = User.objects.create_user("onboarded@example.org")  # an unusable password
    services.create_token(user=person, name="kept")
    services.update_profile(user=person, full_name="Onboarded", language="fr")
    assert APIToken.objects.filter(user=person).count() == 1


def test_the_create_token_command_takes_a_name_and_days(alice):
    out = StringIO()
    call_command(
        "create_token",
        alice.email,
        "--name",
        "backup",
        "--days",
        "7",
        stdout=out,
        stderr=StringIO(),
    )
    token = APIToken.objects.get(user=alice)
    assert token.name == "backup"
    assert abs(token.expiry - (timezone.now() + timedelta(days=7))) < timedelta(minutes=1)
    assert len(out.getvalue().strip()) >= 32
