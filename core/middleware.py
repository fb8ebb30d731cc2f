import logging

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _


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
    """IFRC editors and staff must turn on two-factor authentication before anything else.

    Until they have a TOTP authenticator, every page but the account pages sends them to set
    one up, and session calls to the API are refused. Token calls are not affected: tokens are
    issued by administrators from the command line.
    """

    allowed_prefixes = ("/accounts/", "/static/", "/i18n/", "/healthz")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.REQUIRE_MFA_FOR_EDITORS and self.must_set_up_mfa(request):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": _("Turn on two-factor authentication to use your account.")},
                    status=403,
                )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    def must_set_up_mfa(self, request) -> bool:
        user = request.user
        if not user.is_authenticated or request.path.startswith(self.allowed_prefixes):
            return False
        if not (user.is_staff or user.is_editor):
            return False
        from allauth.mfa.models import Authenticator

        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


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
