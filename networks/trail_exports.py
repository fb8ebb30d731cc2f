"""A route's trail as files: JSON (the trail's own shape, as the API answers it), and every
offer of the trail as CSV (UTF-8 with a byte-order mark), HXL CSV and Open Referral HSDS 3.0
JSON. The offer columns and the
HSDS mapping are networks.exports', so an offer reads the same here as in any offer list;
contacts are as the reader may see them (networks.permissions.offer_contacts, through
networks.trail)."""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.exports import csv_download
from networks import exports
from networks.models import Route
from networks.trail import Cell, ShownOffer, Trail, build_trail, trail_offers

EXPORT_FORMATS = {
    "json": _("JSON"),
    "csv": _("CSV"),
    "hxl": _("HXL CSV"),
    "hsds": _("Open Referral HSDS 3.0 JSON"),
}


def offer_data(shown: ShownOffer) -> dict:
    offer = shown.offer
    return {
        "id": offer.pk,
        "url": settings.SITE_URL + shown.url,
        "name": shown.name,
        "society": {"slug": offer.society.slug, "name": shown.society_name},
        "country": offer.country_id,
        "place": offer.place,
        "steps": offer.steps,
        "support_types": offer.support_types,
        "target_groups": offer.target_groups,
        "languages": [
            {"code": code, "name": name}
            for code, name in zip(offer.languages, shown.language_names, strict=True)
        ],
        "contacts": shown.contacts,
        "contacts_hidden": shown.contacts_hidden,
        "opening_hours": offer.opening_hours,
        "free_of_charge": offer.free_of_charge,
        "status": offer.status,
        "last_confirmed_on": offer.last_confirmed_on.isoformat(),
        "stale": shown.stale,
    }


def cell_data(cell: Cell) -> dict:
    return {
        "step": cell.step,
        "step_label": cell.step_label,
        "offers": [offer_data(shown) for shown in cell.offers],
        "offer_count": cell.offer_count,
        "offers_url": settings.SITE_URL + cell.offers_url,
        "practices": {"count": cell.practices, "url": settings.SITE_URL + cell.practices_url},
        "gaps": cell.gaps,
    }


def trail_data(trail: Trail) -> dict:
    """The trail as JSON: the route, its stops in order with their cells, the hand-overs, and
    what runs across the whole trail."""
    route = trail.route
    stops = []
    for trail_stop in trail.stops:
        handover = trail_stop.handover
        stops.append(
            {
                "position": trail_stop.stop.position,
                "country": trail_stop.stop.country_id,
                "country_name": trail_stop.country_label,
                "cells": [cell_data(cell) for cell in trail_stop.cells],
                "handover": None
                if handover is None
                else {
                    "position": handover.stop.stop.position,
                    "country": handover.stop.stop.country_id,
                    "step": handover.cell.step,
                    "offers": [shown.offer.pk for shown in handover.cell.offers],
                },
            }
        )
    return {
        "slug": route.slug,
        "name": route.label,
        "description": route.localized("description"),
        "is_demo": route.is_demo,
        "url": settings.SITE_URL + route.get_absolute_url(),
        "filters": trail.filters,
        "support_types": trail.support_types,
        "stops": stops,
        "across_the_trail": cell_data(trail.across),
    }


def route_offers(route: Route, *, user, filters: dict):
    """Every offer on the route's trail that `user` sees (not only the first of each cell), in
    the order of the route's countries' names, then society and name."""
    stops = list(route.stops.all())
    return (
        trail_offers(stops, user=user, filters=filters)
        .select_related("society", "country")
        .order_by("country_id", "society__name", "name", "pk")
    )


def trail_hsds(route: Route, *, user, filters: dict) -> dict:
    return exports.hsds_page(route_offers(route, user=user, filters=filters), user=user)


def trail_csv(route: Route, *, user, filters: dict, hxl: bool):
    stamp = timezone.now().strftime("%Y%m%d")
    suffix = "-hxl" if hxl else ""
    offers = route_offers(route, user=user, filters=filters).iterator(chunk_size=2000)
    return csv_download(
        exports.offer_rows(offers, user=user),
        header=exports.HEADER,
        hxl=exports.HXL_TAGS if hxl else None,
        filename=f"trail-{route.slug}-{stamp}{suffix}.csv",
    )


def trail_export(route: Route, export_format: str, *, request, filters: dict):
    """The file of `export_format` (EXPORT_FORMATS): JSON is the trail as the API answers it
    (the first offers of each cell, with counts and links); the CSV, HXL and HSDS files hold
    every offer of the trail."""
    user = request.user
    if export_format in ("csv", "hxl"):
        return trail_csv(route, user=user, filters=filters, hxl=export_format == "hxl")
    if export_format == "hsds":
        body = trail_hsds(route, user=user, filters=filters)
        filename = f"trail-{route.slug}-hsds.json"
    else:
        body = trail_data(build_trail(route, user=user, filters=filters))
        filename = f"trail-{route.slug}.json"
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
