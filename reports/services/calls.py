"""Calls for practices: opening one, announcing it, linking practices to it."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core import taxonomy
from core.models import User
from core.permissions import require_editor
from practices.models import Practice
from reports import notifications
from reports.models import (
    CallForPractices,
    Report,
)
from reports.permissions import linkable_practices, practices_that_may_answer

CALL_FILTERS = {name: taxonomy.codes(name) for name in ("step", "region", "principle")}


@transaction.atomic
def create_call(
    *,
    actor: User,
    title: str,
    deadline: datetime.date,
    filters: dict[str, list[str]],
    description: str = "",
    report: Report | None = None,
) -> CallForPractices:
    """An editor turns a gap into a call for practices; the focal points of the regions
    concerned are told (and emailed after commit; reports.notifications.call_audience says
    whom it reached)."""
    require_editor(actor)
    errors: dict[str, list[str]] = {}
    if not (title or "").strip():
        errors["title"] = [_("Give the call a title.")]
    if deadline is None:
        errors["deadline"] = [_("Give a deadline.")]
    elif deadline < timezone.localdate():
        errors["deadline"] = [_("The deadline cannot be in the past.")]
    cleaned = {}
    for name, values in (filters or {}).items():
        values = values if isinstance(values, list) else [values]
        if name not in CALL_FILTERS:
            errors[f"filters.{name}"] = [_("A call is about steps, regions or principles.")]
        elif not set(values).issubset(CALL_FILTERS[name]):
            errors[f"filters.{name}"] = [_("Unknown code.")]
        elif values:
            cleaned[name] = sorted(set(values))
    if errors:
        raise ValidationError(errors)
    call = CallForPractices.objects.create(
        title=title.strip(),
        description=(description or "").strip(),
        deadline=deadline,
        filters=cleaned,
        report=report,
        created_by=actor,
    )
    notifications.announce_call(call)
    return call


@transaction.atomic
def link_practice(*, call: CallForPractices, practice: Practice, actor: User) -> None:
    """A member of the practice's society (or an editor) links it to an open call it answers:
    it must have been submitted (or published) after the call opened."""
    if not linkable_practices(actor).filter(pk=practice.pk).exists():
        raise PermissionDenied(_("You may only link your own society's practices."))
    if not call.is_open():
        raise ValidationError(
            _("This call closed on %(date)s.") % {"date": date_format(call.deadline)}
        )
    if not practices_that_may_answer(call, actor).filter(pk=practice.pk).exists():
        raise ValidationError(
            _(
                "Only practices submitted while the call is open can answer it; submit this "
                "one first."
            )
        )
    call.practices.add(practice)


@transaction.atomic
def unlink_practice(*, call: CallForPractices, practice: Practice, actor: User) -> None:
    if not linkable_practices(actor).filter(pk=practice.pk).exists():
        raise PermissionDenied(_("You may only unlink your own society's practices."))
    call.practices.remove(practice)
