"""Writes to cross-national responses: proposing and launching one, editing, endorsing,
declining and closing it, a society's way in (a request to join or an invitation, and their
answers), the roles of the societies taking part, the updates of its timeline, and the
practices that name it.

Each function takes keyword-only arguments, checks who is asking against networks.workflow (an
edit: against the response queryset's rule, as networks.permissions says it) on the row it has
locked (PermissionDenied for who asks; ValidationError on `status` for where
the response stands, on the field at fault for what was given), runs in one transaction with
a pghistory context naming the actor and the action, and tells the people concerned through
networks.notifications.

Past 500 lines for now: its writes share the lock, note and author checks above, and pages, the
API and the demo call them as one service; the societies' places (ask, invite, answer, role)
are the part to move into a module of their own next.
"""

from __future__ import annotations

import datetime
from typing import Any

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import taxonomy
from core.models import Country, Membership, NationalSociety, User, user_is_editor
from core.permissions import focal_point_societies, is_focal_point
from core.translations import clean_translations, translations_field
from networks import notifications
from networks.models import (
    Level,
    ParticipantRole,
    ParticipantStatus,
    Response,
    ResponseParticipant,
    ResponsePractice,
    ResponseStatus,
    ResponseUpdate,
)
from networks.models.responses import SUMMARY_MAX_LENGTH, TAG_FIELDS
from networks.permissions import RESPONSE_EDIT_DENIED
from networks.workflow import PARTICIPANT_WORKFLOW, RESPONSE_WORKFLOW
from practices.models import Practice
from practices.permissions import can_edit_practice

CONTENT_FIELDS = [
    "title",
    "summary",
    "objectives",
    "translations",
    "level",
    "network",
    "route",
    "countries",
    *TAG_FIELDS,
    "start_date",
    "end_date",
    "visibility",
    "contact",
    "contact_email",
]
REQUIRED_FIELDS = ["title", "summary", "level", "countries", *TAG_FIELDS]
TEXT_MAX_LENGTH = 20000
ROLES_GIVEN = [ParticipantRole.PARTICIPANT, ParticipantRole.SUPPORTER]
OPEN = [ResponseStatus.PROPOSED, ResponseStatus.ACTIVE]


def secretariat() -> NationalSociety:
    return NationalSociety.objects.get(kind=NationalSociety.Kind.SECRETARIAT)


def validate_response_data(data: dict[str, Any], *, lead: NationalSociety) -> dict[str, Any]:
    """Domain checks shared by the form and the API; raises ValidationError naming every field
    at fault. Returns the data with codes normalised (upper-case countries, duplicates removed,
    order kept) and the regions of its countries."""
    errors: dict[str, list[str]] = {}
    cleaned = {key: value for key, value in data.items() if key in CONTENT_FIELDS}
    missing = [name for name in REQUIRED_FIELDS if not data.get(name)]
    for name in missing:
        errors[name] = [
            _("This field is required.")
            if name in ("title", "summary", "level")
            else _("Choose at least one.")
        ]
    for name in ("title", "summary"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
    if len(cleaned.get("summary") or "") > SUMMARY_MAX_LENGTH:
        errors.setdefault("summary", []).append(
            _("Write at most %(count)d characters.") % {"count": SUMMARY_MAX_LENGTH}
        )
    if len(cleaned.get("objectives") or "") > TEXT_MAX_LENGTH:
        errors.setdefault("objectives", []).append(
            _("Write at most %(count)d characters.") % {"count": TEXT_MAX_LENGTH}
        )
    for name in TAG_FIELDS:
        values = list(dict.fromkeys(cleaned.get(name) or []))
        cleaned[name] = values
        unknown = [value for value in values if value not in taxonomy.codes(name)]
        if unknown:
            errors.setdefault(name, []).append(
                _("Unknown code: %(codes)s.") % {"codes": ", ".join(map(str, unknown))}
            )
    countries = list(dict.fromkeys(str(code).upper() for code in cleaned.get("countries") or []))
    cleaned["countries"] = countries
    known = dict(Country.objects.filter(iso3__in=countries).values_list("iso3", "region__code"))
    unknown = [code for code in countries if code not in known]
    if unknown:
        errors.setdefault("countries", []).append(
            _("Unknown ISO 3166 alpha-3 code: %(codes)s.") % {"codes": ", ".join(unknown)}
        )
    cleaned["regions"] = sorted({region for region in known.values() if region})
    if "level" in cleaned and cleaned["level"] not in Level.values:
        errors.setdefault("level", []).append(_("Unknown coordination level."))
    network = cleaned.get("network")
    if network is not None and cleaned.get("level") == Level.GLOBAL:
        errors.setdefault("network", []).append(
            _("A global response is coordinated by the IFRC, not by one network.")
        )
    start, end = cleaned.get("start_date"), cleaned.get("end_date")
    if start and end and end < start:
        errors.setdefault("end_date", []).append(_("The end date comes before the start date."))
    contact = cleaned.get("contact")
    if (
        contact is not None
        and not Membership.objects.approved().filter(user=contact, society=lead).exists()
    ):
        errors.setdefault("contact", []).append(
            _("The contact person must be a member of the lead society.")
        )
    if "translations" in cleaned:
        try:
            cleaned["translations"] = clean_translations(
                cleaned["translations"] or {},
                fields=translations_field(Response).translated_fields,
            )
        except ValidationError as error:
            errors.setdefault("translations", []).extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _create(*, actor: User, lead: NationalSociety, data: dict, status: str, action: str):
    content = validate_response_data(data, lead=lead)
    response = Response(lead_society=lead, proposed_by=actor, status=status, **content)
    if status == ResponseStatus.ACTIVE:
        response.endorsed_by, response.endorsed_at = actor, timezone.now()
    response.full_clean(exclude=["contact", "proposed_by", "endorsed_by", "network"])
    with pghistory.context(user=actor.pk, action=action):
        response.save()
        ResponseParticipant.objects.create(
            response=response,
            society=lead,
            role=ParticipantRole.LEAD,
            status=ParticipantStatus.ACCEPTED,
            joined_on=timezone.localdate(),
            asked_by=actor,
        )
    return response


@transaction.atomic
def propose_response(*, actor: User, society: NationalSociety, data: dict[str, Any]) -> Response:
    """A focal point of `society` proposes a response that `society` leads. It waits for an
    editor's endorsement (or, for a regional one, its network's coordinators')."""
    if society.kind != NationalSociety.Kind.NATIONAL_SOCIETY or not is_focal_point(actor, society):
        raise PermissionDenied(
            _("A focal point of a National Society proposes a response their society leads.")
        )
    response = _create(
        actor=actor, lead=society, data=data, status=ResponseStatus.PROPOSED, action="propose"
    )
    notifications.tell_deciders_of_proposal(response)
    return response


@transaction.atomic
def launch_response(
    *,
    actor: User,
    data: dict[str, Any],
    invite: list[NationalSociety] = (),
    role: str = ParticipantRole.PARTICIPANT,
) -> Response:
    """An editor launches a response that the IFRC Secretariat leads: active at once, with
    `invite` invited to join it."""
    if not user_is_editor(actor):
        raise PermissionDenied(_("IFRC editors launch the responses the Secretariat leads."))
    response = _create(
        actor=actor, lead=secretariat(), data=data, status=ResponseStatus.ACTIVE, action="launch"
    )
    for society in invite:
        _invite(response, actor=actor, society=society, role=role)
    return response


def _lock(response: Response, actor: User, step: str, *, note: str = "") -> Response:
    """The response, locked, once RESPONSE_WORKFLOW lets `actor` take `step` on it."""
    locked = (
        Response.objects.visible_to(actor)
        .select_for_update(of=("self",))
        .select_related("lead_society", "network")
        .filter(pk=response.pk)
        .first()
    )
    if locked is None:
        raise PermissionDenied(_("You cannot act on this response."))
    RESPONSE_WORKFLOW.check(locked, actor, step, note=note)
    return locked


@transaction.atomic
def endorse_response(*, response: Response, actor: User) -> Response:
    """An editor endorses a proposed response, or a coordinator of its network a regional one:
    it becomes active."""
    response = _lock(response, actor, "endorse")
    response.status = ResponseStatus.ACTIVE
    response.endorsed_by, response.endorsed_at = actor, timezone.now()
    response.decision_note = ""
    with pghistory.context(user=actor.pk, action="endorse"):
        response.save(
            update_fields=["status", "endorsed_by", "endorsed_at", "decision_note", "updated_at"]
        )
    notifications.tell_lead_of_decision(response)
    return response


@transaction.atomic
def decline_response(*, response: Response, actor: User, note: str) -> Response:
    """Those who endorse a proposed response may decline it instead, telling the lead why."""
    response = _lock(response, actor, "decline", note=note)
    response.status = ResponseStatus.DECLINED
    response.decision_note = _clean_note(note)
    with pghistory.context(user=actor.pk, action="decline"):
        response.save(update_fields=["status", "decision_note", "updated_at"])
    notifications.tell_lead_of_decision(response)
    return response


@transaction.atomic
def close_response(*, response: Response, actor: User) -> Response:
    """The lead society's focal points or an editor close an active response; its end date is
    today unless it had one."""
    response = _lock(response, actor, "close")
    response.status = ResponseStatus.CLOSED
    response.end_date = response.end_date or timezone.localdate()
    if response.start_date and response.end_date < response.start_date:
        response.end_date = response.start_date
    with pghistory.context(user=actor.pk, action="close"):
        response.save(update_fields=["status", "end_date", "updated_at"])
    notifications.tell_participants_of_closing(response, actor=actor)
    return response


# Endorsed for a level and a network (a regional response by that network's coordinators):
# once it is, only an editor moves it to another.
ENDORSED_FOR = ("level", "network")


@transaction.atomic
def update_response(*, response: Response, actor: User, data: dict[str, Any]) -> Response:
    """The lead society's members or an editor change what a proposed or active response says;
    a closed or declined one is corrected by an editor only (networks.permissions
    .can_edit_response, the response queryset's rule).

    Fields left out of `data` keep their values, and every field is checked as when it was
    proposed. Once endorsed, its level and network change only by an editor's hand. Its lead,
    status and the societies in it do not change here."""
    response = (
        Response.objects.editable_by(actor)
        .select_for_update(of=("self",))
        .select_related("lead_society", "network", "route")
        .filter(pk=response.pk)
        .first()
    )
    if response is None:
        raise PermissionDenied(RESPONSE_EDIT_DENIED)
    given = {key: value for key, value in data.items() if key in CONTENT_FIELDS}
    # The contact person is checked against the lead's members only when it is given.
    current = {name: getattr(response, name) for name in CONTENT_FIELDS if name != "contact"}
    content = validate_response_data({**current, **given}, lead=response.lead_society)
    changed = [name for name, value in content.items() if value != getattr(response, name)]
    if response.status != ResponseStatus.PROPOSED and not user_is_editor(actor):
        errors = {
            name: [_("Once endorsed, this is changed by an IFRC editor.")]
            for name in ENDORSED_FOR
            if name in changed
        }
        if errors:
            raise ValidationError(errors)
    if not changed:
        return response
    for name in changed:
        setattr(response, name, content[name])
    response.full_clean(exclude=["contact", "proposed_by", "endorsed_by", "network", "route"])
    with pghistory.context(user=actor.pk, action="edit"):
        response.save(update_fields=[*changed, "updated_at"])
    return response


def _clean_note(note: str | None) -> str:
    note = (note or "").strip()
    if len(note) > TEXT_MAX_LENGTH:
        raise ValidationError(
            {"note": [_("Write at most %(count)d characters.") % {"count": TEXT_MAX_LENGTH}]}
        )
    return note


def _check_role(role: str) -> str:
    if role not in ROLES_GIVEN:
        raise ValidationError(
            {"role": [_("Choose participant or supporter; a response has one lead.")]}
        )
    return role


def _place_for(response: Response, society: NationalSociety) -> ResponseParticipant | None:
    """The society's place in the response, locked; refused when it is already in it or
    waiting. A declined place may be asked for again."""
    if society.kind != NationalSociety.Kind.NATIONAL_SOCIETY:
        raise ValidationError({"society": [_("Only a National Society joins a response.")]})
    place = (
        ResponseParticipant.objects.select_for_update()
        .filter(response=response, society=society)
        .first()
    )
    if place is not None and place.status != ParticipantStatus.DECLINED:
        raise ValidationError(
            {
                "society": [
                    _("%(society)s is already in this response, or its place waits for an answer.")
                    % {"society": society.label}
                ]
            }
        )
    return place


def _open_place(response, *, society, actor, role, invited, note="") -> ResponseParticipant:
    place = _place_for(response, society) or ResponseParticipant(response=response, society=society)
    place.role = _check_role(role)
    place.status = ParticipantStatus.INVITED if invited else ParticipantStatus.REQUESTED
    place.invited = invited
    place.asked_by, place.decided_by, place.joined_on = actor, None, None
    place.note = _clean_note(note)
    with pghistory.context(user=actor.pk, action="invite" if invited else "ask-to-join"):
        place.save()
    return place


@transaction.atomic
def ask_to_join(
    *,
    response: Response,
    actor: User,
    society: NationalSociety | None = None,
    role: str = ParticipantRole.PARTICIPANT,
    note: str = "",
) -> ResponseParticipant:
    """A focal point asks for their society (`society`, needed when they speak for several)
    to take part in a proposed or active response; its lead (or an editor) answers."""
    response = _lock(response, actor, "join")
    mine = focal_point_societies(actor).filter(kind=NationalSociety.Kind.NATIONAL_SOCIETY)
    if society is None:
        choices = list(mine.exclude(pk__in=_in_it(response)))
        if len(choices) != 1:
            raise ValidationError({"society": [_("Say which of your societies asks to join.")]})
        society = choices[0]
    elif not mine.filter(pk=society.pk).exists():
        raise PermissionDenied(
            _("Only a focal point of %(society)s asks for it to join.") % {"society": society.label}
        )
    place = _open_place(response, society=society, actor=actor, role=role, invited=False, note=note)
    notifications.tell_of_joining(place, event="requested")
    return place


def _in_it(response: Response):
    return response.participants.exclude(status=ParticipantStatus.DECLINED).values("society_id")


def _invite(response, *, actor, society, role, note=""):
    place = _open_place(response, society=society, actor=actor, role=role, invited=True, note=note)
    notifications.tell_of_joining(place, event="invited")
    return place


@transaction.atomic
def invite_society(
    *,
    response: Response,
    actor: User,
    society: NationalSociety,
    role: str = ParticipantRole.PARTICIPANT,
    note: str = "",
) -> ResponseParticipant:
    """The lead society's focal points or an editor invite `society`; its focal points answer."""
    response = _lock(response, actor, "invite")
    return _invite(response, actor=actor, society=society, role=role, note=note)


def _lock_place(participant: ResponseParticipant, actor: User, step: str):
    locked = (
        ResponseParticipant.objects.select_for_update(of=("self",))
        .select_related("response", "response__lead_society", "society")
        .filter(pk=participant.pk, response__in=Response.objects.visible_to(actor))
        .first()
    )
    if locked is None:
        raise PermissionDenied(_("You cannot act on this response."))
    PARTICIPANT_WORKFLOW.check(locked, actor, step)
    return locked


@transaction.atomic
def answer_place(
    *, participant: ResponseParticipant, actor: User, decision: str, note: str = ""
) -> ResponseParticipant:
    """`decision` ("accept" or "decline") on a society's way in: the lead society's focal
    points or an editor answer a request to join; the invited society's focal points answer an
    invitation. Accepted, the society takes part from today."""
    if decision not in ("accept", "decline"):
        raise ValidationError({"decision": [_("Give accept or decline.")]})
    place = _lock_place(participant, actor, decision)
    if place.response.status not in OPEN:
        raise ValidationError(
            {
                "status": [
                    _("This response is %(status)s: nobody joins it now.")
                    % {"status": str(place.response.get_status_display()).lower()}
                ]
            }
        )
    event = "accepted" if decision == "accept" else "declined"
    place.status = (
        ParticipantStatus.ACCEPTED if decision == "accept" else ParticipantStatus.DECLINED
    )
    place.joined_on = timezone.localdate() if decision == "accept" else None
    place.decided_by = actor
    place.note = _clean_note(note) or place.note
    with pghistory.context(user=actor.pk, action=f"{event}-place"):
        place.save(update_fields=["status", "joined_on", "decided_by", "note", "updated_at"])
    notifications.tell_of_joining(place, event=event)
    return place


@transaction.atomic
def set_role(*, participant: ResponseParticipant, actor: User, role: str) -> ResponseParticipant:
    """The lead society's focal points or an editor make a society taking part a participant
    or a supporter; a society not taking part is given no role."""
    place = _lock_place(participant, actor, "set-role")
    place.role = _check_role(role)
    with pghistory.context(user=actor.pk, action="set-role"):
        place.save(update_fields=["role", "updated_at"])
    return place


def _author_society(response: Response, actor: User) -> NationalSociety | None:
    """The society an update is posted for: the author's, among those taking part (the lead
    first); none for an editor of no such society."""
    places = response.participants.filter(
        status=ParticipantStatus.ACCEPTED, society_id__in=actor.approved_society_ids
    ).select_related("society")
    places = sorted(places, key=lambda place: place.role != ParticipantRole.LEAD)
    return places[0].society if places else None


@transaction.atomic
def post_update(*, response: Response, actor: User, data: dict[str, Any]) -> ResponseUpdate:
    """The lead society, a society taking part or an editor adds an entry to an active
    response's timeline: what happened (Markdown), on which day (not after today), and
    optionally how many people it reached."""
    response = _lock(response, actor, "post-update")
    errors: dict[str, list[str]] = {}
    body = (data.get("body") or "").strip()
    if not body:
        errors["body"] = [_("Say what happened.")]
    elif len(body) > TEXT_MAX_LENGTH:
        errors["body"] = [_("Write at most %(count)d characters.") % {"count": TEXT_MAX_LENGTH}]
    happened_on = data.get("happened_on")
    if not isinstance(happened_on, datetime.date):
        errors["happened_on"] = [_("Give the date it happened.")]
    elif happened_on > timezone.localdate():
        errors["happened_on"] = [
            _("An update tells what has happened: the date is not after today.")
        ]
    people = data.get("people_reached")
    if people is not None and (not isinstance(people, int) or people < 0):
        errors["people_reached"] = [_("Give a whole number, 0 or more.")]
    if errors:
        raise ValidationError(errors)
    with pghistory.context(user=actor.pk, action="post-update"):
        update = ResponseUpdate.objects.create(
            response=response,
            society=_author_society(response, actor),
            author=actor,
            happened_on=happened_on,
            body=body,
            people_reached=people,
        )
    notifications.tell_participants_of_update(update)
    return update


@transaction.atomic
def link_practice(*, response: Response, practice: Practice, actor: User) -> ResponsePractice:
    """A practice names the response it came from: said by those who edit the practice (its
    society, the editors), for a response its society takes part in."""
    if not can_edit_practice(actor, practice):
        raise PermissionDenied(_("Only those who edit a practice say which response it came from."))
    response = Response.objects.visible_to(actor).filter(pk=response.pk).first()
    if response is None:
        raise PermissionDenied(_("You cannot act on this response."))
    taking_part = response.participants.filter(
        society_id=practice.society_id, status=ParticipantStatus.ACCEPTED
    )
    if not taking_part.exists():
        raise ValidationError(
            {"practice": [_("The practice's society does not take part in this response.")]}
        )
    if ResponsePractice.objects.filter(practice=practice).exists():
        raise ValidationError(
            {"practice": [_("This practice already names the response it came from.")]}
        )
    with pghistory.context(user=actor.pk, action="link-practice"):
        return ResponsePractice.objects.create(response=response, practice=practice, added_by=actor)


@transaction.atomic
def unlink_practice(*, link: ResponsePractice, actor: User) -> None:
    if not can_edit_practice(actor, link.practice):
        raise PermissionDenied(_("Only those who edit a practice say which response it came from."))
    with pghistory.context(user=actor.pk, action="unlink-practice"):
        link.delete()
