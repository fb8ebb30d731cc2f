"""Emails about calls for practices, each in its recipient's language."""

from django.conf import settings
from django.urls import reverse

from core.models import Membership, User
from core.notifications import send
from reports.models import CallForPractices


def call_announced(call_id: int) -> int:
    """Tell the focal points of every society in the call's regions about it (once each)."""
    call = CallForPractices.objects.filter(pk=call_id).first()
    if call is None or not call.is_open():
        return 0
    focal_points = User.objects.filter(
        is_active=True,
        memberships__role=Membership.Role.FOCAL_POINT,
        memberships__status=Membership.Status.APPROVED,
        memberships__society__region__code__in=call.region_codes,
    ).distinct()
    context = {"call": call, "url": settings.SITE_URL + reverse("reports:call", args=[call.pk])}
    return sum(
        send(user=user, template="call_for_practices", context=context) for user in focal_points
    )
