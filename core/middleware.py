import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.http import JsonResponse
from django.shortcuts import redirect, resolve_url
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core import mfa


class LanguageQueryParameterMiddleware:
    """`?lang=fr` picks the language of one response (the API's alternative to Accept-Language)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        lang = request.GET.get("lang")
        if lang in self.languages:
            translation.activate(lang)
            request.LANGUAGE_CODE = lang
        return self.get_response(request)


class RequireMFAMiddleware:
    """IFRC editors and staff act only in a session that passed a second factor.

    An editor or staff member without an authenticator app is sent to set one up (every page
    but the account pages; session calls to the API are refused). One who has an authenticator
    but whose session did not pass it (a session opened some way around allauth's login) is
    logged out and sent to log in again, everywhere; its session calls to the API are refused.
    Token calls are checked by the API's authentication (core/api/authentication.py).
    """

    always_allowed = ("/static/", "/i18n/", "/healthz")
    account_pages = "/accounts/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if request.path.startswith(self.always_allowed) or not mfa.must_use_second_factor(user):
            return self.get_response(request)
        if mfa.has_second_factor(user):
            if not mfa.session_passed_second_factor(request):
                return self.refuse_session_without_second_factor(request)
        elif settings.REQUIRE_MFA_FOR_EDITORS and not request.path.startswith(self.account_pages):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": _("Turn on two-factor authentication to use your account.")},
                    status=403,
                )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    def refuse_session_without_second_factor(self, request):
        message = _(
            "This session did not pass two-factor authentication. Log in again on the site's "
            "login page, with the code from your authenticator app."
        )
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=403)
        logout(request)
        messages.warning(request, message)
        login_url = resolve_url(settings.LOGIN_URL)
        if request.method == "GET":
            login_url += "?" + urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})
        return redirect(login_url)


class APIErrorMiddleware:
    """An unexpected error under /api/ answers JSON 500, with DEBUG on or off; it is logged
    like any request error."""

    logger = logging.getLogger("django.request")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not request.path.startswith("/api/"):
            return None
        self.logger.error(
            "Internal Server Error: %s",
            request.path,
            exc_info=exception,
            extra={"request": request},
        )
        response = JsonResponse({"detail": _("Server error. It has been logged.")}, status=500)
        response._has_been_logged = True  # logged above, with the traceback
        return response
