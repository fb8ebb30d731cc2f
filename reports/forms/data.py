"""Forms of the data pages: indicators and periods (editors), a society's values for a period,
the CSV import and the completeness filter. They shape what the user typed for
reports.services, which checks every rule again (the API writes through the same functions)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core import taxonomy
from core.translations import TranslationsFormMixin
from reports.models import (
    GROUPS,
    Disaggregation,
    Indicator,
    ReportingPeriod,
    Unit,
)

__all__ = [
    "CompletenessFilterForm",
    "IndicatorForm",
    "PeriodForm",
    "SubmissionImportForm",
    "SubmissionValuesForm",
    "add_value_errors",
    "plain_number",
]


def _label(model, field_name: str) -> str:
    return capfirst(model._meta.get_field(field_name).verbose_name)


def _help(model, field_name: str) -> str:
    return model._meta.get_field(field_name).help_text


# Whole sentences, not "%(field)s in %(language)s": languages inflect and order them differently.
TRANSLATION_LABELS = {
    "fr": {
        "name": _("Name in French"),
        "definition": _("Definition in French"),
        "guidance": _("Collection guidance in French"),
    },
    "es": {
        "name": _("Name in Spanish"),
        "definition": _("Definition in Spanish"),
        "guidance": _("Collection guidance in Spanish"),
    },
    "ar": {
        "name": _("Name in Arabic"),
        "definition": _("Definition in Arabic"),
        "guidance": _("Collection guidance in Arabic"),
    },
}


class IndicatorForm(TranslationsFormMixin, forms.Form):
    translation_model = Indicator
    translation_labels = TRANSLATION_LABELS
    translation_rows = {"definition": 3, "guidance": 6}

    """An indicator as editors define it; saved through services.save_indicator."""

    code = forms.SlugField(
        label=_label(Indicator, "code"), max_length=60, help_text=_help(Indicator, "code")
    )
    name = forms.CharField(label=_label(Indicator, "name"), max_length=200)
    definition = forms.CharField(
        label=_label(Indicator, "definition"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What is counted, in one or two sentences."),
    )
    unit = forms.ChoiceField(
        label=_label(Indicator, "unit"),
        choices=Unit.choices,
        widget=forms.RadioSelect,
        initial=Unit.COUNT,
    )
    currency = forms.CharField(
        label=_label(Indicator, "currency"),
        max_length=3,
        required=False,
        help_text=_help(Indicator, "currency"),
        widget=forms.TextInput(
            attrs={"class": "input-short", "size": 5, "autocapitalize": "characters"}
        ),
    )
    disaggregations = forms.MultipleChoiceField(
        label=_label(Indicator, "disaggregations"),
        choices=Disaggregation.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Societies give the total and, where they know it, each group."),
    )
    guidance = forms.CharField(
        label=_label(Indicator, "guidance"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "How to count, what to include and exclude, which sources to use. Markdown works: "
            "lists starting with “-”, **bold**, and a blank line between paragraphs."
        ),
    )
    position = forms.IntegerField(
        label=_label(Indicator, "position"),
        min_value=0,
        max_value=32767,
        initial=0,
        help_text=_("Indicators are listed by position, then by code."),
    )
    active = forms.BooleanField(
        label=_("Active: offered for new periods and shown in the public guide"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, indicator: Indicator | None = None, **kwargs):
        self.indicator = indicator
        if indicator is not None and "initial" not in kwargs:
            initial = {name: getattr(indicator, name) for name in self.base_fields}
            initial.update(self.translation_initial(indicator.translations))
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.add_translation_fields()

    def english_fields(self):
        return [self[name] for name in self.base_fields]

    def indicator_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.base_fields}
        # Empty texts are left out by the service: the reader then sees English.
        data["translations"] = self.translations_data()
        return data


class IndicatorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, indicator):
        return f"{indicator.localized_name()} ({indicator.unit_label})"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PeriodForm(forms.Form):
    """A reporting period and its indicators; saved through services.save_period."""

    label = forms.CharField(
        label=_label(ReportingPeriod, "label"),
        max_length=60,
        help_text=_help(ReportingPeriod, "label"),
    )
    opens_on = forms.DateField(label=_label(ReportingPeriod, "opens_on"), widget=DateInput())
    closes_on = forms.DateField(
        label=_label(ReportingPeriod, "closes_on"),
        widget=DateInput(),
        help_text=_help(ReportingPeriod, "closes_on"),
    )
    # Not required here: the service explains that a period needs at least one indicator.
    indicators = IndicatorChoiceField(
        label=_("Indicators"),
        queryset=Indicator.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, period: ReportingPeriod | None = None, **kwargs):
        self.period = period
        if period is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "label": period.label,
                "opens_on": period.opens_on,
                "closes_on": period.closes_on,
                "indicators": [indicator.pk for indicator in period.indicators.all()],
            }
        super().__init__(*args, **kwargs)
        # Retired indicators are not offered for new periods, but a period keeps its own.
        offered = Q(active=True)
        if period is not None:
            offered |= Q(periods=period)
        self.fields["indicators"].queryset = Indicator.objects.filter(offered).distinct()

    def period_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("label", "opens_on", "closes_on")}


def plain_number(value: Decimal | None) -> str:
    """A stored value as a person would type it: 1250, 12.5 (no trailing zeros)."""
    if value is None:
        return ""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


class SubmissionValuesForm(forms.Form):
    """A society's values for every indicator of a period: `<code>-total`, one field per group
    the indicator offers (`<code>-sex_female` …) and `<code>-source_note`.

    The fields take text: the services parse and check the numbers, and whatever the user typed
    is shown again with the services' messages beside it.
    """

    def __init__(self, *args, indicators, values=(), read_only=False, **kwargs):
        self.indicators = list(indicators)
        self.read_only = read_only
        initial = {}
        for value in values:
            code = value.indicator.code
            initial[f"{code}-total"] = plain_number(value.total)
            for _d, _group, column, _label in value.indicator.groups():
                initial[f"{code}-{column}"] = plain_number(getattr(value, column))
            initial[f"{code}-source_note"] = value.source_note
        super().__init__(*args, initial=initial, **kwargs)
        number_attrs = {"inputmode": "decimal", "autocomplete": "off", "class": "value-input"}
        if read_only:
            number_attrs["readonly"] = True
        for indicator in self.indicators:
            code = indicator.code
            described_by = {"aria-describedby": f"unit-{code}"}
            self.fields[f"{code}-total"] = forms.CharField(
                label=_("Total"),
                required=False,
                widget=forms.TextInput(attrs={**number_attrs, **described_by}),
            )
            for _d, _group, column, label in indicator.groups():
                self.fields[f"{code}-{column}"] = forms.CharField(
                    label=label,
                    required=False,
                    widget=forms.TextInput(attrs={**number_attrs, **described_by}),
                )
            # A note is written in the society's language, whatever the page's.
            note_attrs = {"rows": 2, "dir": "auto"}
            if read_only:
                note_attrs["readonly"] = True
            self.fields[f"{code}-source_note"] = forms.CharField(
                label=_("Source"),
                required=False,
                strip=True,
                widget=forms.Textarea(attrs=note_attrs),
                help_text=""
                if read_only
                else _("Where the figures come from, and anything a reader should know."),
            )

    def service_values(self) -> dict[str, dict[str, str]]:
        """The values as services.save_values takes them: {code: {field: text}}."""
        values = {}
        for indicator in self.indicators:
            prefix = f"{indicator.code}-"
            values[indicator.code] = {
                name.removeprefix(prefix): self.cleaned_data.get(name, "")
                for name in self.fields
                if name.startswith(prefix)
            }
        return values

    def indicator_rows(self) -> list[dict]:
        """Per indicator: its total, its groups by disaggregation and its source note, as
        bound fields (they keep what was typed, and carry their errors)."""
        rows = []
        for indicator in self.indicators:
            code = indicator.code
            groups = [
                (
                    Disaggregation(disaggregation).label,
                    [self[f"{code}-{column}"] for _group, column, _label in GROUPS[disaggregation]],
                )
                for disaggregation in indicator.disaggregations
            ]
            rows.append(
                {
                    "indicator": indicator,
                    "total": self[f"{code}-total"],
                    "groups": groups,
                    "source_note": self[f"{code}-source_note"],
                    "has_errors": any(
                        self.errors.get(name) for name in self.fields if name.startswith(code + "-")
                    ),
                }
            )
        return rows

    def field_errors(self) -> list[tuple[str, str, list[str]]]:
        """(indicator name and field label, input id, messages) for the summary at the top."""
        summary = []
        for indicator in self.indicators:
            for name, field in self.fields.items():
                if name.startswith(indicator.code + "-") and self.errors.get(name):
                    label = f"{indicator.localized_name()} · {field.label}"
                    summary.append((label, self[name].auto_id, list(self.errors[name])))
        return summary


def add_value_errors(form: SubmissionValuesForm, error: ValidationError) -> None:
    """Shows the services' errors (keyed `<indicator code>.<field>`) beside their inputs; the
    others (a closed period, an indicator not in the period) at the top of the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, messages in error.message_dict.items():
        code, _dot, field = key.partition(".")
        name = f"{code}-{field}"
        form.add_error(name if name in form.fields else None, messages)


class SubmissionImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "One row per indicator; the first row names the columns, as in the template. A row "
            "replaces what is saved for its indicator, and a row with an empty total removes "
            "it; indicators without a row keep their values."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


class CompletenessFilterForm(forms.Form):
    region = forms.ChoiceField(label=_("Region"), required=False, choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("All regions")), *taxonomy.choices("region")]
