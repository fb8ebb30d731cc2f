"""/api/v1/networks/: the list with its facets, a network with its members and coordinators,
and the writes of a society's way in and out, with the rules of the pages."""

import pytest
from django.urls import reverse

from core.models import Membership, NationalSociety
from networks.models import NetworkRequest
from networks.services import networks as services
from tests.conftest import login
from tests.factories import MembershipFactory
from tests.networks.factories import NetworkFactory, NetworkMemberFactory

pytestmark = pytest.mark.django_db

NETWORKS = reverse("api:network-list")


def action_url(network, name):
    return reverse(f"api:network-{name}", args=[network.slug])


def step_url(network_request, name):
    return reverse(
        f"api:network-request-{name}", args=[network_request.network.slug, network_request.pk]
    )


@pytest.fixture
def kenyan_focal_point(society_b):
    return MembershipFactory(
        user__email="wanjiru@example.org",
        user__full_name="Wanjiru",
        society=society_b,
        role=Membership.Role.FOCAL_POINT,
    ).user


def test_the_list_filters_by_region_and_kind_and_counts_facets(client, network):
    NetworkFactory(slug="sahel", name="Sahel Network", regions=["africa"])
    NetworkFactory(slug="health", name="Migrant Health Network", kind="thematic", regions=[])
    body = client.get(NETWORKS).json()
    assert body["count"] == 3
    assert {"value": "thematic", "label": "Thematic network", "count": 1} in body["facets"]["kind"]
    assert {"value": "europe", "label": "Europe", "count": 1} in body["facets"]["region"]
    body = client.get(NETWORKS, {"region": "africa"}).json()
    assert [row["slug"] for row in body["results"]] == ["sahel"]
    body = client.get(NETWORKS, {"limit": 0}).json()
    assert body["count"] == 3 and body["results"] == []


def test_an_unknown_region_is_a_400_naming_the_filter(client):
    response = client.get(NETWORKS, {"region": "atlantis"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["region"]


def test_the_detail_lists_members_and_coordinators(client, network):
    body = client.get(reverse("api:network-detail", args=[network.slug])).json()
    assert [m["society"]["slug"] for m in body["members"]] == [network.members.get().society.slug]
    assert [c["name"] for c in body["coordinators"]] == ["Nadia"]
    assert body["member_count"] == 1


@pytest.mark.parametrize("count", [2, 15])
def test_the_list_and_detail_run_the_same_queries_at_any_size(
    client, django_assert_max_num_queries, count
):
    for _number in range(count):
        network = NetworkFactory()
        societies = NationalSociety.objects.national_societies()[:count]
        for society in societies:
            NetworkMemberFactory(network=network, society=society)
    with django_assert_max_num_queries(3):
        assert client.get(NETWORKS, {"limit": 100}).status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get(reverse("api:network-detail", args=[network.slug])).status_code == 200


def test_a_focal_point_joins_and_nadia_approves_through_the_api(
    client, kenyan_focal_point, nadia, society_b, network
):
    login(client, kenyan_focal_point)
    response = client.post(
        action_url(network, "join"),
        {"society": society_b.slug, "message": "We work at Moyale."},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["steps"] == ["withdraw"]
    joining = NetworkRequest.objects.get()
    again = client.post(
        action_url(network, "join"), {"society": society_b.slug}, content_type="application/json"
    )
    assert again.status_code == 409
    client.logout()
    login(client, nadia)
    listed = client.get(reverse("api:network-request-list", args=[network.slug])).json()
    assert listed["results"][0]["steps"] == ["approve", "decline"]
    assert listed["facets"]["kind"] == [
        {"value": "request", "label": "Request to join", "count": 1}
    ]
    missing = client.post(step_url(joining, "decline"), {}, content_type="application/json")
    assert missing.status_code == 400
    assert list(missing.json()["errors"]) == ["reason"]
    approved = client.post(step_url(joining, "approve"), {}, content_type="application/json")
    assert approved.status_code == 200
    assert approved.json()["status"] == "accepted"
    assert network.members.filter(society=society_b).exists()


def test_bob_cannot_join_for_his_society_through_the_api(client, bob, society_b, network):
    login(client, bob)
    response = client.post(
        action_url(network, "join"), {"society": society_b.slug}, content_type="application/json"
    )
    assert response.status_code == 403
    assert not NetworkRequest.objects.exists()


def test_an_unknown_society_or_field_or_a_nul_byte_is_a_400(client, fiona, society_a, network):
    login(client, fiona)
    url = action_url(network, "leave")
    unknown = client.post(url, {"society": "atlantis"}, content_type="application/json")
    assert unknown.status_code == 400 and list(unknown.json()["errors"]) == ["society"]
    extra = client.post(
        url, {"society": society_a.slug, "colour": "red"}, content_type="application/json"
    )
    assert extra.status_code == 400 and "colour" in extra.json()["errors"]
    nul = client.post(
        action_url(network, "invite"),
        {"society": society_a.slug, "message": "a\u0000b"},
        content_type="application/json",
    )
    assert nul.status_code == 400
    assert network.members.filter(society=society_a).exists()


def test_fiona_leaves_and_nadia_invites_back_and_fiona_accepts(
    client, fiona, nadia, society_a, network
):
    login(client, fiona)
    response = client.post(
        action_url(network, "leave"), {"society": society_a.slug}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["members"] == []
    client.logout()
    login(client, nadia)
    invited = client.post(
        action_url(network, "invite"), {"society": society_a.slug}, content_type="application/json"
    )
    assert invited.status_code == 201
    client.logout()
    login(client, fiona)
    invitation = NetworkRequest.objects.get(kind="invitation")
    accepted = client.post(step_url(invitation, "accept"), {}, content_type="application/json")
    assert accepted.status_code == 200
    assert network.members.filter(society=society_a).exists()


def test_alice_sees_her_societys_requests_and_bob_sees_none(client, alice, bob, edith, society_a):
    other = NetworkFactory(slug="sahel", name="Sahel Network", regions=["africa"])
    services.invite_society(network=other, society=society_a, actor=edith)
    login(client, alice)
    url = reverse("api:network-request-list", args=[other.slug])
    assert client.get(url).json()["count"] == 1
    client.logout()
    login(client, bob)
    assert client.get(url).json()["count"] == 0


def test_nadia_cannot_appoint_and_edith_appoints_by_email(client, nadia, alice, edith, network):
    login(client, nadia)
    url = action_url(network, "coordinators")
    refused = client.post(url, {"email": alice.email}, content_type="application/json")
    assert refused.status_code == 403
    client.logout()
    login(client, edith)
    unknown = client.post(url, {"email": "nobody@example.org"}, content_type="application/json")
    assert unknown.status_code == 400 and list(unknown.json()["errors"]) == ["email"]
    made = client.post(url, {"email": alice.email}, content_type="application/json")
    assert made.status_code == 201
    assert network.coordinators.filter(user=alice).exists()
