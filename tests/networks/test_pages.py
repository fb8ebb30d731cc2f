"""The network pages: the list with its filters, a network's page, its manage page and its
history; what each persona sees and may do there, with query counts pinned at two sizes."""

import pytest
from django.urls import reverse

from core.models import Membership, NationalSociety
from networks.models import NetworkMember, NetworkRequest
from networks.services import networks as services
from practices.models import Status
from tests.conftest import login
from tests.factories import MembershipFactory
from tests.networks.factories import NetworkFactory, NetworkMemberFactory
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def kenyan_focal_point(society_b):
    return MembershipFactory(
        user__email="wanjiru@example.org",
        user__full_name="Wanjiru",
        society=society_b,
        role=Membership.Role.FOCAL_POINT,
    ).user


def add_members(network, count):
    societies = NationalSociety.objects.national_societies().exclude(
        network_memberships__network=network
    )[:count]
    for society in societies:
        NetworkMemberFactory(network=network, society=society)


# --- The list -------------------------------------------------------------------------------


def test_a_visitor_filters_the_networks_by_region_and_kind(client, network):
    NetworkFactory(slug="sahel", name="Sahel Network", regions=["africa"])
    NetworkFactory(slug="health", name="Migrant Health Network", kind="thematic", regions=[])
    page = client.get(reverse("networks:list"), {"region": "africa"}).content.decode()
    assert "Sahel Network" in page and "Mediterranean Migration Network" not in page
    page = client.get(reverse("networks:list"), {"kind": "thematic"}).content.decode()
    assert "Migrant Health Network" in page and "Sahel Network" not in page


def test_an_unknown_region_on_the_list_is_a_400_naming_the_filter(client, network):
    response = client.get(reverse("networks:list"), {"region": "atlantis"})
    assert response.status_code == 400
    assert "Region" in response.content.decode()
    assert "atlantis is not one of the available choices" in response.content.decode()


@pytest.mark.parametrize("count", [2, 12])
def test_the_list_runs_the_same_queries_for_few_and_many_networks(
    client, django_assert_max_num_queries, count
):
    for _number in range(count):
        network = NetworkFactory()
        add_members(network, 2)
    with django_assert_max_num_queries(3):
        response = client.get(reverse("networks:list"))
    assert response.status_code == 200


# --- A network's page -------------------------------------------------------------------------


def test_the_network_page_shows_members_by_region_coordinators_and_their_practices(
    client, network, alice, edith, society_a
):
    make_practice(alice, society_a, status=Status.PUBLISHED, editor=edith, title="Border phones")
    make_practice(alice, society_a, title="A draft of ours")
    page = client.get(reverse("networks:detail", args=[network.slug])).content.decode()
    assert "Italian Red Cross" in page and "Europe" in page
    assert "Nadia" in page
    assert "Border phones" in page and "A draft of ours" not in page
    assert "Manage the network" not in page


def test_the_network_page_reads_in_the_readers_language(client, network):
    network.translations = {"fr": {"name": "Réseau méditerranéen des migrations"}}
    network.save()
    page = client.get(
        reverse("networks:detail", args=[network.slug]), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert "Réseau méditerranéen des migrations" in page
    assert "Sociétés membres" in page


@pytest.mark.parametrize("count", [2, 15])
def test_the_network_page_runs_the_same_queries_for_few_and_many_members(
    client, network, django_assert_max_num_queries, count, kenyan_focal_point
):
    add_members(network, count)
    login(client, kenyan_focal_point)
    # 13, one for the network's routes (networks.route_sections) and one for its
    # cross-national responses (networks.sections).
    with django_assert_max_num_queries(15):
        response = client.get(reverse("networks:detail", args=[network.slug]))
    assert response.status_code == 200
    assert "Ask to join" in response.content.decode()


def test_fiona_asks_to_join_from_the_page_and_a_missing_society_keeps_her_message(
    client, kenyan_focal_point, society_b, network
):
    login(client, kenyan_focal_point)
    url = reverse("networks:join", args=[network.slug])
    response = client.post(url, {"society": "", "message": "We work at Moyale."})
    assert response.status_code == 400
    assert "We work at Moyale." in response.content.decode()
    response = client.post(url, {"society": society_b.pk, "message": "We work at Moyale."})
    assert response.status_code == 302
    assert NetworkRequest.objects.get().society == society_b


def test_bob_is_offered_no_way_to_ask_and_his_post_is_refused(client, bob, society_b, network):
    login(client, bob)
    page = client.get(reverse("networks:detail", args=[network.slug])).content.decode()
    assert "Ask to join" not in page
    response = client.post(reverse("networks:join", args=[network.slug]), {"society": society_b.pk})
    assert response.status_code == 400  # not a society he may choose
    assert not NetworkRequest.objects.exists()


def test_a_nul_byte_in_the_message_is_a_400_not_a_500(
    client, kenyan_focal_point, society_b, network
):
    login(client, kenyan_focal_point)
    response = client.post(
        reverse("networks:join", args=[network.slug]),
        {"society": society_b.pk, "message": "a\x00b"},
    )
    assert response.status_code == 400
    assert not NetworkRequest.objects.exists()


def test_fiona_takes_her_society_out_from_the_page(client, fiona, society_a, network):
    login(client, fiona)
    page = client.get(reverse("networks:detail", args=[network.slug])).content.decode()
    assert "Take Italian Red Cross out of this network" in page
    client.post(reverse("networks:leave", args=[network.slug]), {"society": society_a.slug})
    assert not network.members.exists()


# --- The manage page ------------------------------------------------------------------------


def test_alice_and_bob_cannot_open_the_manage_page(client, alice, network):
    login(client, alice)
    assert client.get(reverse("networks:manage", args=[network.slug])).status_code == 403


def test_nadia_declines_without_a_reason_and_is_shown_why(
    client, nadia, kenyan_focal_point, society_b, network
):
    joining = services.request_to_join(network=network, society=society_b, actor=kenyan_focal_point)
    login(client, nadia)
    url = reverse("networks:request_step", args=[network.slug, joining.pk, "decline"])
    response = client.post(url, {f"request-{joining.pk}-reason": ""})
    assert response.status_code == 400
    assert "Tell the society why its request is declined." in response.content.decode()
    response = client.post(url, {f"request-{joining.pk}-reason": "Out of our region."})
    assert response.status_code == 302
    joining.refresh_from_db()
    assert joining.status == NetworkRequest.Status.DECLINED


def test_nadia_approves_from_the_manage_page(client, nadia, kenyan_focal_point, society_b, network):
    joining = services.request_to_join(network=network, society=society_b, actor=kenyan_focal_point)
    login(client, nadia)
    page = client.get(reverse("networks:manage", args=[network.slug])).content.decode()
    assert "Kenya Red Cross Society" in page and "Approve" in page
    client.post(reverse("networks:request_step", args=[network.slug, joining.pk, "approve"]))
    assert NetworkMember.objects.filter(network=network, society=society_b).exists()


def test_nadia_cannot_approve_through_another_networks_address(
    client, nadia, kenyan_focal_point, society_b, network
):
    other = NetworkFactory(slug="sahel", name="Sahel Network", regions=["africa"])
    joining = services.request_to_join(network=other, society=society_b, actor=kenyan_focal_point)
    login(client, nadia)
    # A request to another network is not hers to see, through either network's address.
    mine = reverse("networks:request_step", args=[network.slug, joining.pk, "approve"])
    assert client.post(mine).status_code == 404
    theirs = reverse("networks:request_step", args=[other.slug, joining.pk, "approve"])
    assert client.post(theirs).status_code == 404
    joining.refresh_from_db()
    assert joining.status == NetworkRequest.Status.PENDING


@pytest.mark.parametrize("count", [2, 15])
def test_the_manage_page_runs_the_same_queries_for_few_and_many_requests(
    client, nadia, network, django_assert_max_num_queries, count, edith
):
    societies = NationalSociety.objects.national_societies().exclude(
        network_memberships__network=network
    )[:count]
    for society in societies:
        services.invite_society(network=network, society=society, actor=nadia)
    add_members(network, count)
    login(client, nadia)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("networks:manage", args=[network.slug]))
    assert response.status_code == 200


def test_edith_appoints_a_coordinator_and_an_unknown_address_is_kept_with_a_message(
    client, edith, alice, network
):
    login(client, edith)
    url = reverse("networks:coordinator_appoint", args=[network.slug])
    response = client.post(url, {"email": "nobody@example.org"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nobody with this address is registered." in page and "nobody@example.org" in page
    client.post(url, {"email": alice.email})
    assert network.coordinators.filter(user=alice).exists()


def test_nadia_cannot_appoint_a_coordinator(client, nadia, alice, network):
    login(client, nadia)
    response = client.post(
        reverse("networks:coordinator_appoint", args=[network.slug]), {"email": alice.email}
    )
    assert response.status_code == 403
    assert not network.coordinators.filter(user=alice).exists()


# --- History and the society page -------------------------------------------------------------


def test_the_history_says_who_approved_and_who_left(
    client, nadia, fiona, kenyan_focal_point, society_a, society_b, network
):
    joining = services.request_to_join(network=network, society=society_b, actor=kenyan_focal_point)
    services.answer(network_request=joining, actor=nadia, action="approve")
    services.leave_network(network=network, society=society_a, actor=fiona)
    login(client, nadia)
    page = client.get(reverse("networks:history", args=[network.slug])).content.decode()
    assert "Request approved" in page and "Left the network" in page
    assert "Kenya Red Cross Society" in page and "Wanjiru" in page


def test_alice_cannot_read_the_history(client, alice, network):
    login(client, alice)
    assert client.get(reverse("networks:history", args=[network.slug])).status_code == 403


def test_the_society_page_lists_its_networks(client, society_a, network):
    page = client.get(society_a.get_absolute_url()).content.decode()
    assert "Mediterranean Migration Network" in page
