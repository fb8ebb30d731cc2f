"""Networks of National Societies, migration routes with their support offers, and
cross-national responses. Each part has its own module; this package exports them all."""

from networks.models.networks import Network, NetworkCoordinator, NetworkMember, NetworkRequest
from networks.models.routes import (
    ContactsVisibility,
    OfferStatus,
    Route,
    RouteStop,
    SupportOffer,
)

__all__ = [
    "ContactsVisibility",
    "Network",
    "NetworkCoordinator",
    "NetworkMember",
    "NetworkRequest",
    "OfferStatus",
    "Route",
    "RouteStop",
    "SupportOffer",
]
