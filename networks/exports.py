"""Support offers as other systems read them: rows of a CSV (with HXL hashtags) and Open
Referral HSDS 3.0 services. The offer lists and a route's exports both use these functions, so
an offer reads the same in every file.

Contacts are written as the reader may see them (networks.permissions.offer_contacts): a
movement-only phone is never in a visitor's file.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator

from django.conf import settings
from django.http import StreamingHttpResponse
from django.utils import timezone

from core import taxonomy
from core.exports import csv_download
from core.translations import LANGUAGES, translated
from networks.models import OfferStatus, SupportOffer
from networks.permissions import offer_contacts
from networks.vocabulary import language_label

Row = Callable[[SupportOffer, dict[str, str], str], object]


def _joined(values) -> str:
    return ";".join(values)


def _translations(
    column: str, field: str, tag: str, of=lambda offer: offer
) -> list[tuple[str, str, Row]]:
    """One column per site language besides English, tagged `+i_<language>` (HXL's language
    attribute): the text in that language, empty where it has none of its own."""
    columns = []
    for language in LANGUAGES:

        def value(offer, contacts, url, language=language):
            obj = of(offer)
            own = translated(obj, field, language)
            return "" if own == getattr(obj, field) else own

        columns.append((f"{column}_{language}", f"{tag}+i_{language}", value))
    return columns


# (column, HXL hashtag, value of an offer given the contacts the reader sees and its URL)
COLUMNS: list[tuple[str, str, Row]] = [
    ("id", "#meta+id", lambda o, c, url: o.pk),
    ("url", "#meta+url", lambda o, c, url: url),
    ("name", "#activity+name", lambda o, c, url: o.name),
    *_translations("name", "name", "#activity+name"),
    ("description", "#activity+description", lambda o, c, url: o.description),
    *_translations("description", "description", "#activity+description"),
    ("society", "#org+name", lambda o, c, url: o.society.name),
    *_translations("society", "name", "#org+name", of=lambda offer: offer.society),
    ("society_slug", "#org+code", lambda o, c, url: o.society.slug),
    ("country", "#country+code", lambda o, c, url: o.country_id),
    (
        "country_name",
        "#country+name",
        lambda o, c, url: taxonomy.term_label("country", o.country_id),
    ),
    ("place", "#loc+name", lambda o, c, url: o.place),
    ("latitude", "#geo+lat", lambda o, c, url: o.latitude),
    ("longitude", "#geo+lon", lambda o, c, url: o.longitude),
    ("steps", "#activity+step+code", lambda o, c, url: _joined(o.steps)),
    ("support_types", "#sector+code", lambda o, c, url: _joined(o.support_types)),
    ("target_groups", "#population+type+code", lambda o, c, url: _joined(o.target_groups)),
    ("languages", "#meta+lang+code", lambda o, c, url: _joined(o.languages)),
    ("phone", "#contact+phone", lambda o, c, url: c["phone"]),
    ("email", "#contact+email", lambda o, c, url: c["email"]),
    ("website", "#contact+url", lambda o, c, url: c["website"]),
    ("address", "#loc+address", lambda o, c, url: c["address"]),
    ("opening_hours", "#meta+hours", lambda o, c, url: o.opening_hours),
    ("free_of_charge", "#meta+free", lambda o, c, url: "yes" if o.free_of_charge else "no"),
    ("status", "#meta+status", lambda o, c, url: o.status),
    ("last_confirmed_on", "#date+reviewed", lambda o, c, url: o.last_confirmed_on.isoformat()),
]
HEADER = [name for name, _tag, _value in COLUMNS]
HXL_TAGS = [tag for _name, tag, _value in COLUMNS]


def offer_url(offer: SupportOffer) -> str:
    return settings.SITE_URL + offer.get_absolute_url()


def offer_rows(offers: Iterable[SupportOffer], *, user) -> Iterator[list]:
    """The CSV rows of `offers` (societies and countries selected with them), contacts as
    `user` may see them."""
    for offer in offers:
        contacts = offer_contacts(user, offer)
        yield [value(offer, contacts, offer_url(offer)) for _name, _tag, value in COLUMNS]


def offers_csv(queryset, *, user, hxl: bool, name: str = "offers") -> StreamingHttpResponse:
    """The offers of `queryset` as a streamed CSV download (core.exports: byte-order mark,
    formula escaping), with a row of HXL hashtags when `hxl`."""
    stamp = timezone.now().strftime("%Y%m%d")
    suffix = "-hxl" if hxl else ""
    return csv_download(
        offer_rows(queryset.iterator(chunk_size=2000), user=user),
        header=HEADER,
        hxl=HXL_TAGS if hxl else None,
        filename=f"{name}-{stamp}{suffix}.csv",
    )


# --- Open Referral HSDS 3.0 -------------------------------------------------------------------

HSDS_STATUS = {
    OfferStatus.ACTIVE: "active",
    OfferStatus.TEMPORARILY_CLOSED: "temporarily closed",
    OfferStatus.ENDED: "inactive",
}


def hsds_id(kind: str, pk) -> str:
    """HSDS identifiers are UUIDs: one per object, the same in every export (derived from the
    site's address, the kind of object and its key)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{settings.SITE_URL}/hsds/{kind}/{pk}"))


def hsds_organization(society) -> dict:
    return {
        "id": hsds_id("organization", society.pk),
        "name": society.label,
        "description": society.label,
        "website": society.website or None,
        "uri": settings.SITE_URL + society.get_absolute_url(),
    }


def hsds_service(offer: SupportOffer, *, user) -> dict:
    """One offer as an HSDS service, with its organization, phone, languages and its place as a
    location (through a service_at_location), contacts as `user` may see them."""
    contacts = offer_contacts(user, offer)
    service_id = hsds_id("service", offer.pk)
    location_id = hsds_id("location", offer.pk)
    service_at_location_id = hsds_id("service_at_location", offer.pk)
    location = {
        "id": location_id,
        "location_type": "physical" if (offer.place or contacts["address"]) else "virtual",
        "name": offer.place or taxonomy.term_label("country", offer.country_id),
        "description": contacts["address"] or None,
        "latitude": float(offer.latitude) if offer.latitude is not None else None,
        "longitude": float(offer.longitude) if offer.longitude is not None else None,
        "external_identifier": offer.country_id,
        "external_identifier_type": "ISO 3166-1 alpha-3",
        "url": contacts["website"] or None,
    }
    phones = []
    if contacts["phone"]:
        phones.append(
            {
                "id": hsds_id("phone", offer.pk),
                "service_id": service_id,
                "number": contacts["phone"],
                "type": "voice",
                "languages": [],
            }
        )
    return {
        "id": service_id,
        "organization_id": hsds_id("organization", offer.society_id),
        "name": offer.label,
        "description": translated(offer, "description") or None,
        "url": contacts["website"] or None,
        "email": contacts["email"] or None,
        "status": HSDS_STATUS[offer.status],
        "fees_description": "Free of charge" if offer.free_of_charge else None,
        "assured_date": offer.last_confirmed_on.isoformat(),
        "last_modified": offer.updated_at.isoformat(),
        "organization": hsds_organization(offer.society),
        "phones": phones,
        "languages": [
            {
                "id": hsds_id("language", f"{offer.pk}:{code}"),
                "service_id": service_id,
                "name": language_label(code),
                "code": code,
            }
            for code in offer.languages
        ],
        "service_at_locations": [
            {
                "id": service_at_location_id,
                "service_id": service_id,
                "location_id": location_id,
                "description": offer.opening_hours or None,
                "location": location,
            }
        ],
        "attributes": [],
        "metadata": [],
    }


def hsds_page(offers: Iterable[SupportOffer], *, user) -> dict:
    """The offers as one page of HSDS services (the HSDS API's paged list shape)."""
    contents = [hsds_service(offer, user=user) for offer in offers]
    return {
        "total_items": len(contents),
        "total_pages": 1,
        "page_number": 1,
        "size": len(contents),
        "first_page": True,
        "last_page": True,
        "empty": not contents,
        "contents": contents,
    }
