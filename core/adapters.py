"""allauth's adapters, where the site does something of its own."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.contrib.auth.hashers import make_password
from django.utils.crypto import get_random_string
from django.utils.html import escape
from django.utils.translation import gettext


class AccountAdapter(DefaultAccountAdapter):
    def send_account_already_exists_mail(self, email: str) -> None:
        """A sign-up with an address that has an account answers the same page as a new one
        (ACCOUNT_PREVENT_ENUMERATION); a new one also hashes its password, the slow part of a
        sign-up, so this one hashes one too: both answer in the same time (as Django's login
        does for unknown users)."""
        make_password(get_random_string(32))
        super().send_account_already_exists_mail(email)


class MFAAdapter(DefaultMFAAdapter):
    def build_totp_svg(self, url: str) -> str:
        """The QR code drawn on the server, to sit in the page itself: without the XML
        declaration, on a white ground (scanners need the contrast in any theme), named for
        screen readers."""
        svg = super().build_totp_svg(url)
        svg = svg[svg.index("<svg") :]
        opening_end = svg.index(">") + 1
        return (
            svg[: opening_end - 1]
            + f' role="img" aria-label="{escape(gettext("QR code of your authenticator key"))}">'
            + '<rect width="100%" height="100%" fill="#fff"/>'
            + svg[opening_end:]
        )
