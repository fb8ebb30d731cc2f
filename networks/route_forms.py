"""Forms of routes and support offers: they collect what is typed; the services decide
(their ValidationErrors are shown beside the fields by core.forms.add_service_errors)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core import taxonomy
from core.audience import Visibility
from core.forms import SocietyChoiceField
from core.translations import TranslationsFormMixin
from networks.models import ContactsVisibility, Network, Route, SupportOffer
from networks.services.routes import STOP_STEPS
from networks.vocabulary import TargetGroup, language_choices

TRANSLATION_LABELS = {
    "fr": {"name": _("Name in French"), "description": _("Description in French")},
    "es": {"name": _("Name in Spanish"), "description": _("Description in Spanish")},
    "ar": {"name": _("Name in Arabic"), "description": _("Description in Arabic")},
}


class OfferForm(TranslationsFormMixin, forms.Form):
    translation_model = SupportOffer
    translation_labels = TRANSLATION_LABELS
    translation_rows = {"description": 4}

    society = SocietyChoiceField(label=_("National Society"), required=False)
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    country = forms.ChoiceField(label=_("Country"))
    place = forms.CharField(
        label=_("Place"), max_length=200, required=False, help_text=_("A town or an area, if any.")
    )
    latitude = forms.DecimalField(
        label=_("Latitude"), required=False, max_digits=8, decimal_places=5
    )
    longitude = forms.DecimalField(
        label=_("Longitude"), required=False, max_digits=8, decimal_places=5
    )
    steps = forms.MultipleChoiceField(
        label=_("Steps of the trail"), widget=forms.CheckboxSelectMultiple
    )
    support_types = forms.MultipleChoiceField(
        label=_("Types of support"), widget=forms.CheckboxSelectMultiple
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"), required=False, widget=forms.CheckboxSelectMultiple
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    phone = forms.CharField(label=_("Phone"), max_length=60, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    website = forms.URLField(
        label=_("Web address"), max_length=500, required=False, assume_scheme="https"
    )
    address = forms.CharField(
        label=_("Address"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    opening_hours = forms.CharField(label=_("Opening hours"), max_length=300, required=False)
    free_of_charge = forms.BooleanField(label=_("Free of charge"), required=False, initial=True)
    visibility = forms.ChoiceField(label=_("Who sees the offer"), choices=Visibility.choices)
    contacts_visibility = forms.ChoiceField(
        label=_("Who sees the contacts"), choices=ContactsVisibility.choices
    )

    FIELDSETS = [
        (_("The offer"), ["society", "name", "description"]),
        (_("Where"), ["country", "place", "latitude", "longitude"]),
        (_("For whom and what"), ["steps", "support_types", "target_groups", "languages"]),
        (
            _("How to reach it"),
            ["phone", "email", "website", "address", "opening_hours", "free_of_charge"],
        ),
        (_("Audience"), ["visibility", "contacts_visibility"]),
    ]

    def __init__(self, *args, offer=None, societies=None, **kwargs):
        if offer is not None and not args:
            kwargs.setdefault("initial", {})
            kwargs["initial"].update(
                {
                    field: getattr(offer, field)
                    for fields in [names for _legend, names in self.FIELDSETS]
                    for field in fields
                    if field not in ("society", "country")
                }
            )
            kwargs["initial"]["country"] = offer.country_id
            kwargs["initial"].update(self.translation_initial(offer.translations))
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Choose a country")), *taxonomy.country_choices()]
        self.fields["steps"].choices = taxonomy.choices("step")
        self.fields["support_types"].choices = taxonomy.choices("support_type")
        self.fields["target_groups"].choices = TargetGroup.choices
        self.fields["languages"].choices = language_choices()
        # Whoever acts for one society writes its offers; editors and people of several
        # societies say whose offer it is. An edit keeps its society.
        if offer is not None or societies is None or len(societies) <= 1:
            del self.fields["society"]
        else:
            self.fields["society"].queryset = self.fields["society"].queryset.filter(
                pk__in=[society.pk for society in societies]
            )
            self.fields["society"].required = True
        self.add_translation_fields()

    def fieldsets(self):
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in self.FIELDSETS
        ]

    def service_data(self) -> dict:
        data = {
            name: self.cleaned_data[name]
            for _legend, names in self.FIELDSETS
            for name in names
            if name in self.fields and name != "society"
        }
        data["translations"] = self.translations_data()
        return data


class RouteForm(TranslationsFormMixin, forms.Form):
    translation_model = Route
    translation_labels = TRANSLATION_LABELS
    translation_rows = {"description": 4}

    name = forms.CharField(label=_("Name"), max_length=200)
    slug = forms.SlugField(
        label=_("Slug"),
        max_length=80,
        required=False,
        help_text=_("The route's address: /routes/<slug>/. Left empty, it is made from the name."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    networks = forms.ModelMultipleChoiceField(
        label=_("Linked networks"),
        queryset=Network.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The coordinators of a linked network edit the route."),
    )

    def __init__(self, *args, route=None, networks=None, **kwargs):
        if route is not None and not args:
            kwargs.setdefault("initial", {})
            kwargs["initial"].update(
                name=route.name,
                slug=route.slug,
                description=route.description,
                networks=list(route.networks.all()),
                **self.translation_initial(route.translations),
            )
        super().__init__(*args, **kwargs)
        self.fields["networks"].queryset = (
            networks if networks is not None else Network.objects.all()
        )
        self.add_translation_fields()

    def main_fields(self):
        return [self[name] for name in ("name", "slug", "description", "networks")]

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in ("name", "description", "networks")}
        if self.cleaned_data["slug"]:
            data["slug"] = self.cleaned_data["slug"]
        data["translations"] = self.translations_data()
        return data


class StopForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), required=False)
    steps = forms.MultipleChoiceField(
        label=_("Steps of the trail"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("No stop")), *taxonomy.country_choices()]
        self.fields["steps"].choices = [
            (code, taxonomy.term_label("step", code)) for code in STOP_STEPS
        ]


# Rows left blank are no stop; three blank rows let an editor add stops without JavaScript.
StopFormSet = forms.formset_factory(StopForm, extra=3, max_num=40, absolute_max=60)


def stops_data(formset) -> list[dict]:
    """The stops typed, in order, leaving out rows with neither a country nor a step."""
    return [
        {
            "country": form.cleaned_data.get("country", ""),
            "steps": form.cleaned_data.get("steps", []),
        }
        for form in formset.forms
        if form.cleaned_data.get("country") or form.cleaned_data.get("steps")
    ]
