"""Networks of National Societies, migration routes with their support offers, and
cross-national responses. Each part has its own module; this package exports them all."""

from networks.models.networks import Network, NetworkCoordinator, NetworkMember, NetworkRequest
from networks.models.responses import (
    Level,
    ParticipantRole,
    ParticipantStatus,
    Response,
    ResponseParticipant,
    ResponsePractice,
    ResponseStatus,
    ResponseUpdate,
)
from networks.models.routes import (
    ContactsVisibility,
    OfferStatus,
    Route,
    RouteStop,
    SupportOffer,
)

__all__ = [
    "ContactsVisibility",
    "Level",
    "Network",
    "NetworkCoordinator",
    "NetworkMember",
    "NetworkRequest",
    "OfferStatus",
    "ParticipantRole",
    "ParticipantStatus",
    "Response",
    "ResponseParticipant",
    "ResponsePractice",
    "ResponseStatus",
    "ResponseUpdate",
    "Route",
    "RouteStop",
    "SupportOffer",
]
