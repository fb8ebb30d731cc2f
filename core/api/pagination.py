from functools import reduce
from operator import or_

from django.core import signing
from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param


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
        return self.page_of(queryset, request, view)

    def page_of(self, queryset, request, view=None):
        """The rows of the page asked for (the count and facets are known by then)."""
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
            raise ValidationError({self.offset_query_param: [self.deep_offset_message()]})

    def deep_offset_message(self):
        return _(
            "Pages start at most %(max_offset)d rows in: narrow the list with its filters "
            "(the count stays exact), or download it whole with format=csv where the list "
            "offers it."
        ) % {"max_offset": self.max_offset}

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


class KeysetPagination(LimitOffsetPagination):
    """LimitOffsetPagination that also pages by cursor, at the same cost however deep.

    A list ordered by plain columns of its model ending with the primary key (newest first,
    title) is walked by position: a `cursor` names the last row of a page (or, walking back,
    the first), and the next page is the rows after it in that order, found through the index
    of the order rather than by skipping rows. Past `cursor_from` rows the `next` link carries
    a cursor instead of an offset, so a client that follows the links walks the whole list;
    `cursor=` (empty) asks for cursor links from the first page. `count` and the facets are
    those of the whole list, as on offset pages. A list in another order (relevance) pages by
    offset only.

    DRF's own CursorPagination keeps only the first ordering column in its cursor and skips
    rows that share it, answers no count, and a cursor it cannot read is a 404; here a cursor
    is the whole key of the row, signed, and one this list did not give is a 400.
    """

    cursor_query_param = "cursor"
    cursor_from = 1_000
    signing_salt = "core.api.pagination.cursor"

    def check_parameters(self, request):
        super().check_parameters(request)
        params = request.query_params
        if self.cursor_query_param in params and self.offset_query_param in params:
            raise ValidationError(
                {self.cursor_query_param: [_("Give a cursor or an offset, not both.")]}
            )

    def deep_offset_message(self):
        return _(
            "Pages start at most %(max_offset)d rows in: follow the next link (from there on "
            "its cursor walks the whole list at the same cost per page), narrow the list with "
            "its filters, or download it whole with format=csv where the list offers it."
        ) % {"max_offset": self.max_offset}

    def page_of(self, queryset, request, view=None):
        self.keyset = keyset_of(queryset)
        self.walking_back = False
        self.position = None
        raw = request.query_params.get(self.cursor_query_param)
        self.by_cursor = raw is not None
        if not self.by_cursor:
            self.rows = super().page_of(queryset, request, view)
            return self.rows
        if self.keyset is None:
            raise self.cursor_error(
                _(
                    "This list pages by cursor only in the newest-first and title orders: "
                    "page it by offset, or choose one of those orderings."
                )
            )
        if raw:
            self.position, self.walking_back = self.decode_cursor(raw)
        self.request = request
        self.limit = self.get_limit(request)
        self.offset = 0
        self.count = self.get_count(queryset)
        rows = rows_after(queryset, self.keyset, self.position, self.walking_back, self.limit + 1)
        more = len(rows) > self.limit
        rows = rows[: self.limit]
        if self.walking_back:
            rows.reverse()
            self.has_next, self.has_previous = True, more
        else:
            self.has_next, self.has_previous = more, self.position is not None
        self.rows = rows
        return rows

    def get_next_link(self):
        if not self.by_cursor:
            after_page = self.offset + self.limit
            if self.keyset is None or after_page < self.cursor_from or after_page >= self.count:
                return super().get_next_link()
            if not self.rows:
                return None
            return self.cursor_link(self.rows[-1], backward=False)
        if not self.has_next:
            return None
        if self.rows:
            return self.cursor_link(self.rows[-1], backward=False)
        return self.cursor_link(None, backward=False, values=self.position)

    def get_previous_link(self):
        if not self.by_cursor:
            return super().get_previous_link()
        if not self.has_previous:
            return None
        if self.rows:
            return self.cursor_link(self.rows[0], backward=True)
        return self.cursor_link(None, backward=True, values=self.position)

    def cursor_link(self, row, *, backward, values=None):
        if values is None:
            values = [getattr(row, field.attname) for field, _descending in self.keyset]
        payload = {
            "o": order_names(self.keyset),
            "p": [value.isoformat() if hasattr(value, "isoformat") else value for value in values],
            "b": int(backward),
        }
        url = remove_query_param(self.request.build_absolute_uri(), self.offset_query_param)
        cursor = signing.dumps(payload, salt=self.signing_salt)
        return replace_query_param(url, self.cursor_query_param, cursor)

    def cursor_error(self, message):
        return ValidationError({self.cursor_query_param: [message]})

    def decode_cursor(self, raw: str) -> tuple[list, bool]:
        """The position and direction of a cursor this list gave, checked against its order."""
        not_ours = self.cursor_error(
            _(
                "This is not a cursor this list gave: follow the next and previous links as "
                "they are, or start again without a cursor."
            )
        )
        try:
            payload = signing.loads(raw, salt=self.signing_salt)
        except signing.BadSignature:
            raise not_ours from None
        if not isinstance(payload, dict) or payload.get("o") != order_names(self.keyset):
            raise self.cursor_error(
                _(
                    "This cursor was given for another order of the list: keep the ordering "
                    "of its link, or start again without a cursor."
                )
            )
        values = payload.get("p")
        if not isinstance(values, list) or len(values) != len(self.keyset):
            raise not_ours
        try:
            position = [
                field.to_python(value)
                for (field, _descending), value in zip(self.keyset, values, strict=True)
            ]
        except (DjangoValidationError, TypeError, ValueError):
            raise not_ours from None
        if any(
            value is None and not field.null
            for (field, _descending), value in zip(self.keyset, position, strict=True)
        ):
            raise not_ours
        return position, bool(payload.get("b"))

    def get_schema_operation_parameters(self, view):
        return [
            *super().get_schema_operation_parameters(view),
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": (
                    "A position in the list, from a next or previous link (opaque): pages "
                    "of the newest-first and title orders at the same cost however deep. "
                    "Empty: the first page, with cursor links. Not with offset."
                ),
                "schema": {"type": "string"},
            },
        ]


def keyset_of(queryset) -> list[tuple[models.Field, bool]] | None:
    """The (column, descending) pairs of `queryset`'s order if a position in it can be named
    by the values of its columns: plain columns of the model, the primary key last (so no two
    rows share a position). None otherwise (an annotation, a related column, no order)."""
    meta = queryset.model._meta
    keyset = []
    for name in queryset.query.order_by:
        if not isinstance(name, str):
            return None
        descending = name.startswith("-")
        name = name.removeprefix("-")
        try:
            field = meta.pk if name == "pk" else meta.get_field(name)
        except FieldDoesNotExist:
            return None
        if not getattr(field, "concrete", False) or field.is_relation:
            return None
        keyset.append((field, descending))
    if not keyset or not keyset[-1][0].primary_key:
        return None
    return keyset


def order_names(keyset) -> list[str]:
    return [f"-{field.name}" if descending else field.name for field, descending in keyset]


def rows_after(queryset, keyset, position, backward: bool, limit: int) -> list:
    """Up to `limit` rows of `queryset` after `position` (None: from the start) in the order
    `keyset`, or in its reverse if `backward` (then nearest first).

    As PostgreSQL sorts, NULL comes after every value ascending and before every value
    descending. The first column's bound is written on its own so the index of the order
    reads from the position instead of from the start of the list."""
    walking = [(field, descending != backward) for field, descending in keyset]
    ordered = queryset.order_by(*order_names(walking))
    if position is None:
        return list(ordered[:limit])
    after = _after(walking, position)
    if after is None:
        return []
    (first, descending), value = walking[0], position[0]
    if value is None:
        # Descending, the NULLs come first and every value after them; ascending, last.
        bound = Q() if descending else Q(**{f"{first.name}__isnull": True})
        return list(ordered.filter(bound, after)[:limit])
    if descending:
        return list(ordered.filter(Q(**{f"{first.name}__lte": value}), after)[:limit])
    rows = list(ordered.filter(Q(**{f"{first.name}__gte": value}), after)[:limit])
    if first.null and len(rows) < limit:
        # The NULLs, after every value ascending: a range and an IS NULL in one condition
        # would have PostgreSQL read the index from its start.
        nulls = ordered.filter(**{f"{first.name}__isnull": True})
        rows += list(nulls[: limit - len(rows)])
    return rows


def _after(walking, position) -> Q | None:
    """Rows after `position` in the order `walking`: equal on the first columns and after on
    the next one, for some column. None: no row can come after it."""
    clauses, equal = [], Q()
    for (field, descending), value in zip(walking, position, strict=True):
        name = field.name
        if value is None:
            beyond = Q(**{f"{name}__isnull": False}) if descending else None
            same = Q(**{f"{name}__isnull": True})
        else:
            beyond = Q(**{f"{name}__lt" if descending else f"{name}__gt": value})
            if field.null and not descending:
                beyond |= Q(**{f"{name}__isnull": True})
            same = Q(**{name: value})
        if beyond is not None:
            clauses.append(equal & beyond)
        equal &= same
    return reduce(or_, clauses) if clauses else None
