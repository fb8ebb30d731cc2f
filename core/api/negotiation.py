from django.utils.translation import gettext as _
from rest_framework import exceptions, negotiation


class ContentNegotiation(negotiation.DefaultContentNegotiation):
    """A `?format=` the operation does not answer is a 406 naming the formats it does (DRF
    answers 404, as if the address did not exist). It is decided before authentication and
    before the view runs, so a write asked for as CSV changes nothing."""

    def select_renderer(self, request, renderers, format_suffix=None):
        if (
            format_suffix is None
            and request.query_params.get(self.settings.URL_FORMAT_OVERRIDE) == ""
        ):
            self.filter_renderers(renderers, "")  # `?format=` names no format: refused too
        return super().select_renderer(request, renderers, format_suffix)

    def filter_renderers(self, renderers, format):
        matching = [renderer for renderer in renderers if renderer.format == format]
        if not matching:
            raise exceptions.NotAcceptable(
                _("This operation does not answer the format “%(format)s”; it answers %(formats)s.")
                % {
                    "format": format,
                    "formats": ", ".join(
                        sorted({renderer.format for renderer in renderers if renderer.format})
                    ),
                }
            )
        return matching
