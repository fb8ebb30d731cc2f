from django.utils.translation import gettext as _
from rest_framework import exceptions, negotiation


class ContentNegotiation(negotiation.DefaultContentNegotiation):
    """A format named in the URL (`?format=csv`, `?format=json`) wins over the Accept header:
    a link someone pastes or a spreadsheet's "import from web" sends whatever Accept its
    program sends, and the URL says what the person asked for. DRF still weighs the Accept
    header against the one renderer left, so `Accept: application/json` with `?format=csv`
    would be a 406.

    A `?format=` the operation does not answer is a 406 naming the formats it does (DRF
    answers 404, as if the address did not exist). It is decided before authentication and
    before the view runs, so a write asked for as CSV changes nothing. Without a format in the
    URL, DRF's negotiation on Accept stands (an Accept nothing here produces is a 406)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        format = format_suffix
        if format is None:
            format = request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        if format is None:
            return super().select_renderer(request, renderers, format_suffix)
        renderer = self.filter_renderers(renderers, format)[0]
        return renderer, renderer.media_type

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
