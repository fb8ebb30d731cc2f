"""Demo migration routes and support offers (networks/demo_data/routes.json, offers.json):
five real routes with their stops, labelled demo, linked to the demo networks whose societies
work along them (so those networks' coordinators edit them and the network pages list them),
and offers along them by the societies of their countries, some not confirmed for long
(stale) and some with contacts for the movement only.

Everything is written through the route and offer services, as the demo editor would write
it. Loading twice adds nothing: a route is found by its slug, an offer by its society and
name. The networks' demo loader (networks.demo.load) calls load_routes_demo().
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from core.models import NationalSociety, User
from networks.models import Network, OfferStatus, Route, SupportOffer
from networks.services import offers as offer_services
from networks.services import routes as route_services

DEMO_DATA = Path(__file__).resolve().parent / "demo_data"
EDITOR = "edith@demo.example"


def _read(name: str) -> list[dict]:
    return json.loads((DEMO_DATA / name).read_text(encoding="utf-8"))


@transaction.atomic
def load_routes_demo(*, editor: User | None = None) -> list[str]:
    """Loads the demo routes and offers (the demo editor writes them); answers what it did."""
    editor = editor or User.objects.get(email=EDITOR)
    lines = []
    made = 0
    linked = 0
    for entry in _read("routes.json"):
        # The demo networks a route runs through, as far as they are loaded (networks.demo
        # loads them first; a test may load the routes alone).
        networks = list(Network.objects.filter(slug__in=entry.get("networks", [])))
        data = {**entry, "networks": networks, "is_demo": True}
        route = Route.objects.filter(slug=entry["slug"]).first()
        if route is None:
            route_services.create_route(actor=editor, data=data)
            made += 1
            continue
        # A route loaded before it was linked gets its networks; one linked already keeps its.
        missing = [network for network in networks if network not in route.networks.all()]
        if missing:
            route_services.update_route(
                route=route, actor=editor, data={"networks": [*route.networks.all(), *missing]}
            )
            linked += 1
    lines.append(
        f"Demo routes: {made} added, {linked} linked to their networks, "
        f"{Route.objects.filter(is_demo=True).count()} in all"
    )

    societies = {
        society.country_id: society
        for society in NationalSociety.objects.national_societies().select_related("country")
    }
    today = timezone.localdate()
    made = 0
    for entry in _read("offers.json"):
        entry = dict(entry)
        society = societies[entry.pop("society")]
        days, status = entry.pop("confirmed_days_ago"), entry.pop("status")
        if SupportOffer.objects.filter(society=society, name=entry["name"]).exists():
            continue
        offer = offer_services.create_offer(actor=editor, society=society, data=entry)
        if status != OfferStatus.ACTIVE:
            offer_services.change_offer_status(offer=offer, actor=editor, status=status)
        # The demo shows offers of every age: their last confirmation is set back here, as
        # the days would have set it (no service confirms in the past).
        SupportOffer.objects.filter(pk=offer.pk).update(
            last_confirmed_on=today - datetime.timedelta(days=days), is_demo=True
        )
        made += 1
    stale = SupportOffer.objects.filter(is_demo=True).stale().count()
    lines.append(f"Demo support offers: {made} added ({stale} not confirmed lately)")
    return lines
