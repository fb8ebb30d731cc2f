"""Emails about calls for practices, each in its recipient's language."""

from django.conf import settings
from django.db.models import F, Func, Value
from django.urls import reverse

from core.models import Membership, User
from core.notifications import send
from reports.models import CallForPractices


def _focal_point_memberships(call: CallForPractices):
    """Whom a call is announced to: the approved focal points of every society in its regions
    (the one rule for the emails and for what the editor who opens the call is told)."""
    return Membership.objects.filter(
        user__is_active=True,
        role=Membership.Role.FOCAL_POINT,
        status=Membership.Status.APPROVED,
        society__region__code__in=call.region_codes,
    )


def call_audience(call: CallForPractices) -> tuple[int, list[str]]:
    """How many people the call is announced to, and the codes of its regions where nobody
    is (no society there has a focal point on the platform), in one query."""
    pairs = set(_focal_point_memberships(call).values_list("user_id", "society__region__code"))
    reached = {region for _user, region in pairs}
    return len({user for user, _region in pairs}), [
        code for code in call.region_codes if code not in reached
    ]


def call_announced(call_id: int) -> int:
    """Tell the focal points of every society in the call's regions about it (once each)."""
    call = CallForPractices.objects.filter(pk=call_id).first()
    if call is None or not call.is_open():
        return 0
    focal_points = User.objects.filter(pk__in=_focal_point_memberships(call).values("user_id"))
    context = {"call": call, "url": settings.SITE_URL + reverse("reports:call", args=[call.pk])}
    sent = 0
    for user in focal_points:
        # Claim the recipient first: a second run of the task (a retry, a redelivery) finds
        # them claimed and skips them; a send that fails gives the claim back for the retry.
        if not _mark_announced(call, user, "array_append"):
            continue
        try:
            sent += send(user=user, template="call_for_practices", context=context)
        except OSError:
            _mark_announced(call, user, "array_remove")
            raise
    return sent


def _mark_announced(call: CallForPractices, user: User, function: str) -> int:
    calls = CallForPractices.objects.filter(pk=call.pk)
    if function == "array_append":
        calls = calls.exclude(announced_to__contains=[user.pk])
    return calls.update(announced_to=Func(F("announced_to"), Value(user.pk), function=function))
