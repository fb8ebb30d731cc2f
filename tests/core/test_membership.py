import re

import pytest
from django.core import mail
from django.urls import reverse

from core import services
from core.models import Membership, User
from tests.conftest import login

pytestmark = pytest.mark.django_db


def sign_up(client, society, email="newcomer@example.org"):
    return client.post(
        reverse("account_signup"),
        {
            "email": email,
            "password1": "a-long-enough-passphrase",
            "password2": "a-long-enough-passphrase",
            "full_name": "Nadia Newcomer",
            "society": society.pk,
        },
    )


def confirm_address(client, message, django_capture_on_commit_callbacks):
    """Follow the link of allauth's confirmation email, as its recipient would."""
    path = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^/\s]+/)", message.body)[1]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path)
    assert response.status_code == 302
    return response


def test_newcomer_signs_up_pending_then_fiona_approves(
    client, society_a, fiona, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, society_a)
    assert response.status_code == 302
    newcomer = User.objects.get(email="newcomer@example.org")
    membership = newcomer.memberships.get()
    assert membership.society == society_a
    assert membership.status == Membership.Status.PENDING
    # Only the email to confirm the address: nobody is asked to approve an unverified address.
    assert [message.to for message in mail.outbox] == [["newcomer@example.org"]]
    confirm_address(client, mail.outbox[0], django_capture_on_commit_callbacks)
    # Once confirmed, the society's focal point hears of the request.
    assert mail.outbox[-1].to == ["fiona@example.org"]
    client.logout()

    login(client, fiona)
    profile = client.get(reverse("core:profile"))
    assert "newcomer@example.org" in profile.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("core:membership_decide", args=[membership.pk]), {"decision": "approve"}
        )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == Membership.Status.APPROVED
    assert membership.decided_by == fiona
    assert mail.outbox[-1].to == ["newcomer@example.org"]
    assert "approved" in mail.outbox[-1].body


def test_sign_up_on_the_societys_email_domain_waits_for_the_address_to_be_confirmed(
    client, society_a, fiona, django_capture_on_commit_callbacks
):
    society_a.email_domains = ["cri.example"]
    society_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, society_a, email="Worker@CRI.example")
    membership = User.objects.get(email="worker@cri.example").memberships.get()
    assert membership.status == Membership.Status.PENDING
    confirm_address(client, mail.outbox[0], django_capture_on_commit_callbacks)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.APPROVED
    assert "fiona@example.org" not in [to for message in mail.outbox for to in message.to]


def test_an_onboarded_person_on_the_domain_joins_at_once(society_a, society_b):
    society_a.email_domains = ["cri.example"]
    society_a.save()
    # add_member gives the new account a verified address.
    onboarded, _membership = services.add_member(
        email="staff@cri.example", society=society_b, role=Membership.Role.MEMBER
    )
    membership = services.request_membership(user=onboarded.user, society=society_a)
    assert membership.status == Membership.Status.APPROVED


def test_sign_up_without_a_society_keeps_what_was_typed(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "kept@example.org", "full_name": "Kept Name", "password1": "x", "password2": "x"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="kept@example.org"' in page
    assert 'value="Kept Name"' in page
    assert not User.objects.filter(email="kept@example.org").exists()


def test_bob_cannot_approve_a_request_of_society_a(client, society_a, bob):
    newcomer = User.objects.create_user("pending@example.org")
    membership = services.request_membership(user=newcomer, society=society_a)
    login(client, bob)
    response = client.post(
        reverse("core:membership_decide", args=[membership.pk]), {"decision": "approve"}
    )
    assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.status == Membership.Status.PENDING
    assert "pending@example.org" not in client.get(reverse("core:profile")).content.decode()


def test_alice_a_plain_member_cannot_approve_her_own_societys_requests(client, society_a, alice):
    newcomer = User.objects.create_user("pending@example.org")
    membership = services.request_membership(user=newcomer, society=society_a)
    login(client, alice)
    response = client.post(
        reverse("core:membership_decide", args=[membership.pk]), {"decision": "approve"}
    )
    assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.status == Membership.Status.PENDING


def test_edith_rejects_a_request_of_any_society(client, society_b, edith):
    newcomer = User.objects.create_user("pending@example.org")
    membership = services.request_membership(user=newcomer, society=society_b)
    login(client, edith)
    client.post(reverse("core:membership_decide", args=[membership.pk]), {"decision": "reject"})
    membership.refresh_from_db()
    assert membership.status == Membership.Status.REJECTED
    assert membership.decided_by == edith


def test_fiona_edits_her_societys_domains_and_bob_cannot(client, society_a, fiona, bob):
    url = reverse("core:society_edit", args=[society_a.slug])
    login(client, bob)
    assert client.post(url, {"website": "", "email_domains": "evil.example"}).status_code == 403
    login(client, fiona)
    bad = client.post(url, {"website": "not a url", "email_domains": "no-dot"})
    assert bad.status_code == 400
    assert 'value="not a url"' in bad.content.decode()
    good = client.post(url, {"website": "https://cri.example", "email_domains": "CRI.example"})
    assert good.status_code == 302
    society_a.refresh_from_db()
    assert society_a.email_domains == ["cri.example"]
