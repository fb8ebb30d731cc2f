"""The OpenAPI schema says what the API does: every error an operation can answer, which
operations a visitor may call, which request fields are refused, which codes a filter takes.

Each of these is read from the code that decides it (the view's permissions, parsers and
throttles, the serializer's fields, the filter's choices), so the schema cannot drift from it.
"""

from django.contrib.auth.models import AnonymousUser
from django.db import DatabaseError
from django.http import HttpRequest
from django_filters import filters
from drf_spectacular import openapi
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from drf_spectacular.utils import OpenApiResponse, PolymorphicProxySerializer
from rest_framework.fields import ListField, SlugField
from rest_framework.relations import ManyRelatedField
from rest_framework.request import Request

from core.api.serializers import ErrorSerializer, KnownFieldsMixin, ListedChoicesMixin

# In English, as the rest of the schema (docstrings, help texts) is.
ERROR_DESCRIPTIONS = {
    "400": (
        "Invalid input: a field, parameter, header or cookie (a NUL character, for one), "
        "named in `errors`."
    ),
    "401": "No credentials where the operation needs them, or an unknown or expired token.",
    "403": "Not allowed to this account, or its session still needs the second factor.",
    "404": "Not found, or not visible to this account.",
    "406": "The format asked for (`?format=` or Accept) is not one this operation answers.",
    "409": (
        "Refused for the present state of the data (a step the object cannot take from its "
        "status, a closed period, a code already taken): nothing changed."
    ),
    "413": "The body is larger than the site accepts.",
    "415": "The body's Content-Type is not one this operation reads.",
    "429": "Too many requests: wait as long as the Retry-After header says.",
}


class AutoSchema(openapi.AutoSchema):
    def get_auth(self):
        # drf-spectacular marks anonymous access only for AllowAny and IsAuthenticatedOrReadOnly;
        # asking the view's own permissions also covers the project's (editors write, all read).
        requirements = [requirement for requirement in super().get_auth() if requirement]
        if self.anonymous_may_call():
            requirements.append({})
        return requirements

    def anonymous_may_call(self) -> bool:
        request = HttpRequest()
        request.method = self.method
        request = Request(request)
        request.user = AnonymousUser()
        return all(
            permission.has_permission(request, self.view)
            for permission in self.view.get_permissions()
        )

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self.error_codes():
            if code not in responses:  # an operation's own answer (the import's problems) wins
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=ERROR_DESCRIPTIONS[code]),
                    code,
                    media_types=["application/json"],
                    direction=direction,
                )
        return dict(sorted(responses.items()))

    def error_codes(self) -> list[str]:
        # 400: core.edge refuses a NUL character in any parameter, header or cookie, so every
        # operation can answer it. 401: an unknown token is refused even where no token is
        # needed. 403: a session of an editor without a second factor is refused everywhere.
        codes = ["400", "401", "403", "406"]
        if "{" in self.path:
            codes.append("404")
        if self.method in ("POST", "PUT", "PATCH"):
            codes.append("409")
            if self.get_request_serializer() is not None:
                codes += ["413", "415"]
        if self.view.get_throttles():
            codes.append("429")
        return codes

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        for parameter in (operation or {}).get("parameters", []):
            schema = parameter["schema"]
            without_nul(schema.get("items", schema))
        return operation

    def _get_request_body(self, direction="request"):
        body = super()._get_request_body(direction)
        if body is not None and isinstance(
            self.get_request_serializer(), PolymorphicProxySerializer
        ):
            body["required"] = True  # each kind's body needs at least its kind
        return body

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if direction != "request":
            return schema
        relation = field.child_relation if isinstance(field, ManyRelatedField) else field
        if isinstance(relation, ListedChoicesMixin):
            values = schema.get("items", schema)
            listed = before_migrations_empty(relation.listed_values)
            if listed:  # an empty enum admits nothing; with no rows, any value is unknown
                values["enum"] = listed
                # Named by what is listed, not by the values, which another enum may share.
                model = relation.get_queryset().model
                values["x-spec-enum-id"] = f"listed-{model._meta.label_lower}"
            if relation.at_least_one and isinstance(field, ManyRelatedField):
                schema.setdefault("minItems", 1)
        if isinstance(field, ListField | ManyRelatedField) and not field.allow_empty:
            schema.setdefault("minItems", 1)
        if isinstance(field, SlugField) and "pattern" not in schema:
            # Django's slug validator is written with \A and \Z, which drf-spectacular cannot
            # carry into the schema's (JavaScript) pattern.
            schema["pattern"] = "^[-a-zA-Z0-9_]+$"
        return without_nul(schema)

    def _postprocess_serializer_schema(self, schema, serializer, direction):
        schema = super()._postprocess_serializer_schema(schema, serializer, direction)
        if direction == "request" and isinstance(serializer, KnownFieldsMixin):
            schema["additionalProperties"] = False  # refused with a 400, see KnownFieldsMixin
        return schema


def before_migrations_empty(read):
    """What `read` lists from the database, or nothing before the tables exist: `check
    --deploy` builds the schema, and a new deployment runs it before its first migration."""
    try:
        return read()
    except DatabaseError:
        return []


def without_nul(schema: dict) -> dict:
    """A free text (no enum, format or pattern of its own) says that it holds no NUL character,
    which core.edge refuses with a 400 in any parameter and any field of a body."""
    if schema.get("type") == "string" and not schema.keys() & {"enum", "format", "pattern"}:
        schema["pattern"] = "^[^\\u0000]*$"
    return schema


class TokenScheme(KnoxTokenScheme):
    """The personal tokens: knox's, with the second-factor check of core.api.authentication."""

    target_class = "core.api.authentication.TokenAuthentication"


class CodeFilterExtension(DjangoFilterExtension):
    """A filter on codes (taxonomy, regions, countries, societies) lists the codes it takes, as
    an array of strings: drf-spectacular skips choices read from the database and describes a
    filter on an array column as an array of arrays. An unknown code is a 400 naming the filter,
    so a client needs the list."""

    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        if not isinstance(filter_field, filters.MultipleChoiceFilter):
            # django-filter reads an empty value as no filter (as a search form sends it); a
            # multiple choice checks each value, so there an empty one is refused.
            for parameter in parameters:
                parameter["allowEmptyValue"] = True
            return parameters
        choices = filter_field.extra.get("choices")
        if isinstance(filter_field, filters.ModelMultipleChoiceFilter):
            # Records by id (a submission's period): the ids there are.
            ids = before_migrations_empty(
                lambda: list(filter_field.queryset.values_list("pk", flat=True).order_by("pk"))
            )
            item = {"type": "integer", **({"enum": ids} if ids else {})}
        elif choices is not None:
            codes = before_migrations_empty(
                lambda: [code for code, _label in (choices() if callable(choices) else choices)]
            )
            # An empty enum admits nothing; with no rows yet, any value is unknown.
            item = {"type": "string", **({"enum": codes} if codes else {})}
        else:
            return parameters
        for parameter in parameters:
            parameter["schema"] = {"type": "array", "items": item}
        return parameters
