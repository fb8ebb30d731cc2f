"""Who may do what with a network; each answer comes from NetworkQuerySet's one rule.

A coordinator is appointed to one network (NetworkCoordinator); an editor manages every network
without being its coordinator. A society's side (asking to join, accepting an invitation,
leaving) is taken by its focal points (core.permissions.is_focal_point).
"""

from core.models import user_is_editor
from core.permissions import is_focal_point
from networks.models import Network


def is_coordinator(user, network: Network) -> bool:
    """Whether `user` is appointed to coordinate `network`."""
    return Network.objects.coordinated_by(user).filter(pk=network.pk).exists()


def can_manage_network(user, network: Network) -> bool:
    """Its coordinators and the editors decide requests, invite societies and remove members."""
    return Network.objects.managed_by(user).filter(pk=network.pk).exists()


def can_appoint_coordinators(user) -> bool:
    """Editors appoint and remove coordinators."""
    return user_is_editor(user)


def can_act_for_member(user, society) -> bool:
    """A society's focal points ask to join, accept or decline an invitation, and leave."""
    return is_focal_point(user, society)
