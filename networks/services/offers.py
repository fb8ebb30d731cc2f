"""Every write to support offers goes through these functions (pages, API, admin, tasks).

Each takes keyword-only arguments, checks permission against SupportOfferQuerySet's rule
(PermissionDenied), validates (ValidationError naming fields), runs in a transaction and labels
the history entry with the actor and the action.
"""

from __future__ import annotations

import datetime
from typing import Any

import pghistory
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core import taxonomy
from core.audience import Visibility
from core.models import Country, NationalSociety, User, user_is_editor
from core.permissions import acts_for
from core.translations import clean_translations, translations_field
from networks import route_notifications as notifications
from networks.models import ContactsVisibility, OfferStatus, SupportOffer
from networks.vocabulary import SPOKEN_LANGUAGES, TargetGroup

CONTENT_FIELDS = [
    "name",
    "description",
    "translations",
    "country",
    "place",
    "latitude",
    "longitude",
    "steps",
    "support_types",
    "target_groups",
    "languages",
    "phone",
    "email",
    "website",
    "address",
    "opening_hours",
    "free_of_charge",
    "visibility",
    "contacts_visibility",
]
REQUIRED = ["name", "country", "steps", "support_types", "languages"]
CONTACT_FIELDS = ["phone", "email", "website", "address"]
# field → the codes it accepts
CODE_FIELDS = {
    "steps": lambda: taxonomy.codes("step"),
    "support_types": lambda: taxonomy.codes("support_type"),
    "target_groups": lambda: TargetGroup.values,
    "languages": lambda: SPOKEN_LANGUAGES,
}


def _add(errors: dict[str, list[str]], field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def validate_offer_data(data: dict[str, Any], *, offer: SupportOffer | None = None) -> dict:
    """Domain checks shared by the form and the API; raises ValidationError naming fields.
    `offer`: the offer being edited (its current values count where `data` leaves a field
    out). Returns the data with codes normalised (duplicates removed, order kept)."""
    errors: dict[str, list[str]] = {}
    cleaned = {key: value for key, value in data.items() if key in CONTENT_FIELDS}
    for field in REQUIRED:
        missing = cleaned.get(field) in (None, "", []) if field in cleaned else offer is None
        if missing:
            _add(errors, field, _("This field is required."))
    for field, known_codes in CODE_FIELDS.items():
        if field not in cleaned or not cleaned[field]:
            continue
        values = list(dict.fromkeys(str(value).strip() for value in cleaned[field]))
        if field == "languages":
            values = [value.lower() for value in values]
        cleaned[field] = values
        known = known_codes()
        unknown = [value for value in values if value not in known]
        if unknown:
            _add(errors, field, _("Unknown code: %(codes)s.") % {"codes": ", ".join(unknown)})
    country = cleaned.get("country")
    if isinstance(country, str):
        found = Country.objects.filter(iso3=country.upper()).first()
        if found is None:
            _add(
                errors,
                "country",
                _("Unknown ISO 3166 alpha-3 code: %(codes)s.") % {"codes": country},
            )
        cleaned["country"] = found
    for field, choices in (
        ("visibility", Visibility.values),
        ("contacts_visibility", ContactsVisibility.values),
    ):
        if field in cleaned and cleaned[field] not in choices:
            _add(errors, field, _("Unknown choice: %(code)s.") % {"code": cleaned[field]})
    for field in ["name", "place", "phone", "address", "opening_hours", "description"]:
        if isinstance(cleaned.get(field), str):
            cleaned[field] = cleaned[field].strip()

    def current(field):
        if field in cleaned:
            return cleaned[field]
        return getattr(offer, field) if offer is not None else None

    if not any(current(field) for field in CONTACT_FIELDS):
        message = _(
            "Give at least one way to reach the offer: a phone, an email, a web address or "
            "an address."
        )
        for field in CONTACT_FIELDS:
            _add(errors, field, message)
    latitude, longitude = current("latitude"), current("longitude")
    if (latitude is None) != (longitude is None):
        _add(
            errors,
            "longitude" if longitude is None else "latitude",
            _("Give both coordinates, or neither."),
        )
    if "translations" in cleaned:
        try:
            cleaned["translations"] = clean_translations(
                cleaned["translations"], fields=translations_field(SupportOffer).translated_fields
            )
        except ValidationError as error:
            errors.setdefault("translations", []).extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _apply(offer: SupportOffer, data: dict[str, Any]) -> list[str]:
    changed = []
    for field, value in data.items():
        if field == "country":  # a new offer has none yet to compare with
            if offer.country_id != value.pk:
                offer.country = value
                changed.append(field)
            continue
        if getattr(offer, field) != value:
            setattr(offer, field, value)
            changed.append(field)
    return changed


def _save(offer: SupportOffer) -> SupportOffer:
    offer.full_clean(exclude=["created_by", "confirmed_by", "society", "country"])
    offer.save()
    return offer


def _lock_editable(offer: SupportOffer, actor: User) -> SupportOffer:
    found = (
        SupportOffer.objects.editable_by(actor)
        .select_for_update(of=("self",))
        .filter(pk=offer.pk)
        .select_related("society", "country")
        .first()
    )
    if found is None:
        raise PermissionDenied(_("You can only change the offers of your own National Society."))
    return found


@transaction.atomic
def create_offer(*, actor: User, society: NationalSociety, data: dict[str, Any]) -> SupportOffer:
    """A member or focal point of `society` (or an editor) adds one of its offers, confirmed
    by them today."""
    if not (acts_for(actor, society) or user_is_editor(actor)):
        raise PermissionDenied(_("You can only add offers of your own National Society."))
    content = validate_offer_data(data)
    offer = SupportOffer(
        society=society,
        created_by=actor,
        confirmed_by=actor,
        last_confirmed_on=timezone.localdate(),
    )
    _apply(offer, content)
    with pghistory.context(user=actor.pk, action="create"):
        return _save(offer)


@transaction.atomic
def update_offer(*, offer: SupportOffer, actor: User, data: dict[str, Any]) -> SupportOffer:
    """Its society's members and focal points, and editors, edit an offer (its society stays)."""
    offer = _lock_editable(offer, actor)
    content = validate_offer_data(data, offer=offer)
    _apply(offer, content)
    with pghistory.context(user=actor.pk, action="edit"):
        return _save(offer)


@transaction.atomic
def change_offer_status(*, offer: SupportOffer, actor: User, status: str) -> SupportOffer:
    """Open, close for a while or end an offer (whoever may edit it)."""
    offer = _lock_editable(offer, actor)
    if status not in OfferStatus.values:
        raise ValidationError({"status": [_("Unknown status: %(code)s.") % {"code": status}]})
    offer.status = status
    with pghistory.context(user=actor.pk, action=f"status:{status}"):
        offer.save(update_fields=["status", "updated_at"])
    return offer


@transaction.atomic
def confirm_offer(*, offer: SupportOffer, actor: User) -> SupportOffer:
    """ "Still accurate": whoever may edit the offer confirms it today. Its reminder, if one
    was sent, is done with; the next lapse is counted from today."""
    offer = _lock_editable(offer, actor)
    offer.last_confirmed_on = timezone.localdate()
    offer.confirmed_by = actor
    offer.reminded_for_confirmation_of = None
    with pghistory.context(user=actor.pk, action="confirm"):
        offer.save(
            update_fields=[
                "last_confirmed_on",
                "confirmed_by",
                "reminded_for_confirmation_of",
                "updated_at",
            ]
        )
    notifications.mark_stale_reminders_read(offer)
    return offer


def remind_stale_offers(*, today: datetime.date | None = None) -> int:
    """The beat task's service: for each stale offer not yet reminded of in this lapse, tell
    its society's focal points once (the notification key names the offer and the day it was
    last confirmed, so a second run tells nobody twice). Answers how many offers it reminded
    of. Each offer is its own transaction, so one failure does not undo the others."""
    reminded = 0
    stale = SupportOffer.objects.stale(today).exclude(
        reminded_for_confirmation_of=F("last_confirmed_on")
    )
    for offer_id in stale.values_list("pk", flat=True):
        with transaction.atomic():
            offer = (
                SupportOffer.objects.stale(today)
                .select_for_update(of=("self",), skip_locked=True)
                .select_related("society")
                .filter(pk=offer_id)
                .first()
            )
            if offer is None or offer.reminded_for_confirmation_of == offer.last_confirmed_on:
                continue
            notifications.remind_focal_points_of_stale_offer(offer)
            offer.reminded_for_confirmation_of = offer.last_confirmed_on
            with pghistory.context(action="remind-stale"):
                offer.save(update_fields=["reminded_for_confirmation_of"])
            reminded += 1
    return reminded
