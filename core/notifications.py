"""Emails about people and memberships, each in its recipient's language."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.models import Membership, User


def send(*, user: User, template: str, context: dict) -> int:
    with translation.override(user.language):
        # One line: a title typed with a line break would otherwise be a header injection,
        # which Django refuses with BadHeaderError.
        subject = " ".join(render_to_string(f"core/email/{template}_subject.txt", context).split())
        body = render_to_string(f"core/email/{template}_body.txt", context)
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


def membership_requested(membership_id: int) -> int:
    """Tell the society's focal points (or, when it has none, the editors) about a request."""
    membership = (
        Membership.objects.select_related("user", "society").filter(pk=membership_id).first()
    )
    if membership is None or membership.status != Membership.Status.PENDING:
        return 0
    deciders = User.objects.filter(
        is_active=True,
        memberships__society=membership.society,
        memberships__role=Membership.Role.FOCAL_POINT,
        memberships__status=Membership.Status.APPROVED,
    )
    if not deciders.exists():
        deciders = User.objects.filter(is_active=True, groups__name=settings.EDITORS_GROUP)
    context = {
        "membership": membership,
        "profile_url": settings.SITE_URL + reverse("core:profile"),
    }
    return sum(
        send(user=user, template="membership_requested", context=context)
        for user in deciders.distinct()
    )


def membership_decided(membership_id: int) -> int:
    membership = (
        Membership.objects.select_related("user", "society").filter(pk=membership_id).first()
    )
    if membership is None or membership.status == Membership.Status.PENDING:
        return 0
    context = {"membership": membership, "site_url": settings.SITE_URL}
    return send(user=membership.user, template="membership_decided", context=context)


def set_password_link(user_id: int, url: str) -> int:
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return 0
    return send(user=user, template="set_password", context={"user": user, "url": url})
