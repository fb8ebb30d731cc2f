"""Networks of National Societies, migration routes with their support offers, and
cross-national responses. Each part has its own module; this package exports them all."""

from networks.models.networks import Network, NetworkCoordinator, NetworkMember

__all__ = ["Network", "NetworkCoordinator", "NetworkMember"]
