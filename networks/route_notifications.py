"""Whom the routes and offers tell, of what (core.notifications sends it once, in each
recipient's language). The services call these inside their transactions."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import Membership, NationalSociety, Notification, User
from core.notifications import notify, register_kind
from networks.models import SupportOffer

OFFER_STALE = "offer-stale"


def register_offer_kinds() -> None:
    """NetworksConfig.ready() declares the offers' kinds of notification."""
    register_kind(
        OFFER_STALE,
        label=_("Support offers to confirm"),
        reason=_(
            "You receive this email because you are a focal point of the society that runs "
            "this offer."
        ),
    )


def _offer_url(offer: SupportOffer) -> str:
    return settings.SITE_URL + reverse("networks:offer-detail", args=[offer.pk])


def stale_reminder_key(offer: SupportOffer) -> str:
    # One reminder per lapse: the lapse is named by the confirmation it follows.
    return f"{OFFER_STALE}:{offer.pk}:{offer.last_confirmed_on.isoformat()}"


def remind_focal_points_of_stale_offer(offer: SupportOffer) -> list:
    """The society's focal points learn that the offer has not been confirmed for too long."""
    focal_points = User.objects.filter(
        is_active=True,
        memberships__society=offer.society_id,
        memberships__role=Membership.Role.FOCAL_POINT,
        memberships__status=Membership.Status.APPROVED,
    ).distinct()
    return notify(
        recipients=focal_points,
        kind=OFFER_STALE,
        key=stale_reminder_key(offer),
        template="networks/email/offer_stale",
        context={
            "offer": offer,
            "last_confirmed_on": offer.last_confirmed_on,
            "url": _offer_url(offer),
        },
        url=_offer_url(offer),
    )


def mark_stale_reminders_read(offer: SupportOffer) -> None:
    """A confirmed offer's reminders are done with: they leave the unread notifications."""
    Notification.objects.filter(
        kind=OFFER_STALE, key__startswith=f"{OFFER_STALE}:{offer.pk}:", read_at__isnull=True
    ).update(read_at=offer.updated_at)


# --- From a gap on a route's trail -----------------------------------------------------------

OFFERS_WANTED = "offers-wanted"


def register_trail_kinds() -> None:
    """NetworksConfig.ready() declares the trail's kinds of notification."""
    register_kind(
        OFFERS_WANTED,
        label=_("Support offers wanted along a route"),
        reason=_(
            "You receive this email because you are a focal point of a National Society of a "
            "country on this route."
        ),
    )


def offers_wanted_key(route, country: str, step: str, support_type: str) -> str:
    # One request per gap: asking again for the same gap tells nobody twice.
    return f"{OFFERS_WANTED}:{route.pk}:{country}:{step}:{support_type}"


def ask_focal_points_for_offers(*, route, country: str, step: str, support_type: str) -> list:
    """The focal points of the National Societies of `country` learn that nobody offers
    `support_type` there at `step` of the route's trail."""
    focal_points = User.objects.filter(
        is_active=True,
        memberships__society__country_id=country,
        memberships__society__kind=NationalSociety.Kind.NATIONAL_SOCIETY,
        memberships__role=Membership.Role.FOCAL_POINT,
        memberships__status=Membership.Status.APPROVED,
    ).distinct()
    url = settings.SITE_URL + reverse("networks:route-trail", args=[route.slug])
    return notify(
        recipients=focal_points,
        kind=OFFERS_WANTED,
        key=offers_wanted_key(route, country, step, support_type),
        template="networks/email/offers_wanted",
        context={
            "route": route,
            "country": country,
            "step": step,
            "support_type": support_type,
            "url": url,
        },
        url=url,
    )
