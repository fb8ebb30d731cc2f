"""Who coordinates and who manages a network: nadia her own network only, editors all."""

from django.contrib.auth.models import AnonymousUser

from core.permissions import is_focal_point
from networks.models import Network
from networks.permissions import (
    can_act_for_member,
    can_appoint_coordinators,
    can_manage_network,
    is_coordinator,
)
from tests.networks.factories import NetworkFactory


def test_nadia_coordinates_and_manages_only_her_network(nadia, network):
    other = NetworkFactory(slug="sahel", name="Sahel Network", regions=["africa"])
    assert is_coordinator(nadia, network)
    assert can_manage_network(nadia, network)
    assert not can_manage_network(nadia, other)
    assert list(Network.objects.coordinated_by(nadia)) == [network]


def test_edith_manages_every_network_without_coordinating_one(edith, nadia, network):
    other = NetworkFactory(slug="sahel", name="Sahel Network", regions=["africa"])
    assert can_manage_network(edith, network)
    assert can_manage_network(edith, other)
    assert not is_coordinator(edith, network)
    assert set(Network.objects.managed_by(edith)) == {network, other}
    assert can_appoint_coordinators(edith)
    assert not can_appoint_coordinators(nadia)


def test_alice_and_a_visitor_manage_no_network(alice, network):
    assert not can_manage_network(alice, network)
    assert not Network.objects.managed_by(AnonymousUser()).exists()
    assert list(Network.objects.visible_to(AnonymousUser())) == [network]


def test_fiona_speaks_for_society_a_and_bob_for_none(fiona, bob, society_a, society_b):
    assert is_focal_point(fiona, society_a)
    assert can_act_for_member(fiona, society_a)
    assert not can_act_for_member(fiona, society_b)
    assert not can_act_for_member(bob, society_b)
