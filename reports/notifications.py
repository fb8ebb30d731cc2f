"""Whom a call for practices is announced to (core.notifications sends it once to each, in
their language), and what the editor who opened it is told of that."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import Membership, Notification, User
from core.notifications import notify, register_kind
from reports.models import CallForPractices

CALL_ANNOUNCED = "call-announced"


def register_kinds() -> None:
    """ReportsConfig.ready() declares the reports' kinds of notification."""
    register_kind(
        CALL_ANNOUNCED,
        label=_("Calls for practices in my region"),
        reason=_(
            "You receive this email because you are the focal point of a National Society "
            "in a region this call is about."
        ),
    )


def announcement_key(call: CallForPractices) -> str:
    return f"{CALL_ANNOUNCED}:{call.pk}"


def _focal_point_memberships(call: CallForPractices):
    """Whom a call is announced to: the approved focal points of every society in its regions
    (the one rule for the announcement and for what the editor is told)."""
    return Membership.objects.filter(
        user__is_active=True,
        role=Membership.Role.FOCAL_POINT,
        status=Membership.Status.APPROVED,
        society__region__code__in=call.region_codes,
    )


def announce_call(call: CallForPractices) -> list[Notification]:
    """Tell the focal points of every society in the call's regions about it, once each.
    create_call calls it in its transaction; returns the notifications made."""
    focal_points = User.objects.filter(pk__in=_focal_point_memberships(call).values("user_id"))
    url = settings.SITE_URL + reverse("reports:call", args=[call.pk])
    return notify(
        recipients=focal_points,
        kind=CALL_ANNOUNCED,
        key=announcement_key(call),
        template="core/email/call_for_practices",
        context={"call": call, "url": url},
        url=url,
    )


@dataclass(frozen=True)
class Audience:
    told: int  # focal points with the call among their notifications
    emailed: int  # of them, those who get the email (the others turned it off)
    unreached: list[str]  # codes of the call's regions where nobody is told


def call_audience(call: CallForPractices) -> Audience:
    """Whom the announcement reached, read from its notifications (the ledger the sender
    wrote), with the regions where nobody was reached: no society there has a focal point on
    the platform. One query."""
    rows = set(
        _focal_point_memberships(call)
        .filter(user__notifications__key=announcement_key(call))
        .values_list("user_id", "society__region__code", "user__notifications__email_state")
    )
    reached_regions = {region for _user, region, _state in rows}
    emailed = {user for user, _region, state in rows if state != Notification.EmailState.OFF}
    return Audience(
        told=len({user for user, _region, _state in rows}),
        emailed=len(emailed),
        unreached=[code for code in call.region_codes if code not in reached_regions],
    )
