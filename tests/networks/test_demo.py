"""The demo's networks: regional and thematic ones labelled as demo, nadia coordinating the
Mediterranean one with a request waiting for her, and nothing added by a second load."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from core.models import User
from networks.demo_routes import load_routes_demo
from networks.models import Network, NetworkRequest, Route
from networks.permissions import can_edit_route
from tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock(), transaction.atomic():
        output = io.StringIO()
        call_command("load_demo", stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


def test_the_demo_has_regional_and_thematic_networks_labelled_demo(demo_output):
    networks = list(Network.objects.all())
    assert len(networks) >= 3
    assert {network.kind for network in networks} == {"regional", "thematic"}
    assert all("(demo)" in network.name for network in networks)
    assert all(network.translations["ar"]["name"] for network in networks)
    assert "nadia@demo.example: coordinator of Mediterranean Migration Network (demo)" in (
        demo_output
    )


def test_demo_nadia_coordinates_the_mediterranean_network_and_has_a_request_to_answer(
    demo_output, client
):
    nadia = User.objects.get(email="nadia@demo.example")
    network = Network.objects.get(slug="mediterranean-demo")
    assert network.coordinators.filter(user=nadia).exists()
    assert network.requests.pending().filter(kind=NetworkRequest.Kind.REQUEST).exists()
    login(client, nadia)
    page = client.get(reverse("networks:manage", args=[network.slug])).content.decode()
    assert "Lebanese Red Cross" in page
    arabic = client.get(network.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "شبكة الهجرة في البحر الأبيض المتوسط" in arabic


def test_a_second_load_adds_no_network_member_or_request(demo_output):
    counts = (Network.objects.count(), NetworkRequest.objects.count())
    members = sum(network.members.count() for network in Network.objects.all())
    call_command("load_demo", stdout=io.StringIO())
    assert (Network.objects.count(), NetworkRequest.objects.count()) == counts
    assert sum(network.members.count() for network in Network.objects.all()) == members


def test_demo_routes_run_through_their_networks_so_nadia_edits_the_mediterranean_ones(
    demo_output, client
):
    linked = {
        route.slug: {network.slug for network in route.networks.all()}
        for route in Route.objects.filter(is_demo=True).prefetch_related("networks")
    }
    assert "mediterranean-demo" in linked["central-mediterranean"]
    assert "mediterranean-demo" in linked["atlantic-canary-islands"]
    assert "sahel-west-africa-demo" in linked["atlantic-canary-islands"]
    assert "americas-northbound-demo" in linked["americas-darien"]
    assert "mediterranean-demo" not in linked["americas-darien"]
    nadia = User.objects.get(email="nadia@demo.example")
    assert can_edit_route(nadia, Route.objects.get(slug="central-mediterranean"))
    assert not can_edit_route(nadia, Route.objects.get(slug="americas-darien"))
    network = Network.objects.get(slug="mediterranean-demo")
    page = client.get(network.get_absolute_url()).content.decode()
    assert Route.objects.get(slug="western-balkans").name in page


def test_demo_routes_loaded_before_they_were_linked_get_their_networks(demo_output):
    route = Route.objects.get(slug="central-mediterranean")
    route.networks.clear()
    output = load_routes_demo()
    assert "1 linked to their networks" in output[0]
    assert route.networks.filter(slug="mediterranean-demo").exists()
