"""Who may do what with networks, routes, support offers and responses; each answer comes from
a model queryset's one rule (NetworkQuerySet, SupportOfferQuerySet.policy,
ResponseQuerySet.policy) or core.audience; a response's workflow steps are networks.workflow's.

A coordinator is appointed to one network (NetworkCoordinator); an editor manages every network
without being its coordinator. A society's side (asking to join, accepting an invitation,
leaving) is taken by its focal points (core.permissions.is_focal_point).
"""

from django.utils.translation import gettext_lazy as _

from core.audience import Visibility, may_read
from core.models import user_is_editor
from core.permissions import is_focal_point
from networks.models import ContactsVisibility, Network, Response, Route, SupportOffer
from networks.models.routes import SupportOfferQuerySet

OFFER_POLICY = SupportOfferQuerySet.policy
CONTACT_FIELDS = ("phone", "email", "website", "address")


def is_coordinator(user, network: Network) -> bool:
    """Whether `user` is appointed to coordinate `network`. A page that has prefetched the
    network's coordinators asks no query for each row it shows (a manage page's requests)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if "coordinators" in getattr(network, "_prefetched_objects_cache", {}):
        return any(coordinator.user_id == user.pk for coordinator in network.coordinators.all())
    return Network.objects.coordinated_by(user).filter(pk=network.pk).exists()


def can_manage_network(user, network: Network) -> bool:
    """Its coordinators and the editors decide requests, invite societies and remove members."""
    return Network.objects.managed_by(user).filter(pk=network.pk).exists()


def can_create_network(user) -> bool:
    """Editors create networks."""
    return user_is_editor(user)


def can_edit_network(user, network: Network) -> bool:
    """Who edits a network's name, description, kind, regions and host: whoever manages it
    (its coordinators, and the editors for every network), by the same rule."""
    return can_manage_network(user, network)


def can_appoint_coordinators(user) -> bool:
    """Editors appoint and remove coordinators."""
    return user_is_editor(user)


def can_act_for_member(user, society) -> bool:
    """A society's focal points ask to join, accept or decline an invitation, and leave."""
    return is_focal_point(user, society)


# --- Routes and support offers ---------------------------------------------------------------


def routes_editable_by(user):
    """Routes `user` edits: editors every route; a coordinator the routes linked to a network
    they coordinate."""
    if user_is_editor(user):
        return Route.objects.all()
    return Route.objects.filter(
        pk__in=Route.objects.filter(
            networks__in=Network.objects.coordinated_by(user).values("pk")
        ).values("pk")
    )


def can_edit_route(user, route: Route) -> bool:
    return routes_editable_by(user).filter(pk=route.pk).exists()


def can_create_route(user) -> bool:
    """Editors, and the coordinators of a network (who link the new route to it)."""
    return user_is_editor(user) or Network.objects.coordinated_by(user).exists()


def can_view_offer(user, offer: SupportOffer) -> bool:
    return OFFER_POLICY.can_view(user, offer)


def can_edit_offer(user, offer: SupportOffer) -> bool:
    return OFFER_POLICY.can_edit(user, offer)


def can_create_offer(user) -> bool:
    """Members and focal points write their society's offers; editors any society's."""
    return bool(user.is_authenticated and (user.approved_society_ids or user_is_editor(user)))


def can_see_offer_contacts(user, offer: SupportOffer) -> bool:
    """The one rule for an offer's phone, email, web address and address: public contacts are
    for everyone who sees the offer; movement-only contacts for members of any society, the
    owning society and editors, never for a visitor. Every page, export, PDF and the API ask
    it (through offer_contacts)."""
    if offer.contacts_visibility == ContactsVisibility.PUBLIC:
        return True
    return may_read(user, Visibility.MOVEMENT, offer.society_id)


def offer_contacts(user, offer: SupportOffer) -> dict[str, str]:
    """The offer's contacts as `user` may see them: each field's text, or "" where hidden."""
    shown = can_see_offer_contacts(user, offer)
    return {field: getattr(offer, field) if shown else "" for field in CONTACT_FIELDS}


# --- Cross-national responses ------------------------------------------------------------------

RESPONSE_EDIT_DENIED = _(
    "The lead society's members edit a response while it is proposed or active; IFRC editors "
    "correct it at any time."
)


def can_edit_response(user, response: Response) -> bool:
    """Editors every response; the lead society's members (focal points included) while it is
    proposed or active. A closed or declined response is a record: only editors correct it."""
    return Response.objects.editable_by(user).filter(pk=response.pk).exists()
