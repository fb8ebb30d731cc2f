"""Every write to migration routes and their stops goes through these functions.

Editors create and edit every route; a network's coordinators create routes linked to their
network and edit the routes linked to it (networks.permissions.routes_editable_by). Each
function takes keyword-only arguments, checks permission (PermissionDenied), validates
(ValidationError naming fields; stops' errors name the stop), runs in a transaction and labels
the history entry with the actor and the action.
"""

from __future__ import annotations

from typing import Any

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core import taxonomy
from core.models import Country, User, user_is_editor
from core.translations import clean_translations, translations_field
from networks.models import Network, Route, RouteStop
from networks.models.routes import ACROSS_THE_TRAIL
from networks.permissions import can_create_route, routes_editable_by

CONTENT_FIELDS = ["slug", "name", "description", "translations", "networks", "is_demo"]
STOP_STEPS = [code for code in taxonomy.codes("step") if code != ACROSS_THE_TRAIL]


def validate_stops(stops: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Stops in order, each {"country": ISO3, "steps": [codes]}: known countries, at least one
    step per stop, steps of a stop (never "across the trail", which belongs to the whole
    route), and never the same country twice in a row. Raises ValidationError on `stops`, each
    message naming the stop by its number; returns the stops with codes normalised."""
    messages: list[str] = []
    cleaned = []
    codes = [str(stop.get("country") or "").strip().upper() for stop in stops]
    known = set(Country.objects.filter(iso3__in=codes).values_list("iso3", flat=True))
    for number, (stop, country) in enumerate(zip(stops, codes, strict=True), start=1):
        steps = list(dict.fromkeys(str(step).strip() for step in stop.get("steps") or []))
        if not country:
            messages.append(_("Stop %(number)s: choose a country.") % {"number": number})
        elif country not in known:
            messages.append(
                _("Stop %(number)s: unknown ISO 3166 alpha-3 code: %(code)s.")
                % {"number": number, "code": country}
            )
        if not steps:
            messages.append(
                _("Stop %(number)s: choose at least one step of the trail.") % {"number": number}
            )
        if ACROSS_THE_TRAIL in steps:
            messages.append(
                _('Stop %(number)s: "across the trail" belongs to the whole route, not to a stop.')
                % {"number": number}
            )
        unknown = [step for step in steps if step not in STOP_STEPS and step != ACROSS_THE_TRAIL]
        if unknown:
            messages.append(
                _("Stop %(number)s: unknown code: %(codes)s.")
                % {"number": number, "codes": ", ".join(unknown)}
            )
        if number > 1 and country and country == codes[number - 2]:
            messages.append(
                _("Stop %(number)s: the same country as the stop before it; make them one stop.")
                % {"number": number}
            )
        cleaned.append({"country": country, "steps": steps})
    if messages:
        raise ValidationError({"stops": messages})
    return cleaned


def _validate(data: dict[str, Any], *, actor: User, route: Route | None) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    cleaned = {key: value for key, value in data.items() if key in CONTENT_FIELDS}
    if not user_is_editor(actor):
        cleaned.pop("is_demo", None)
    if "name" in cleaned:
        cleaned["name"] = (cleaned["name"] or "").strip()
        if not cleaned["name"]:
            errors["name"] = [_("This field is required.")]
    elif route is None:
        errors["name"] = [_("This field is required.")]
    if route is None and not cleaned.get("slug") and cleaned.get("name"):
        cleaned["slug"] = slugify(cleaned["name"])[:80]
    if "slug" in cleaned:
        taken = Route.objects.filter(slug=cleaned["slug"])
        if route is not None:
            taken = taken.exclude(pk=route.pk)
        if not cleaned["slug"]:
            errors["slug"] = [_("This field is required.")]
        elif taken.exists():
            errors["slug"] = [_("Another route has this slug.")]
    if "networks" in cleaned:
        networks = list(cleaned["networks"] or [])
        cleaned["networks"] = networks
        if not user_is_editor(actor):
            coordinated = set(Network.objects.coordinated_by(actor).values_list("pk", flat=True))
            others = [network for network in networks if network.pk not in coordinated]
            kept = set()
            if route is not None:
                kept = set(route.networks.values_list("pk", flat=True))
            if [network for network in others if network.pk not in kept]:
                errors["networks"] = [_("You can only link a route to networks you coordinate.")]
            elif not any(network.pk in coordinated for network in networks):
                errors["networks"] = [_("Link the route to a network you coordinate.")]
    elif route is None and not user_is_editor(actor):
        errors["networks"] = [_("Link the route to a network you coordinate.")]
    if "translations" in cleaned:
        try:
            cleaned["translations"] = clean_translations(
                cleaned["translations"], fields=translations_field(Route).translated_fields
            )
        except ValidationError as error:
            errors["translations"] = error.messages
    if "stops" in data:
        try:
            cleaned["stops"] = validate_stops(list(data["stops"] or []))
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _write(route: Route, content: dict[str, Any]) -> Route:
    networks = content.pop("networks", None)
    stops = content.pop("stops", None)
    for field, value in content.items():
        setattr(route, field, value)
    route.full_clean(exclude=["created_by", "networks"])
    route.save()
    if networks is not None:
        route.networks.set(networks)
    if stops is not None:
        # The stops are written anew, in the order given: positions stay 1, 2, 3…
        route.stops.all().delete()
        RouteStop.objects.bulk_create(
            RouteStop(
                route=route, position=position, country_id=stop["country"], steps=stop["steps"]
            )
            for position, stop in enumerate(stops, start=1)
        )
    return route


@transaction.atomic
def create_route(*, actor: User, data: dict[str, Any]) -> Route:
    """An editor, or a coordinator linking it to a network they coordinate, creates a route
    (`data` may carry its `stops` in order)."""
    if not can_create_route(actor):
        raise PermissionDenied(_("Only IFRC editors and network coordinators create routes."))
    content = _validate(data, actor=actor, route=None)
    with pghistory.context(user=actor.pk, action="create"):
        return _write(Route(created_by=actor), content)


@transaction.atomic
def update_route(*, route: Route, actor: User, data: dict[str, Any]) -> Route:
    """Whoever edits the route (an editor, a coordinator of a linked network) changes it;
    `stops`, when given, replaces its stops in the order given."""
    locked = routes_editable_by(actor).select_for_update().filter(pk=route.pk).first()
    if locked is None:
        raise PermissionDenied(
            _("Only IFRC editors and the coordinators of a linked network edit this route.")
        )
    content = _validate(data, actor=actor, route=locked)
    with pghistory.context(user=actor.pk, action="edit"):
        return _write(locked, content)
