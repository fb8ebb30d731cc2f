"""What editors and coordinators do from a route's trail: ask the societies of a stop's country
to add their offers where the trail has a gap."""

from __future__ import annotations

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import taxonomy
from networks import route_notifications
from networks.models import Route
from networks.permissions import can_edit_route


def ask_for_offers(*, route: Route, position: int, step: str, support_type: str, actor) -> list:
    """The focal points of the National Societies of the stop's country are asked to add their
    offers of `support_type` for `step`. Editors and the coordinators of a network linked to
    the route may ask; each focal point is told once per gap. Returns the notifications made
    now (none when everyone had been asked already)."""
    if not can_edit_route(actor, route):
        raise PermissionDenied(
            _("Only editors and the coordinators of a linked network ask for offers.")
        )
    stop = route.stops.filter(position=position).first()
    if stop is None:
        raise ValidationError({"position": [_("This route has no stop at that place.")]})
    errors = {}
    if step not in stop.steps:
        errors["step"] = [_("This stop does not carry that step of the trail.")]
    if support_type not in taxonomy.codes("support_type"):
        errors["support_type"] = [_("Unknown type of support.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), pghistory.context(user=actor.pk, action="ask-for-offers"):
        return route_notifications.ask_focal_points_for_offers(
            route=route, country=stop.country_id, step=step, support_type=support_type
        )
