"""Forms of the report pages: asking for a report, calling for practices, answering a call.
They shape what the user typed for reports.services, which checks every rule again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core import taxonomy
from core.audience import Visibility
from core.models import NationalSociety
from practices.models import Language
from reports.models import ReportingPeriod, ReportKind

CHECKBOXES = forms.CheckboxSelectMultiple


class SocietyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, society):
        return society.name


class ReportRequestForm(forms.Form):
    """The question of a report: its kind, audience, gap threshold, period, and the filters
    the catalogue offers. `filters()` gives them as the services take them."""

    kind = forms.ChoiceField(
        label=_("Kind of report"),
        choices=ReportKind.choices,
        widget=forms.RadioSelect,
        initial=ReportKind.PRACTICES_OVERVIEW,
    )
    audience = forms.ChoiceField(
        label=_("Audience"),
        choices=Visibility.choices,
        widget=forms.RadioSelect,
        initial=Visibility.PUBLIC,
        help_text=_(
            "Only practices this audience may read are counted. A report for the IFRC stays "
            "with the editors."
        ),
    )
    threshold = forms.IntegerField(
        label=_("Gap threshold"),
        min_value=1,
        max_value=1000,
        initial=3,
        help_text=_("A step and region, or a principle, with fewer practices than this is a gap."),
    )
    period = forms.ModelChoiceField(
        label=_("Reporting period"),
        queryset=ReportingPeriod.objects.all(),
        required=False,
        empty_label=_("None"),
        help_text=_("For a data compilation only."),
    )
    region = forms.MultipleChoiceField(label=_("Region"), required=False, widget=CHECKBOXES)
    society = SocietyChoiceField(
        label=_("National Society"),
        queryset=NationalSociety.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("All National Societies"),
    )
    step = forms.MultipleChoiceField(
        label=_("Step of the trail"), required=False, widget=CHECKBOXES
    )
    principle = forms.MultipleChoiceField(label=_("Principle"), required=False, widget=CHECKBOXES)
    support_type = forms.MultipleChoiceField(
        label=_("Type of support"), required=False, widget=CHECKBOXES
    )
    dimension = forms.MultipleChoiceField(
        label=_("Dimension of resilience"), required=False, widget=CHECKBOXES
    )
    practice_kind = forms.MultipleChoiceField(
        label=_("Kind of practice"),
        required=False,
        widget=CHECKBOXES,
        choices=taxonomy.Kind.choices,
    )
    language = forms.MultipleChoiceField(
        label=_("Language"), required=False, widget=CHECKBOXES, choices=Language.choices
    )
    country = forms.MultipleChoiceField(
        label=_("Country"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Hold Ctrl (Cmd on a Mac) to choose several."),
    )
    q = forms.CharField(label=_("Words in the practices"), required=False, max_length=200)

    # Form field → the report filter it sets (the practice's kind is `kind` in the filters).
    FILTER_FIELDS = {
        "region": "region",
        "society": "society",
        "step": "step",
        "principle": "principle",
        "support_type": "support_type",
        "dimension": "dimension",
        "practice_kind": "kind",
        "language": "language",
        "country": "country",
        "q": "q",
    }
    DATA_FILTER_FIELDS = ["region", "society"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("region", "step", "principle", "support_type", "dimension"):
            self.fields[name].choices = taxonomy.choices(name)
        # Every ISO country: the filter accepts any of them.
        self.fields["country"].choices = taxonomy.country_choices()
        self.fields["society"].queryset = NationalSociety.objects.national_societies().order_by(
            "name"
        )

    def filters(self) -> dict[str, list[str]]:
        filters = {}
        for name, filter_name in self.FILTER_FIELDS.items():
            value = self.cleaned_data.get(name)
            if isinstance(value, NationalSociety):
                value = [value.slug]
            elif isinstance(value, str):
                value = [value.strip()] if value.strip() else []
            if value:
                filters[filter_name] = list(value)
        return filters

    def request_data(self) -> dict:
        """The keyword arguments of services.request_report."""
        return {
            "kind": self.cleaned_data["kind"],
            "audience": self.cleaned_data["audience"],
            "threshold": self.cleaned_data["threshold"],
            "period": self.cleaned_data.get("period"),
            "filters": self.filters(),
        }

    def field_for_error(self, key: str) -> str | None:
        """The field that shows a service error keyed `filters.<name>` or by field name."""
        if key.startswith("filters."):
            wanted = key.removeprefix("filters.")
            for name, filter_name in self.FILTER_FIELDS.items():
                if filter_name == wanted:
                    return name
            return None
        return key if key in self.fields else None

    def fieldsets(self):
        groups = [
            (_("The report"), ["kind", "audience", "threshold", "period"]),
            (
                _("Which practices or societies"),
                [
                    "region",
                    "society",
                    "step",
                    "principle",
                    "support_type",
                    "dimension",
                    "practice_kind",
                    "language",
                    "country",
                    "q",
                ],
            ),
        ]
        return [(legend, [self[name] for name in names]) for legend, names in groups]


class CallForm(forms.Form):
    """An editors' call for practices on a gap: step and region, or principle."""

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What kind of practice is wanted, and why."),
    )
    deadline = forms.DateField(
        label=_("Deadline"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The last day on which a practice can answer the call."),
    )
    step = forms.MultipleChoiceField(
        label=_("Step of the trail"), required=False, widget=CHECKBOXES
    )
    region = forms.MultipleChoiceField(label=_("Region"), required=False, widget=CHECKBOXES)
    principle = forms.MultipleChoiceField(label=_("Principle"), required=False, widget=CHECKBOXES)
    report = forms.IntegerField(required=False, widget=forms.HiddenInput)

    FILTER_FIELDS = ["step", "region", "principle"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("step", "region", "principle"):
            self.fields[name].choices = taxonomy.choices(name)
        self.fields["region"].help_text = _(
            "The focal points of these regions' societies are emailed; with none chosen, all."
        )

    def filters(self) -> dict[str, list[str]]:
        return {
            name: list(self.cleaned_data[name])
            for name in self.FILTER_FIELDS
            if self.cleaned_data.get(name)
        }

    def field_for_error(self, key: str) -> str | None:
        key = key.removeprefix("filters.")
        return key if key in self.fields else None


class LinkPracticeForm(forms.Form):
    """A member answers a call with one of their society's practices."""

    practice = forms.ChoiceField(label=_("Your practice"))

    def __init__(self, *args, practices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practice"].choices = [(practice.pk, practice.title) for practice in practices]
