"""The form of a network's own description, for editors (who create networks) and its
coordinators (who edit theirs). It collects what is typed; networks.services.networks decides,
and its refusals are shown beside the fields (core.forms.add_service_errors)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core import taxonomy
from core.forms import SocietyChoiceField
from core.translations import TranslationsFormMixin
from networks.models import Network
from networks.route_forms import TRANSLATION_LABELS
from networks.services.networks import SLUG_MAX_LENGTH

FIELDS = ("name", "slug", "description", "kind", "regions", "host_society")


class NetworkForm(TranslationsFormMixin, forms.Form):
    translation_model = Network
    translation_labels = TRANSLATION_LABELS
    translation_rows = {"description": 6}

    name = forms.CharField(label=_("Name"), max_length=200, help_text=_("In English."))
    slug = forms.SlugField(
        label=_("Slug"),
        max_length=SLUG_MAX_LENGTH,
        required=False,
        help_text=_(
            "The network's address: /networks/<slug>/. Left empty, it is made from the name. "
            "It does not change once the network exists."
        ),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        help_text=_("In English."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=Network.Kind.choices, widget=forms.RadioSelect
    )
    regions = forms.MultipleChoiceField(
        label=_("Regions covered"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: the network is shown as covering all regions."),
    )
    host_society = SocietyChoiceField(
        label=_("Host society"), required=False, empty_label=_("No host society")
    )

    def __init__(self, *args, network=None, **kwargs):
        bound = (args[0] if args else kwargs.get("data")) is not None
        if network is not None and not bound:
            kwargs.setdefault("initial", {})
            kwargs["initial"].update(
                name=network.name,
                description=network.description,
                kind=network.kind,
                regions=list(network.regions),
                host_society=network.host_society_id,
                **self.translation_initial(network.translations),
            )
        super().__init__(*args, **kwargs)
        self.network = network
        if network is not None:
            # The slug is the network's address, fixed when it was created.
            del self.fields["slug"]
        self.fields["regions"].choices = taxonomy.choices("region")
        self.fields["host_society"].queryset = self.fields[
            "host_society"
        ].queryset.national_societies()
        self.add_translation_fields()

    def main_fields(self):
        return [self[name] for name in FIELDS if name in self.fields]

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in FIELDS if name in self.fields}
        if not data.get("slug"):
            data.pop("slug", None)
        data["translations"] = self.translations_data()
        return data
