"""Whom the adaptations' workflow tells, of what (core.notifications sends it once, in each
recipient's language). The services call these inside their transactions."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import Membership, User
from core.notifications import notify, register_kind

OUTDATED = "adaptation-outdated"


def register_kinds() -> None:
    """AdvocacyConfig.ready() declares the adaptations' kinds of notification."""
    register_kind(
        OUTDATED,
        label=_("My society's adaptations outdated by a new guideline version"),
        reason=_("You receive this email because you are a focal point of this National Society."),
    )


def adaptation_url(adaptation) -> str:
    return settings.SITE_URL + reverse(
        "advocacy:adaptation", args=[adaptation.guideline.slug, adaptation.pk]
    )


def tell_focal_points_of_outdated(adaptation, version) -> list:
    """The focal points of the adaptation's society learn that `version` changed the meaning
    of the guideline it adapts: once per adaptation and version."""
    focal_points = User.objects.filter(
        is_active=True,
        memberships__society_id=adaptation.society_id,
        memberships__role=Membership.Role.FOCAL_POINT,
        memberships__status=Membership.Status.APPROVED,
    ).distinct()
    url = adaptation_url(adaptation)
    return notify(
        recipients=focal_points,
        kind=OUTDATED,
        key=f"{OUTDATED}:{adaptation.pk}:{version.pk}",
        template="advocacy/email/adaptation_outdated",
        context={
            "guideline": adaptation.guideline,
            "adaptation": adaptation,
            "version": version,
            "url": url,
        },
        url=url,
    )
