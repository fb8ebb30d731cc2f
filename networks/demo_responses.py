"""Demo cross-national responses (networks/demo_data/responses.json), taken through the same
services a society uses: one proposed by a focal point and waiting, one regional response
endorsed and joined with updates on its timeline, and one global response the IFRC Secretariat
launched with invited societies, their answers and updates. The networks demo loader calls
load_responses_demo() after the demo people, networks and routes exist."""

import json
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from core.models import NationalSociety, User
from networks.models import Network, Response, ResponseParticipant, ResponseUpdate, Route
from networks.services import responses as services
from practices.demo import _without_notifications

DATA = Path(__file__).parent / "demo_data" / "responses.json"
EDITOR = "edith@demo.example"


def already_loaded() -> bool:
    return Response.objects.filter(is_demo=True).exists()


def load_responses_demo() -> list[str]:
    if already_loaded():
        return ["Demo responses are there already; none added."]
    if not User.objects.filter(email=EDITOR).exists():
        return ["Demo responses need the demo people (core's demo) first; none added."]
    with _without_notifications(), transaction.atomic():
        return _load()


def _society(iso3: str) -> NationalSociety:
    return NationalSociety.objects.national_societies().get(country_id=iso3)


def _person(email: str) -> User:
    return User.objects.get(email=email)


def _content(row: dict, today) -> dict:
    data = {
        key: row[key]
        for key in (
            "title",
            "summary",
            "objectives",
            "translations",
            "level",
            "countries",
            "steps",
            "support_types",
            "principles",
            "visibility",
            "contact_email",
        )
    }
    data["start_date"] = today - timedelta(days=row["start_days_ago"])
    data["route"] = Route.objects.filter(slug=row.get("route_slug", "")).first()
    if row.get("network_region"):
        data["network"] = (
            Network.objects.filter(kind="regional", regions__contains=[row["network_region"]])
            .order_by("pk")
            .first()
        )
    return data


def _endorser(response: Response, editor: User) -> User:
    """Its network's coordinator where it has one (a regional response), else the editor."""
    if response.network_id:
        coordinator = response.network.coordinators.select_related("user").first()
        if coordinator is not None:
            return coordinator.user
    return editor


def _load() -> list[str]:
    today = timezone.localdate()
    editor = _person(EDITOR)
    made = []
    for row in json.loads(DATA.read_text(encoding="utf-8"))["responses"]:
        data = _content(row, today)
        if "launched_by" in row:
            response = services.launch_response(
                actor=_person(row["launched_by"]),
                data=data,
                invite=[_society(iso3) for iso3 in row.get("invite", [])],
            )
            for iso3 in row.get("accept", []):
                place = response.participants.get(society__country_id=iso3)
                focal_point = _focal_point(place.society)
                services.answer_place(participant=place, actor=focal_point, decision="accept")
        else:
            response = services.propose_response(
                actor=_person(row["proposed_by"]), society=_society(row["lead"]), data=data
            )
            if row["status"] == "active":
                services.endorse_response(response=response, actor=_endorser(response, editor))
                for join in row.get("joins", []):
                    place = services.ask_to_join(
                        response=response,
                        actor=_person(join["focal_point"]),
                        society=_society(join["society"]),
                        role=join["role"],
                    )
                    services.answer_place(
                        participant=place, actor=_person(row["proposed_by"]), decision="accept"
                    )
                    # The services date a place from the day it is accepted; the demo's is older.
                    ResponseParticipant.objects.filter(pk=place.pk).update(
                        joined_on=today - timedelta(days=join["days_ago"])
                    )
        for update in row.get("updates", []):
            posted = services.post_update(
                response=response,
                actor=_person(update["author"]),
                data={
                    "happened_on": today - timedelta(days=update["days_ago"]),
                    "body": update["body"],
                    "people_reached": update.get("people_reached"),
                },
            )
            ResponseUpdate.objects.filter(pk=posted.pk).update(
                created_at=timezone.now() - timedelta(days=update["days_ago"])
            )
        made.append(response.pk)
    # The services neither take is_demo nor backdate the lead's place; one update each.
    Response.objects.filter(pk__in=made).update(is_demo=True)
    for response in Response.objects.filter(pk__in=made):
        response.participants.filter(role="lead").update(joined_on=min(response.start_date, today))
    statuses = ", ".join(
        f"{response.title} ({response.get_status_display().lower()})"
        for response in Response.objects.filter(pk__in=made).order_by("pk")
    )
    return [f"Demo cross-national responses: {statuses}."]


def _focal_point(society: NationalSociety) -> User:
    return (
        User.objects.filter(
            memberships__society=society,
            memberships__role="focal_point",
            memberships__status="approved",
        )
        .order_by("pk")
        .first()
    )
