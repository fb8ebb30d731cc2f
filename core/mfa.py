"""Two-factor authentication: who must use it, and whether an account or a session has.

One place for the rule that the middleware (pages and session calls to the API), the token
authentication of the API and the profile's token form all ask.
"""

from __future__ import annotations

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled


def must_use_second_factor(user) -> bool:
    """IFRC editors and staff curate and administer the whole site: their accounts need a
    second factor, on the site and through tokens alike."""
    return bool(user.is_authenticated and (user.is_staff or user.is_editor))


def has_second_factor(user) -> bool:
    """The account has an authenticator app (recovery codes only ever come with one)."""
    return is_mfa_enabled(user, types=[Authenticator.Type.TOTP])


def session_passed_second_factor(request) -> bool:
    """allauth records each step of a login in the session; a code from the authenticator app
    or a recovery code, at login or since, is an "mfa" record of this session's user."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def record_new_authenticator(request, authenticator: Authenticator) -> None:
    """Turning on the authenticator app took a valid code from it: this session has passed the
    second factor, as a login with it would have (allauth records that for logins only)."""
    record_authentication(
        request, authenticator.user, "mfa", id=authenticator.pk, type=authenticator.type
    )
