"""The checks services make of free text and of taxonomy codes, worded once for every app.

Services check what forms, the API, the admin and commands hand them, so each check refuses
with a ValidationError keyed by the field it names: core.api.errors answers it as a 400 with
field errors, and core.forms.add_service_errors shows it beside the form's field.

A service that checks several fields names every one that is wrong in one answer: it passes an
`errors` dict, each refusal is added there (and an empty value returned), and it raises once::

    errors: dict[str, list[str]] = {}
    title = clean_text(data.get("title"), field="title", required=True, max_length=200,
                       errors=errors)
    steps = clean_codes(data.get("steps"), field="steps", errors=errors)
    visibility = clean_visibility(data.get("visibility"), errors=errors)
    if errors:
        raise ValidationError(errors)

Without `errors`, the first refusal is raised at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core import taxonomy
from core.audience import Visibility
from core.edge import NUL, nul_message


def _refuse(field: str, message: str, errors: dict | None):
    if errors is None:
        raise ValidationError({field: [message]})
    errors.setdefault(field, []).append(message)


def clean_text(
    value: Any,
    *,
    field: str,
    required: bool = False,
    max_length: int | None = None,
    required_message: str | None = None,
    errors: dict | None = None,
) -> str:
    """`value` without surrounding white space; None is empty text. Refuses a value that is
    not text, text holding a NUL (PostgreSQL cannot store one), empty text where `required`
    (with `required_message` if given) and text longer than `max_length`."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        _refuse(field, _("Give text."), errors)
        return ""
    if NUL in value:
        _refuse(field, nul_message(), errors)
        return ""
    value = value.strip()
    if required and not value:
        _refuse(field, required_message or _("This field is required."), errors)
        return ""
    if max_length is not None and len(value) > max_length:
        _refuse(field, _("Write at most %(count)d characters.") % {"count": max_length}, errors)
        return ""
    return value


def unknown_codes(values: Iterable[Any], vocabulary: str) -> list[str]:
    """The values that are not codes of `vocabulary` (core.taxonomy: "step", "steps",
    a registered choices class...), in their order."""
    known = set(taxonomy.codes(vocabulary))
    return [str(value) for value in values if value not in known]


def unknown_codes_message(unknown: Iterable[str]) -> str:
    return _("Unknown code: %(codes)s.") % {"codes": ", ".join(unknown)}


def clean_codes(
    values: Any,
    *,
    field: str,
    vocabulary: str | None = None,
    errors: dict | None = None,
) -> list[str]:
    """`values` as a list of codes of `vocabulary` (by default the field's own, as
    core.taxonomy names it: "steps" holds step codes), duplicates removed and order kept;
    None is an empty list. Refuses anything but a list of texts, and names the unknown codes."""
    if values is None:
        values = []
    if not isinstance(values, list | tuple) or not all(isinstance(v, str) for v in values):
        _refuse(field, _("Give a list of codes."), errors)
        return []
    values = list(dict.fromkeys(values))
    unknown = unknown_codes(values, vocabulary or field)
    if unknown:
        _refuse(field, unknown_codes_message(unknown), errors)
        return []
    return values


def clean_visibility(value: Any, *, field: str = "visibility", errors: dict | None = None) -> str:
    """One of the audiences content may be for (core.audience.Visibility)."""
    if value not in Visibility.values:
        _refuse(field, _("Choose public, movement or ifrc."), errors)
        return ""
    return value
