"""Indicators and reporting periods: editors write them."""

from __future__ import annotations

from typing import Any

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.models import User
from core.permissions import require_editor
from core.translations import clean_translations
from reports.models import (
    TRANSLATED_FIELDS,
    Indicator,
    ReportingPeriod,
    Unit,
)


def _clean_translations(translations: Any) -> dict[str, dict[str, str]]:
    try:
        return clean_translations(translations, fields=TRANSLATED_FIELDS)
    except ValidationError as error:
        raise ValidationError({"translations": error.messages}) from error


@transaction.atomic
def save_indicator(*, actor: User, data: dict[str, Any], indicator: Indicator | None = None):
    """Editors create or change an indicator. Its code cannot change once values use it.
    `translations` ({language: {field: text}}) replaces the indicator's text in the other
    languages as a whole."""
    require_editor(actor)
    if "translations" in data:
        data = {**data, "translations": _clean_translations(data["translations"])}
    indicator = indicator or Indicator()
    code_changes = indicator.pk and data.get("code", indicator.code) != indicator.code
    if code_changes and indicator.values.exists():
        raise ValidationError(
            {"code": _("Values were reported under this code; it can no longer change.")}
        )
    for field, value in data.items():
        setattr(indicator, field, value)
    if indicator.unit != Unit.CURRENCY:
        indicator.currency = ""
    indicator.currency = indicator.currency.upper()
    if indicator.unit == Unit.CURRENCY and not indicator.currency:
        raise ValidationError({"currency": _("Give the currency of the amounts, e.g. CHF.")})
    indicator.full_clean()
    with pghistory.context(user=actor.pk, action="save-indicator"):
        indicator.save()
    return indicator


@transaction.atomic
def save_period(
    *,
    actor: User,
    data: dict[str, Any],
    indicators: list[Indicator] | None = None,
    period: ReportingPeriod | None = None,
) -> ReportingPeriod:
    """Editors create or change a reporting period and choose its indicators."""
    require_editor(actor)
    period = period or ReportingPeriod()
    for field, value in data.items():
        setattr(period, field, value)
    errors = {}
    if period.opens_on and period.closes_on and period.closes_on < period.opens_on:
        errors["closes_on"] = [_("The period must close on or after the day it opens.")]
    if indicators is not None and not indicators:
        errors["indicators"] = [_("Choose at least one indicator.")]
    try:
        # Dates in the wrong order are explained above; the constraint would say it again,
        # in the database's words.
        period.full_clean(validate_constraints="closes_on" not in errors)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    with pghistory.context(user=actor.pk, action="save-period"):
        period.save()
    if indicators is not None:
        period.indicators.set(indicators)
    return period
