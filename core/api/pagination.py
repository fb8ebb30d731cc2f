from django.utils.translation import gettext as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response


class LimitOffsetPagination(pagination.LimitOffsetPagination):
    """`limit` (default 20, at most 100) and `offset` (at most `max_offset`); `limit=0` answers
    the count (and facets, where the view has them) without results.

    A view may define `get_facets(queryset)`; its answer is added to every list response as
    `facets`, computed on the filtered queryset before paging.
    """

    default_limit = 20
    max_limit = 100
    # Rows skipped to reach a page are still read; past this a page costs more the deeper
    # it is. The filters narrow any list below it, and list exports hold every row.
    max_offset = 10_000

    def paginate_queryset(self, queryset, request, view=None):
        self.check_parameters(request)
        self.facets = view.get_facets(queryset) if hasattr(view, "get_facets") else None
        # A view whose facet statement also counted the rows sets `facet_total`; no second COUNT.
        self.known_count = getattr(view, "facet_total", None) if self.facets is not None else None
        self.count_only = request.query_params.get(self.limit_query_param) == "0"
        if self.count_only:
            self.count = self.get_count(queryset)
            self.request = request
            self.limit = 0
            self.offset = 0
            return []
        return super().paginate_queryset(queryset, request, view)

    def check_parameters(self, request):
        """DRF falls back to the defaults when `limit` or `offset` is not a whole number; a
        client that sent `limit=ten` would read 20 rows as if it had asked for them."""
        errors = {
            name: [_("Give a whole number, 0 or more.")]
            for name in (self.limit_query_param, self.offset_query_param)
            if any(
                not (value.isascii() and value.isdigit())
                for value in request.query_params.getlist(name)
            )
        }
        if errors:
            raise ValidationError(errors)
        offsets = request.query_params.getlist(self.offset_query_param)
        if any(int(value) > self.max_offset for value in offsets):
            message = _(
                "Pages start at most %(max_offset)d rows in: narrow the list with its filters "
                "(the count stays exact), or download it whole with format=csv where the list "
                "offers it."
            ) % {"max_offset": self.max_offset}
            raise ValidationError({self.offset_query_param: [message]})

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 0
            if parameter["name"] == self.offset_query_param:
                parameter["schema"]["maximum"] = self.max_offset
        return parameters

    def get_count(self, queryset):
        if self.known_count is not None:
            return self.known_count
        return super().get_count(queryset)

    def get_paginated_response(self, data):
        body = {
            "count": self.count,
            "next": None if self.count_only else self.get_next_link(),
            "previous": None if self.count_only else self.get_previous_link(),
            "results": data,
        }
        if self.facets is not None:
            body["facets"] = self.facets
        return Response(body)

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["facets"] = {"type": "object", "nullable": True}
        return response
