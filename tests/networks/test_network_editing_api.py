"""POST and PATCH on /api/v1/networks/ and the end of a coordinator's appointment: the same
rules as the pages, field errors as JSON 400, refusals as 403."""

import pytest
from django.urls import reverse

from networks.models import Network, NetworkCoordinator
from tests.conftest import login
from tests.networks.factories import NetworkFactory

pytestmark = pytest.mark.django_db

NETWORKS = reverse("api:network-list")


def detail(network):
    return reverse("api:network-detail", args=[network.slug])


def coordinator_url(coordinator):
    return reverse("api:network-coordinator", args=[coordinator.network.slug, coordinator.pk])


BODY = {
    "name": "Gulf of Aden Network",
    "slug": "gulf-of-aden",
    "kind": "regional",
    "regions": ["africa", "mena"],
    "translations": {"fr": {"name": "Réseau du golfe d'Aden"}},
}


def test_edith_creates_a_network_through_the_api(client, edith, society_b):
    login(client, edith)
    response = client.post(
        NETWORKS, {**BODY, "host_society": society_b.slug}, content_type="application/json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["slug"] == "gulf-of-aden" and body["host_society"] == society_b.slug
    assert body["regions"] == ["africa", "mena"]
    label = client.get(detail(Network.objects.get(slug="gulf-of-aden")), HTTP_ACCEPT_LANGUAGE="fr")
    assert label.json()["label"] == "Réseau du golfe d'Aden"


@pytest.mark.parametrize("persona", ["fiona", "nadia"])
def test_who_is_not_an_editor_gets_a_403_creating_a_network(client, request, persona, network):
    login(client, request.getfixturevalue(persona))
    response = client.post(NETWORKS, BODY, content_type="application/json")
    assert response.status_code == 403
    assert "detail" in response.json()
    assert not Network.objects.filter(slug="gulf-of-aden").exists()


def test_a_visitor_cannot_create_a_network(client):
    assert client.post(NETWORKS, BODY, content_type="application/json").status_code in (401, 403)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**BODY, "name": ""}, "name"),
        ({key: value for key, value in BODY.items() if key != "name"}, "name"),
        ({**BODY, "slug": "mediterranean"}, "slug"),
        ({**BODY, "regions": ["atlantis"]}, "regions"),
        ({**BODY, "name": "Nul\x00byte"}, "name"),
        ({**BODY, "translations": {"fr": {"name": "Nul\x00"}}}, "translations.fr.name"),
        ({**BODY, "translations": {"de": {"name": "Netzwerk"}}}, "translations"),
        ({**BODY, "kind": "global"}, "kind"),
        ({**BODY, "members": []}, "members"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(client, edith, network, body, field):
    login(client, edith)
    response = client.post(NETWORKS, body, content_type="application/json")
    assert response.status_code == 400, response.content
    payload = response.json()
    assert payload["detail"] and field in payload["errors"], payload
    assert Network.objects.count() == 1


def test_nadia_patches_her_network_but_gets_a_403_on_another(client, nadia, network):
    other = NetworkFactory(slug="sahel", name="Sahel Network")
    login(client, nadia)
    response = client.patch(
        detail(network), {"description": "Both shores."}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["description"] == "Both shores."
    response = client.patch(detail(other), {"name": "Mine"}, content_type="application/json")
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.name == "Sahel Network"


def test_a_patch_cannot_change_the_slug_or_blank_the_name(client, nadia, network):
    login(client, nadia)
    response = client.patch(detail(network), {"slug": "renamed"}, content_type="application/json")
    assert response.status_code == 400
    assert "does not change" in response.json()["errors"]["slug"][0]
    response = client.patch(detail(network), {"name": " "}, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["name"]
    network.refresh_from_db()
    assert (network.slug, network.name) == ("mediterranean", "Mediterranean Migration Network")


def test_a_patch_with_an_unknown_region_names_it(client, edith, network):
    login(client, edith)
    response = client.patch(
        detail(network), {"regions": ["europe", "atlantis"]}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "atlantis" in " ".join(response.json()["errors"]["regions"])


def test_edith_removes_nadia_as_coordinator_and_nadia_then_cannot_edit(
    client, edith, nadia, network
):
    coordinator = NetworkCoordinator.objects.get(network=network, user=nadia)
    login(client, edith)
    assert client.delete(coordinator_url(coordinator)).status_code == 204
    assert not network.coordinators.exists()
    assert client.delete(coordinator_url(coordinator)).status_code == 404

    login(client, nadia)
    response = client.patch(detail(network), {"name": "Mine"}, content_type="application/json")
    assert response.status_code == 403


def test_nadia_cannot_remove_a_coordinator(client, nadia, network):
    coordinator = NetworkCoordinator.objects.get(network=network, user=nadia)
    login(client, nadia)
    assert client.delete(coordinator_url(coordinator)).status_code == 403
    assert network.coordinators.exists()


def test_a_coordinator_of_another_network_is_not_found_under_this_one(client, edith, network):
    other = NetworkFactory(slug="sahel")
    coordinator = network.coordinators.get()
    login(client, edith)
    url = reverse("api:network-coordinator", args=[other.slug, coordinator.pk])
    assert client.delete(url).status_code == 404
    assert network.coordinators.exists()
