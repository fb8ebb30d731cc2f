"""Every API error is JSON: {"detail": "...", "errors": {"field": ["..."]}}."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler


class Conflict(exceptions.ValidationError):
    """Input refused for the present state of the data, not for its own shape: 409."""

    status_code = status.HTTP_409_CONFLICT


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        conflict = is_conflict(exc)
        exc = (Conflict if conflict else exceptions.ValidationError)(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    elif isinstance(exc, exceptions.ValidationError) and only_codes(exc.detail, {"unique"}):
        exc = Conflict(exc.detail)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # a real server error: handler500 answers JSON under /api/
    if isinstance(exc, Conflict):
        detail = _("This conflicts with the present state of the data; nothing changed.")
        response.data = {"detail": detail, "errors": flat_errors(response.data)}
    elif isinstance(exc, exceptions.ValidationError):
        response.data = {"detail": _("Invalid input."), "errors": flat_errors(response.data)}
    elif isinstance(response.data, dict) and "detail" in response.data:
        response.data = {"detail": response.data["detail"]}
    return response


def is_conflict(error: DjangoValidationError) -> bool:
    """Which of the services' refusals are about the state of the data (409) rather than the
    request (400): an error without a field (the services raise those for a closed period, a
    submission already sent, a report not finished), an error on the object's `status` (a
    workflow step it cannot take from where it is), and a value already taken (a unique code
    or label). A service can also say so with the error code "conflict"."""
    if not hasattr(error, "error_dict"):
        return True
    if set(error.error_dict) == {"status"}:
        return True
    codes = {item.code for items in error.error_dict.values() for item in items}
    return codes <= {"unique", "conflict"}


def only_codes(detail, codes: set[str]) -> bool:
    """Whether every message of DRF's error detail has one of `codes`."""
    if isinstance(detail, dict):
        values = list(detail.values())
    elif isinstance(detail, list):
        values = detail
    else:
        return getattr(detail, "code", None) in codes
    return bool(values) and all(only_codes(value, codes) for value in values)


def flat_errors(data, prefix: str = "") -> dict[str, list[str]]:
    """DRF's errors with nested fields named by a dotted path, so that every field maps to a
    list of messages: {"translations": {"fr": [...]}} becomes {"translations.fr": [...]}, as
    the services already name theirs ("filters.region", "values.<code>.total")."""
    name = prefix or "non_field_errors"
    if isinstance(data, dict) and _list_items(data):
        # A ListField's items by position: their messages name the value, so they stay the
        # field's own ({"principles": ['"P42" is not a valid choice.']}).
        return {name: [str(message) for messages in data.values() for message in messages]}
    if isinstance(data, dict):
        items = data.items()
    elif isinstance(data, list) and any(isinstance(item, dict | list) for item in data):
        items = enumerate(data)  # nested serializers' errors, {} for an item without any
    else:
        return {name: [str(message) for message in (data if isinstance(data, list) else [data])]}
    errors: dict[str, list[str]] = {}
    for key, value in items:
        errors.update(flat_errors(value, f"{prefix}.{key}" if prefix else str(key)))
    return errors


def _list_items(errors: dict) -> bool:
    return bool(errors) and all(
        isinstance(key, int)
        and isinstance(messages, list)
        and not any(isinstance(message, dict | list) for message in messages)
        for key, messages in errors.items()
    )
