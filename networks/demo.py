"""Demo networks: three regional ones (the Mediterranean, the Sahel and West Africa, the
Americas' northbound route) and one thematic (restoring family links), their member societies
with the dates they joined, and nadia (a member of the Hellenic Red Cross, from core's demo
people) appointed by the demo editor to coordinate the Mediterranean one. Amal, focal point of
the Lebanese Red Cross, has asked to join it, and Sione's Fiji Red Cross Society is invited to
the family links network: the manage page and the network page show both. The demo
cross-national responses follow (networks.demo_responses), once the networks exist.

The names and descriptions, in the site's four languages, are data (demo_data/networks.json).
The networks and their members are written here as an editor would set them up in the admin
(the history names the editor and "demo"); the request, the invitation and the appointment go
through networks.services. Loading twice adds nothing.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pghistory
from django.db import transaction

from core.models import NationalSociety, User
from networks.demo_responses import load_responses_demo
from networks.demo_routes import load_routes_demo
from networks.models import Network, NetworkMember
from networks.services import networks as services

DEMO_DATA = Path(__file__).resolve().parent / "demo_data"
NETWORKS = json.loads((DEMO_DATA / "networks.json").read_text(encoding="utf-8"))
EDITOR = "edith@demo.example"
# (network, society, focal point): a request waiting for the coordinator's answer.
PENDING_REQUEST = ("mediterranean-demo", "LBN", "amal@demo.example")
# (network, society): an invitation waiting for the society's focal point.
PENDING_INVITATION = ("family-links-demo", "FJI")


def _society(country: str) -> NationalSociety:
    return NationalSociety.objects.national_societies().get(country_id=country)


@transaction.atomic
def load() -> list[str]:
    editor = User.objects.get(email=EDITOR)
    lines = []
    for data in NETWORKS:
        with pghistory.context(user=editor.pk, action="demo"):
            network, _created = Network.objects.update_or_create(
                slug=data["slug"],
                defaults={
                    "name": data["name"],
                    "description": data["description"],
                    "translations": data["translations"],
                    "kind": data["kind"],
                    "regions": data["regions"],
                    "host_society": _society(data["host"]) if data["host"] else None,
                },
            )
            for country, joined_on in data["members"]:
                NetworkMember.objects.get_or_create(
                    network=network,
                    society=_society(country),
                    defaults={"joined_on": datetime.date.fromisoformat(joined_on)},
                )
        if data["coordinator"]:
            coordinator = User.objects.get(email=data["coordinator"])
            if not network.coordinators.filter(user=coordinator).exists():
                services.appoint_coordinator(network=network, user=coordinator, actor=editor)
            lines.append(f"{coordinator.email}: coordinator of {network.name}")
    slug, country, email = PENDING_REQUEST
    network, society = Network.objects.get(slug=slug), _society(country)
    if not network.requests.filter(society=society).exists():
        services.request_to_join(
            network=network,
            society=society,
            actor=User.objects.get(email=email),
            message="Our volunteers meet people arriving from Syria and Libya in Beirut and "
            "Tripoli; we would like to refer them along the route with the network.",
        )
    slug, country = PENDING_INVITATION
    network, society = Network.objects.get(slug=slug), _society(country)
    if not network.requests.filter(society=society).exists():
        services.invite_society(
            network=network,
            society=society,
            actor=editor,
            message="Your tracing work with families in the Pacific would help the network.",
        )
    lines.append(f"{len(NETWORKS)} demo networks (/networks/)")
    lines.extend(load_routes_demo())
    return lines + load_responses_demo()
