"""Forms of the advocacy pages. They shape what is typed; advocacy.services checks the rules
again (the API writes through the same functions)."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from advocacy.models import ChangeLevel, Guideline, Parameter, Section, TranslationLanguage
from advocacy.models.guidelines import TAG_FIELDS
from core import taxonomy
from core.audience import Visibility
from core.forms import SocietyChoiceField
from core.translations import TranslationsFormMixin

MARKDOWN_HINT = _(
    "Markdown works: **bold**, *italic*, lists starting with “-”, and a blank line between "
    "paragraphs."
)
KEY_HINT = _(
    "Lower-case letters, digits and hyphens. The key stays the same in later versions, so "
    "translations and adaptations follow the section."
)


def _label(model, name):
    return capfirst(model._meta.get_field(name).verbose_name)


class GuidelineForm(TranslationsFormMixin, forms.Form):
    translation_model = Guideline
    translation_labels = {
        "fr": {"title": _("Title in French"), "summary": _("Summary in French")},
        "es": {"title": _("Title in Spanish"), "summary": _("Summary in Spanish")},
        "ar": {"title": _("Title in Arabic"), "summary": _("Summary in Arabic")},
    }
    translation_rows = {"summary": 4}

    title = forms.CharField(label=_("Title"), max_length=200)
    slug = forms.SlugField(
        label=_("Address"),
        max_length=80,
        required=False,
        help_text=_("The last part of the page's address; made from the title when empty."),
    )
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    principles = forms.MultipleChoiceField(
        label=_("Principles of the IFRC Policy on Migration"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    steps = forms.MultipleChoiceField(
        label=_("Steps of the trail"), widget=forms.CheckboxSelectMultiple, required=False
    )
    support_types = forms.MultipleChoiceField(
        label=_("Types of support"), widget=forms.CheckboxSelectMultiple, required=False
    )
    visibility = forms.ChoiceField(
        label=_("Who may read it once published"),
        choices=Visibility.choices,
        widget=forms.RadioSelect,
        initial=Visibility.PUBLIC,
    )
    allows_self_approval = forms.BooleanField(
        label=_("A society's focal point may approve its own adaptation"), required=False
    )
    endorsements_closed = forms.BooleanField(label=_("Endorsement is closed"), required=False)

    def __init__(self, *args, guideline: Guideline | None = None, **kwargs):
        if guideline is not None and "initial" not in kwargs:
            initial = {
                name: getattr(guideline, name)
                for name in [
                    "title",
                    "slug",
                    "summary",
                    *TAG_FIELDS,
                    "visibility",
                    "allows_self_approval",
                    "endorsements_closed",
                ]
            }
            initial.update(self.translation_initial(guideline.translations))
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        for name in TAG_FIELDS:
            self.fields[name].choices = taxonomy.choices(name)
        self.add_translation_fields()

    def main_fields(self) -> list:
        """The guideline's own fields (its texts in other languages come in fieldsets)."""
        return [self[name] for name in self.base_fields]

    def guideline_data(self) -> dict:
        data = {
            name: self.cleaned_data[name]
            for name in [
                "title",
                "summary",
                *TAG_FIELDS,
                "visibility",
                "allows_self_approval",
                "endorsements_closed",
            ]
        }
        if self.cleaned_data["slug"]:
            data["slug"] = self.cleaned_data["slug"]
        data["translations"] = self.translations_data()
        return data


class SectionForm(forms.Form):
    key = forms.SlugField(label=_("Key"), max_length=60, help_text=KEY_HINT)
    heading = forms.CharField(label=_label(Section, "heading"), max_length=200)
    body = forms.CharField(
        label=_label(Section, "body"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=MARKDOWN_HINT,
    )
    adaptable = forms.BooleanField(
        label=_("Societies may rewrite this section in their adaptation"), required=False
    )
    key_message = forms.BooleanField(label=_("A key message societies may endorse"), required=False)

    def __init__(self, *args, section: Section | None = None, **kwargs):
        if section is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                name: getattr(section, name)
                for name in ["key", "heading", "body", "adaptable", "key_message"]
            }
        super().__init__(*args, **kwargs)
        if section is not None:
            # The key names the section in every version: it is not renamed.
            self.fields["key"].disabled = True

    def section_data(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ["heading", "body", "adaptable", "key_message"]
        }


class ParameterForm(forms.Form):
    key = forms.SlugField(label=_("Key"), max_length=60, help_text=KEY_HINT)
    label = forms.CharField(label=_label(Parameter, "label"), max_length=200)
    guidance = forms.CharField(
        label=_label(Parameter, "guidance"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What a society should write here."),
    )
    required = forms.BooleanField(label=_("A society must fill it in"), required=False)
    may_depart = forms.BooleanField(label=_("Its text may depart from the source"), required=False)

    def __init__(self, *args, parameter: Parameter | None = None, **kwargs):
        if parameter is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                name: getattr(parameter, name)
                for name in ["key", "label", "guidance", "required", "may_depart"]
            }
        super().__init__(*args, **kwargs)
        if parameter is not None:
            self.fields["key"].disabled = True

    def parameter_data(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ["label", "guidance", "required", "may_depart"]
        }


class PublishForm(forms.Form):
    change_level = forms.ChoiceField(
        label=_("How much does this version change?"),
        choices=ChangeLevel.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Substantive: translations of the changed sections need an update and societies' "
            "adaptations of earlier versions are outdated. Editorial: nothing has to be redone."
        ),
    )
    change_note = forms.CharField(
        label=_("Change note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What changed, in a few words, for translators and societies."),
    )


class TranslationForm(forms.Form):
    heading = forms.CharField(label=_("Translated heading"), max_length=200, required=False)
    text = forms.CharField(label=_("Translated text"), widget=forms.Textarea(attrs={"rows": 10}))

    def __init__(self, *args, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        direction = "rtl" if language == "ar" else "ltr"
        for field in self.fields.values():
            field.widget.attrs.update({"lang": language, "dir": direction})


class DiffForm(forms.Form):
    """Two version numbers of one guideline (`from`, `to`: Python keywords, so by name)."""

    def __init__(self, *args, numbers: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(number, _("Version %(number)d") % {"number": number}) for number in numbers]
        self.fields["from"] = forms.TypedChoiceField(label=_("From"), choices=choices, coerce=int)
        self.fields["to"] = forms.TypedChoiceField(label=_("To"), choices=choices, coerce=int)


class TranslatorForm(forms.Form):
    society = SocietyChoiceField(label=_("National Society"))
    language = forms.ChoiceField(label=_("Language"), choices=TranslationLanguage.choices)
