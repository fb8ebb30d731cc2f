"""Forms of the adaptation pages. They read and show; advocacy.services.adaptations checks
again and decides (its field errors come back beside the fields, core.forms.add_service_errors)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from advocacy.grid import CellState
from core.audience import Visibility
from core.models import NationalSociety, Region

OTHER = "other"


class AdaptationCreateForm(forms.Form):
    society = forms.ModelChoiceField(
        label=_("National Society"), queryset=NationalSociety.objects.none()
    )
    language = forms.ChoiceField(label=_("Language of the adaptation"), widget=forms.RadioSelect)
    other_language = forms.CharField(
        label=_("Other language: its code"),
        max_length=35,
        required=False,
        help_text=_("A BCP 47 code such as “it” (Italian), “pt-BR” or “sw”."),
    )
    title = forms.CharField(
        label=_("Title of your adaptation"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the guideline's title."),
    )

    def __init__(self, *args, societies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            *[(code, name) for code, name in settings.LANGUAGES],
            (OTHER, _("Another language (give its code)")),
        ]
        # Asked only of members of several societies; the view takes the only one otherwise.
        if len(societies) > 1:
            self.fields["society"].queryset = societies
        else:
            del self.fields["society"]

    def field_for_error(self, key: str) -> str:
        if key == "language" and self.data.get("language") == OTHER:
            return "other_language"
        return key

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("language") == OTHER and not cleaned.get("other_language", "").strip():
            self.add_error("other_language", _("Give the code of the language."))
        return cleaned

    def language_code(self) -> str:
        if self.cleaned_data["language"] == OTHER:
            return self.cleaned_data["other_language"]
        return self.cleaned_data["language"]


def parameter_field(key: str) -> str:
    return f"parameter_{key}"


def section_field(key: str) -> str:
    return f"section_{key}"


class AdaptationForm(forms.Form):
    """The adaptation's own texts, one field per parameter of its version and per section the
    version lets a society rewrite."""

    title = forms.CharField(label=_("Title of your adaptation"), max_length=200, required=False)
    visibility = forms.ChoiceField(
        label=_("Who may read it once published"), choices=Visibility.choices
    )
    departure_note = forms.CharField(
        label=_("Why your adaptation departs from the source, where it does"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, adaptation, **kwargs):
        super().__init__(*args, **kwargs)
        self.adaptation = adaptation
        values = {value.parameter_key: value.text for value in adaptation.parameter_values.all()}
        rewritten = {section.section_key: section.text for section in adaptation.sections.all()}
        self.initial.setdefault("title", adaptation.title)
        self.initial.setdefault("visibility", adaptation.visibility)
        self.initial.setdefault("departure_note", adaptation.departure_note)
        self.parameters = list(adaptation.version.parameters.all())
        for parameter in self.parameters:
            name = parameter_field(parameter.key)
            help_text = parameter.guidance
            if parameter.required:
                help_text = f"{_('Required before you submit.')} {help_text}".strip()
            self.fields[name] = forms.CharField(
                label=parameter.label,
                required=False,
                help_text=help_text,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.initial.setdefault(name, values.get(parameter.key, ""))
        self.sections = [
            section for section in adaptation.version.sections.all() if section.adaptable
        ]
        for section in self.sections:
            name = section_field(section.key)
            self.fields[name] = forms.CharField(
                label=_("Your text for “%(heading)s”") % {"heading": section.heading},
                required=False,
                help_text=_("Leave empty to keep the guideline's text."),
                widget=forms.Textarea(attrs={"rows": 6}),
            )
            self.initial.setdefault(name, rewritten.get(section.key, ""))

    def field_for_error(self, key: str) -> str | None:
        if key.startswith("parameters."):
            return parameter_field(key.removeprefix("parameters."))
        if key.startswith("sections."):
            return section_field(key.removeprefix("sections."))
        return key

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "visibility": data["visibility"],
            "departure_note": data["departure_note"],
            "parameters": {
                parameter.key: data[parameter_field(parameter.key)] for parameter in self.parameters
            },
            "sections": {
                section.key: data[section_field(section.key)] for section in self.sections
            },
        }

    def parameter_fields(self):
        return [self[parameter_field(parameter.key)] for parameter in self.parameters]


class GridFilterForm(forms.Form):
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All regions"),
    )
    state = forms.ChoiceField(label=_("State"), required=False)

    def __init__(self, *args, states=CellState.choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("Every state")), *states]
