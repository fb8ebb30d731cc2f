"""The core admin writes through core.services: a refusal is a message or a 403, never a 500,
and what has no service (countries, vocabularies, membership rows) is read-only."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from core.models import Membership, NationalSociety
from tests.conftest import login, with_totp
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

MEMBERSHIPS = reverse("admin:core_membership_changelist")


@pytest.fixture
def staff(db):
    """A staff member who is no editor, with the admin's permissions on societies and
    memberships: the services, not the admin's permissions, decide what they may do."""
    user = UserFactory(email="staff@example.org", full_name="Staff", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="core",
            codename__in=[
                "view_nationalsociety",
                "change_nationalsociety",
                "add_nationalsociety",
                "view_membership",
                "change_membership",
                "delete_membership",
            ],
        )
    )
    return with_totp(user)


def society_form(society, **changes):
    data = {
        "name": society.name,
        "translations": "{}",
        "slug": society.slug,
        "kind": society.kind,
        "country": society.country_id,
        "region": society.region_id or "",
        "website": society.website,
        "email_domains": ",".join(society.email_domains),
    }
    return {**data, **changes}


def submit_buttons(page) -> list[str]:
    return re.findall(r'<input type="submit"[^>]*value="([^"]+)"', page.content.decode())


# --- National Societies ----------------------------------------------------------------------


def test_admin_edits_a_society_through_the_service(client, admin, society_a):
    login(client, admin)
    url = reverse("admin:core_nationalsociety_change", args=[society_a.pk])
    response = client.post(
        url, society_form(society_a, website="https://cri.example.org", email_domains="cri.it")
    )
    assert response.status_code == 302
    society_a.refresh_from_db()
    assert (society_a.website, society_a.email_domains) == ("https://cri.example.org", ["cri.it"])


def test_a_staff_member_who_is_no_editor_cannot_edit_a_society(client, staff, society_a):
    login(client, staff)
    url = reverse("admin:core_nationalsociety_change", args=[society_a.pk])
    response = client.post(url, society_form(society_a, website="https://taken.example.org"))
    assert response.status_code == 403
    society_a.refresh_from_db()
    assert society_a.website != "https://taken.example.org"


def test_a_second_society_for_a_country_is_a_form_error_not_a_server_error(
    client, admin, society_a
):
    login(client, admin)
    response = client.post(
        reverse("admin:core_nationalsociety_add"),
        society_form(society_a, name="Another Italian society", slug="another-italian"),
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not NationalSociety.objects.filter(slug="another-italian").exists()


def test_admin_adds_a_society_through_the_service(client, admin, society_a):
    society_a.delete()  # the country has no society now; nothing else hangs on it here
    login(client, admin)
    response = client.post(
        reverse("admin:core_nationalsociety_add"),
        society_form(society_a, name="Croce Rossa", slug="croce-rossa"),
    )
    assert response.status_code == 302
    added = NationalSociety.objects.get(slug="croce-rossa")
    assert (added.country_id, added.region_id) == (society_a.country_id, society_a.region_id)


def test_the_admin_offers_no_delete_for_a_society(client, admin, society_a):
    login(client, admin)
    response = client.get(reverse("admin:core_nationalsociety_delete", args=[society_a.pk]))
    assert response.status_code == 403
    assert NationalSociety.objects.filter(pk=society_a.pk).exists()


# --- Memberships -----------------------------------------------------------------------------


def test_admin_approves_requests_through_the_service_and_emails_the_person(
    client, admin, society_a, mailoutbox, django_capture_on_commit_callbacks
):
    pending = MembershipFactory(society=society_a, status=Membership.Status.PENDING)
    login(client, admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            MEMBERSHIPS, {"action": "approve", "_selected_action": [pending.pk]}, follow=True
        )
    assert "1 request decided." in response.content.decode()
    pending.refresh_from_db()
    assert (pending.status, pending.decided_by) == (Membership.Status.APPROVED, admin)
    assert [message.to for message in mailoutbox] == [[pending.user.email]]


def test_a_refused_decision_is_a_message_not_a_server_error(client, staff, society_a):
    pending = MembershipFactory(society=society_a, status=Membership.Status.PENDING)
    login(client, staff)
    for action in ["approve", "reject", "make_focal_point", "remove"]:
        response = client.post(
            MEMBERSHIPS, {"action": action, "_selected_action": [pending.pk]}, follow=True
        )
        assert response.status_code == 200, action
        assert "You cannot" in response.content.decode(), action
    pending.refresh_from_db()
    assert (pending.status, pending.role) == (Membership.Status.PENDING, Membership.Role.MEMBER)


def test_admin_makes_alice_a_focal_point_then_removes_her_through_the_services(
    client, admin, alice, society_a
):
    login(client, admin)
    membership = alice.memberships.get()
    response = client.post(
        MEMBERSHIPS,
        {"action": "make_focal_point", "_selected_action": [membership.pk]},
        follow=True,
    )
    assert "1 membership changed." in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == Membership.Role.FOCAL_POINT
    response = client.post(
        MEMBERSHIPS, {"action": "remove", "_selected_action": [membership.pk]}, follow=True
    )
    assert "1 membership removed." in response.content.decode()
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_a_membership_is_read_only_in_the_admin(client, admin, alice):
    membership = alice.memberships.get()
    login(client, admin)
    page = client.get(reverse("admin:core_membership_change", args=[membership.pk]))
    assert page.status_code == 200
    assert "Save" not in submit_buttons(page)
    assert client.get(reverse("admin:core_membership_add")).status_code == 403
    response = client.post(
        reverse("admin:core_membership_change", args=[membership.pk]),
        {"role": Membership.Role.FOCAL_POINT, "status": Membership.Status.REJECTED},
    )
    assert response.status_code == 403
    membership.refresh_from_db()
    assert (membership.role, membership.status) == ("member", "approved")
    actions = client.get(MEMBERSHIPS).context["action_form"].fields["action"].choices
    assert "delete_selected" not in [name for name, _label in actions]


def test_the_user_admin_shows_memberships_without_editing_them(client, admin, alice):
    login(client, admin)
    page = client.get(reverse("admin:core_user_change", args=[alice.pk])).content.decode()
    assert alice.memberships.get().society.name in page
    assert 'name="memberships-0-role"' not in page
    assert 'name="memberships-0-DELETE"' not in page


# --- Reference data --------------------------------------------------------------------------


@pytest.mark.parametrize("model", ["country", "region", "step", "dimension", "supporttype"])
def test_reference_data_is_read_only_in_the_admin(client, admin, model):
    login(client, admin)
    assert client.get(reverse(f"admin:core_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:core_{model}_add")).status_code == 403
