"""Token authentication for the API: knox's, refusing the tokens of editors and staff whose
account has no second factor (they cannot act as editors through a token either)."""

from django.utils.translation import gettext_lazy as _
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from rest_framework import exceptions, status

from core import mfa


class SecondFactorRequired(exceptions.AuthenticationFailed):
    """A 403, not a 401: the token is valid, the account may not use it yet. (A subclass of
    AuthenticationFailed, so that code asking for a token's user treats it as no user.)"""

    status_code = status.HTTP_403_FORBIDDEN
    default_detail = _(
        "Editors and staff must turn on two-factor authentication (on the profile page) "
        "before they use the API, with a token or otherwise."
    )
    default_code = "second_factor_required"


class TokenAuthentication(KnoxTokenAuthentication):
    def validate_user(self, auth_token):
        user, token = super().validate_user(auth_token)
        if mfa.must_use_second_factor(user) and not mfa.has_second_factor(user):
            raise SecondFactorRequired()
        return user, token
