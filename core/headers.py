"""Response headers that keep the browser's powers and caches out of the way.

The Content-Security-Policy comes from django-csp (settings.CONTENT_SECURITY_POLICY); a view
that needs more declares it with django-csp's decorators. PrivacyHeadersMiddleware adds what
django-csp and Django's SecurityMiddleware do not."""

from csp import constants as csp_constants
from csp.middleware import CSPMiddleware
from django.utils.cache import add_never_cache_headers
from rest_framework.renderers import BrowsableAPIRenderer

# The site uses none of these powers: no page, and nothing injected into one, may ask for them.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


# DRF's browsable API pages write a <style> block (Pygments' colours) and style attributes in
# its own template: they may apply inline styles. Their scripts are files of this site, as on
# every other page.
BROWSABLE_API_POLICY = {"style-src": [csp_constants.SELF, csp_constants.UNSAFE_INLINE]}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, which also gives the browsable API's pages what they need: those
    pages come from every API view, so no single view could be decorated."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        renderer = getattr(response, "accepted_renderer", None)
        if isinstance(renderer, BrowsableAPIRenderer) and parts.update is None:
            parts.update = BROWSABLE_API_POLICY
        return parts


class PrivacyHeadersMiddleware:
    """Permissions-Policy on every response; `Cache-Control: no-store` on every response to a
    signed-in user (a page, or an API answer to a session or a token), so that neither a shared
    cache nor the browser's history keeps a copy of what only that user may read (a draft, a
    profile, a token's key) after they leave the computer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        # DRF authenticates a token when the view runs and sets the user on this request then,
        # so it is read only now.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
