"""The networks in the admin: an editor's action ends an appointment through the service, and
the rows of members, coordinators and requests are not edited by the admin's own forms."""

import pytest
from django.urls import reverse

from tests.conftest import login

pytestmark = pytest.mark.django_db

COORDINATORS = reverse("admin:networks_networkcoordinator_changelist")


def test_admin_ends_nadias_appointment_through_the_service(client, admin, nadia, network):
    coordinator = network.coordinators.get(user=nadia)
    login(client, admin)
    response = client.post(
        COORDINATORS,
        {"action": "end_appointments", "_selected_action": [coordinator.pk]},
        follow=True,
    )
    assert "1 appointment ended." in response.content.decode()
    assert not network.coordinators.exists()


def test_the_admin_shows_a_network_with_its_members_and_offers_no_edit_of_a_request(
    client, admin, network
):
    login(client, admin)
    page = client.get(reverse("admin:networks_network_change", args=[network.pk]))
    assert page.status_code == 200
    assert "Italian Red Cross" in page.content.decode()
    assert client.get(reverse("admin:networks_networkrequest_add")).status_code == 403
