"""One history page for any model pghistory tracks: who changed what, and when, in words.

An app declares the page in its views.py and routes a URL to it; the view does the rest:

    practice_history = history_view(
        Practice,
        queryset=Practice.objects.visible_to,  # who may find the object at all (else a 404)
        may_see=lambda user, practice: user_is_editor(user),  # optional (else a 403)
        refusal=gettext_lazy("The history of a practice is for IFRC editors."),
        hidden_fields={"search_config"},  # besides updated_at, always hidden
        actions={"publish": gettext_lazy("Published")},  # pghistory context "action" → words
    )
    path("<int:pk>/history/", views.practice_history, name="history")

An object whose story is also in the rows that point to it (a network's members, coordinators and
requests to join) passes `related=True`: the page then shows those rows' events too, each
named by its kind of row ("Network member added: ...").

Values are shown as readers know them, not as stored: a choice's label ("Published", not
`published`), a taxonomy code's label ("Protection", not `protection`), a related object's name
(a user's full name, not an id), dates in the reader's format.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from pghistory.models import Events

from core import taxonomy
from core.models import User

EMPTY = "—"
# Changed on every save: no reader learns anything from them.
ALWAYS_HIDDEN = frozenset({"updated_at"})


def _field(model: type[models.Model], name: str) -> models.Field | None:
    try:
        return model._meta.get_field(name)  # an attname ("contact_id") finds its field too
    except FieldDoesNotExist:
        return None


def field_label(model: type[models.Model], name: str) -> str:
    """The field's verbose name, or the stored key when the model no longer has the field."""
    field = _field(model, name)
    return capfirst(field.verbose_name) if field is not None else name


class ValueLabels:
    """Turns stored values (as PostgreSQL's row_to_json wrote them) into words; related objects
    are looked up once per page, not once per value."""

    def __init__(self, model: type[models.Model]):
        self.model = model
        self._related: dict[tuple[type[models.Model], str], str] = {}

    def __call__(self, name: str, value: Any) -> str:
        if value in (None, "", [], {}):
            return EMPTY
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        field = _field(self.model, name)
        if isinstance(value, list):
            return ", ".join(self._one(field, name, item) for item in value)
        if isinstance(value, dict):
            # A JSON column (a pending revision, translations): one line per key.
            return "\n".join(
                f"{field_label(self.model, key)}: {self(key, item)}" for key, item in value.items()
            )
        return self._one(field, name, value)

    def _one(self, field, name: str, value: Any) -> str:
        if isinstance(field, models.ForeignKey):
            return self._related_name(field.related_model, value)
        choices = field.base_field if isinstance(field, ArrayField) else field
        if choices is not None and choices.choices and isinstance(value, str):
            return str(dict(choices.flatchoices).get(value, value))
        if taxonomy.is_vocabulary(name) and isinstance(value, str):
            return taxonomy.term_label(name, value)
        if isinstance(field, models.DateTimeField) and isinstance(value, str):
            moment = parse_datetime(value)
            return date_format(timezone.localtime(moment), "DATETIME_FORMAT") if moment else value
        if isinstance(field, models.DateField) and isinstance(value, str):
            day = parse_date(value)
            return date_format(day, "DATE_FORMAT") if day else value
        return str(value)

    def _related_name(self, model: type[models.Model], pk: Any) -> str:
        key = (model, str(pk))
        if key not in self._related:
            found = model._default_manager.filter(pk=pk).first()
            if found is None:
                self._related[key] = str(pk)
            elif isinstance(found, User):
                self._related[key] = found.get_full_name() or str(found)
            else:
                self._related[key] = str(found)
        return self._related[key]


def history_entries(
    obj: models.Model,
    *,
    hidden_fields: Iterable[str] = (),
    actions: Mapping[str, str] | None = None,
    related: bool = False,
) -> list[dict]:
    """The object's pghistory events, newest first: when, who, what action, which changes as
    (field label, before, after) in words. With `related`, also the events of the tracked rows
    that point to it, each with its `subject` (the kind of row) and, added or removed, the
    row's fields as changes."""
    model = type(obj)
    hidden = ALWAYS_HIDDEN | set(hidden_fields)
    actions = actions or {}
    found = Events.objects.references(obj) if related else Events.objects.tracks(obj)
    events = list(found.order_by("-pgh_created_at", "-pgh_id"))
    user_ids = {int(user) for event in events if (user := (event.pgh_context or {}).get("user"))}
    people = User.objects.in_bulk(user_ids)
    labels: dict[type[models.Model], ValueLabels] = {}
    entries = []
    for event in events:
        tracked = apps.get_model(event.pgh_model).pgh_obj.field.related_model
        read = labels.setdefault(tracked, ValueLabels(tracked))
        context = event.pgh_context or {}
        own = tracked is model
        if own or event.pgh_label not in ("insert", "delete"):
            diff = sorted((event.pgh_diff or {}).items())
        else:
            # A row added or removed: what it held, before or after.
            row = {
                name: value
                for name, value in (event.pgh_data or {}).items()
                if name != "id" and not _points_to(tracked, name, obj)
            }
            added = event.pgh_label == "insert"
            diff = [
                (name, (None, value) if added else (value, None)) for name, value in row.items()
            ]
        changes = [
            (field_label(tracked, name), read(name, old), read(name, new))
            for name, (old, new) in diff
            if name not in hidden
        ]
        action = context.get("action")
        entries.append(
            {
                "when": event.pgh_created_at,
                "who": people.get(int(context["user"])) if context.get("user") else None,
                "action": actions.get(action, action) or event.pgh_label,
                "created": own and event.pgh_label == "insert",
                "subject": "" if own else capfirst(tracked._meta.verbose_name),
                "changes": changes,
            }
        )
    return entries


def _points_to(model: type[models.Model], name: str, obj: models.Model) -> bool:
    """Whether the field `name` of `model` is the foreign key to `obj`'s model (a member
    row's network, said once by the page it is on)."""
    field = _field(model, name)
    return isinstance(field, models.ForeignKey) and field.related_model is type(obj)


def history_view(
    model: type[models.Model],
    *,
    queryset: Callable[[Any], models.QuerySet],
    may_see: Callable[[Any, models.Model], bool] | None = None,
    refusal: str = "",  # the 403 page's message when may_see refuses
    hidden_fields: Iterable[str] = (),
    actions: Mapping[str, str] | None = None,
    related: bool = False,
    template_name: str = "core/history.html",
    lookup: str = "pk",
):
    """A view showing the history of the `model` object whose pk is in the URL. The object is
    looked up in `queryset(user)`, so one the user may not see is a 404; `may_see(user, obj)`
    (when given) then decides who of those sees its history (else a 403 saying `refusal`).
    `lookup` names the URL's argument and the field it finds the object by (a slug)."""

    @login_required
    def view(request, **kwargs):
        obj = get_object_or_404(queryset(request.user), **{lookup: kwargs[lookup]})
        if may_see is not None and not may_see(request.user, obj):
            raise PermissionDenied(refusal)
        entries = history_entries(
            obj, hidden_fields=hidden_fields, actions=actions, related=related
        )
        context = {
            "object": obj,
            "verbose_name": model._meta.verbose_name,
            "entries": entries,
        }
        return render(request, template_name, context)

    view.__name__ = view.__qualname__ = f"{model._meta.model_name}_history"
    return view
