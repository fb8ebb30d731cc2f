from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("National Societies and reference data")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from allauth.account.signals import email_confirmed
        from allauth.mfa.signals import authenticator_added

        from core import checks  # noqa: F401  (registers the deploy checks)

        email_confirmed.connect(settle_memberships_of_confirmed_address)
        authenticator_added.connect(record_second_factor_of_new_authenticator)
        register_notification_kinds()


def register_notification_kinds():
    from core.notifications import register_kind

    register_kind(
        "membership-requested",
        label=_("Requests to join a National Society you decide for"),
        reason=_(
            "You receive this email because you approve the requests to join this National "
            "Society on the Migration Smart Practices Hub."
        ),
    )
    register_kind(
        "membership-decided",
        label=_("Answers to my requests to join a National Society"),
        reason=_("You receive this email because you asked to join this National Society."),
    )
    register_kind(
        "set-password",
        label=_("Links to set my password"),
        reason=_("You receive this email because an account was made for this address."),
        can_turn_off=False,
        secret=True,
    )


def settle_memberships_of_confirmed_address(sender, request, email_address, **kwargs):
    from core import services

    services.verify_membership_requests(user=email_address.user, email=email_address.email)


def record_second_factor_of_new_authenticator(sender, request, user, authenticator, **kwargs):
    from allauth.mfa.models import Authenticator

    from core import mfa

    if request is not None and authenticator.type == Authenticator.Type.TOTP:
        mfa.record_new_authenticator(request, authenticator)
