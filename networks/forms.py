"""The forms of the network pages: a society's side (ask to join, leave), the network's side
(invite, answer a request, remove a member) and the editors' (appoint a coordinator). Each
passes what it cleaned to a networks.services function, whose refusals it shows beside the
field at fault (core.forms.add_service_errors)."""

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core import taxonomy
from core.audience import Visibility
from core.forms import SocietyChoiceField
from core.models import NationalSociety, User
from core.permissions import focal_point_societies
from core.translations import TranslationsFormMixin
from networks.models import Level, Network, ParticipantRole, Response, ResponseUpdate, Route
from networks.models.responses import SUMMARY_MAX_LENGTH
from networks.services.networks import MESSAGE_MAX_LENGTH
from practices.models import Practice


class MessageMixin(forms.Form):
    message = forms.CharField(
        label=_("Message (optional)"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class JoinForm(MessageMixin):
    """A focal point asks for one of their societies to join (the only one, or the one they
    choose)."""

    society = SocietyChoiceField(label=_("Society"))

    def __init__(self, *args, user, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["society"].queryset = (
            focal_point_societies(user)
            .exclude(network_memberships__network=network)
            .select_related("country")
            .order_by_label()
        )
        self.order_fields(["society", "message"])


class InviteForm(MessageMixin):
    society = SocietyChoiceField(label=_("Society to invite"))

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["society"].queryset = (
            self.fields["society"]
            .queryset.national_societies()
            .exclude(network_memberships__network=network)
            .order_by_label()
        )
        self.order_fields(["society", "message"])


class AnswerForm(forms.Form):
    # The workflow calls a step's text its note.
    service_field_names = {"note": "reason"}

    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AppointForm(forms.Form):
    email = forms.EmailField(label=_("Email address of the person to appoint"))
    service_field_names = {"user": "email"}

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("Nobody with this address is registered."))
        self.user = user
        return email


# --- Cross-national responses ---------------------------------------------------------------------
# The forms of the response pages: proposing (or, for editors, launching) a response, posting
# an update, asking to join, inviting, giving a role and naming the response a practice came
# from. Each passes what it cleaned to networks.services.responses, whose refusals it shows
# beside the field at fault (core.forms.add_service_errors).


ROLE_CHOICES = [
    (ParticipantRole.PARTICIPANT, ParticipantRole.PARTICIPANT.label),
    (ParticipantRole.SUPPORTER, ParticipantRole.SUPPORTER.label),
]


def _label(model, name: str) -> str:
    return capfirst(model._meta.get_field(name).verbose_name)


class ResponseForm(TranslationsFormMixin, forms.Form):
    """A new response: a focal point proposes one their society leads; an editor launches one
    the IFRC Secretariat leads and may invite societies at once. Given `response`, the same
    fields edit it, filled in from it; its lead and the societies in it do not change here."""

    translation_model = Response
    translation_labels = {
        "fr": {"title": _("Title in French"), "summary": _("Summary in French")},
        "es": {"title": _("Title in Spanish"), "summary": _("Summary in Spanish")},
        "ar": {"title": _("Title in Arabic"), "summary": _("Summary in Arabic")},
    }
    translation_rows = {"summary": 3}

    society = forms.ModelChoiceField(
        label=_("Lead society"), queryset=NationalSociety.objects.none()
    )
    title = forms.CharField(label=_label(Response, "title"), max_length=200)
    summary = forms.CharField(
        label=_label(Response, "summary"),
        max_length=SUMMARY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Plain text, at most 600 characters."),
    )
    objectives = forms.CharField(
        label=_label(Response, "objectives"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the response sets out to do. Markdown: **bold**, lists with -."),
    )
    level = forms.ChoiceField(
        label=_label(Response, "level"), choices=Level.choices, widget=forms.RadioSelect
    )
    network = forms.ModelChoiceField(
        label=_label(Response, "network"),
        queryset=Network.objects.order_by("name"),
        required=False,
        empty_label=_("No network"),
        help_text=_("A regional response's network endorses it."),
    )
    route = forms.ModelChoiceField(
        label=_label(Response, "route"),
        queryset=Route.objects.order_by("name"),
        required=False,
        empty_label=_("No route"),
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (Cmd on a Mac) to choose several."),
    )
    steps = forms.MultipleChoiceField(
        label=_label(Response, "steps"), widget=forms.CheckboxSelectMultiple, choices=()
    )
    support_types = forms.MultipleChoiceField(
        label=_label(Response, "support_types"), widget=forms.CheckboxSelectMultiple, choices=()
    )
    principles = forms.MultipleChoiceField(
        label=_("Principles of the IFRC Policy on Migration"),
        widget=forms.CheckboxSelectMultiple,
        choices=(),
    )
    start_date = forms.DateField(
        label=_label(Response, "start_date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end_date = forms.DateField(
        label=_label(Response, "end_date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    visibility = forms.ChoiceField(
        label=_("Who may read it once endorsed"),
        choices=Visibility.choices,
        widget=forms.RadioSelect,
        initial=Visibility.PUBLIC,
    )
    contact_email = forms.EmailField(label=_label(Response, "contact_email"), required=False)
    invite = forms.ModelMultipleChoiceField(
        label=_("Invite these societies"),
        queryset=NationalSociety.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Their focal points are told and answer the invitation."),
    )

    def __init__(self, data=None, *args, user, launching: bool, response=None, **kwargs):
        if response is not None and data is None:
            kwargs["initial"] = {**response_initial(response), **kwargs.get("initial", {})}
            kwargs["initial"].update(self.translation_initial(response.translations))
        super().__init__(data, *args, **kwargs)
        self.launching = launching
        if response is not None:
            del self.fields["society"], self.fields["invite"]
        elif launching:
            del self.fields["society"]
            self.fields["invite"].queryset = (
                NationalSociety.objects.national_societies()
                .select_related("country")
                .order_by_label()
            )
        else:
            del self.fields["invite"]
            self.fields["society"].queryset = (
                focal_point_societies(user).national_societies().order_by_label()
            )
        self.fields["countries"].choices = taxonomy.country_choices(known_only=True)
        for name in ("steps", "support_types", "principles"):
            self.fields[name].choices = taxonomy.choices(name)
        self.add_translation_fields()

    def main_fields(self) -> list:
        """The fields in English and the rest, before the per-language fieldsets."""
        translated = {
            f"{field}_{language}"
            for _legend, fields in self.translation_sections()
            for bound in fields
            for field, language in [bound.name.rsplit("_", 1)]
        }
        return [bound for bound in self.visible_fields() if bound.name not in translated]

    def response_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in RESPONSE_FORM_FIELDS}
        data["translations"] = self.translations_data()
        return data


RESPONSE_FORM_FIELDS = (
    "title",
    "summary",
    "objectives",
    "level",
    "network",
    "route",
    "countries",
    "steps",
    "support_types",
    "principles",
    "start_date",
    "end_date",
    "visibility",
    "contact_email",
)


def response_initial(response: Response) -> dict:
    """The form's values as the response has them (related rows by their id)."""
    initial = {
        name: getattr(response, name)
        for name in RESPONSE_FORM_FIELDS
        if name not in ("network", "route")
    }
    return {**initial, "network": response.network_id, "route": response.route_id}


class UpdateForm(forms.Form):
    happened_on = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The day it happened (not after today)."),
    )
    body = forms.CharField(
        label=_label(ResponseUpdate, "body"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown: **bold**, lists with -."),
    )
    people_reached = forms.IntegerField(
        label=_label(ResponseUpdate, "people_reached"), min_value=0, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["happened_on"].initial = timezone.localdate()


class ResponseJoinForm(forms.Form):
    """A focal point asks for one of their societies to join: the only one, or one they
    choose."""

    society = forms.ModelChoiceField(label=_("Society"), queryset=NationalSociety.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES)
    note = forms.CharField(
        label=_("Message (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["society"].queryset = (
            focal_point_societies(user).national_societies().order_by_label()
        )


class ResponseInviteForm(forms.Form):
    society = SocietyChoiceField(label=_("Society to invite"))
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES)
    note = forms.CharField(
        label=_("Message (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["society"].queryset = self.fields["society"].queryset.national_societies()


class PracticeLinkForm(forms.Form):
    """One of the practices the user edits, of a society taking part."""

    practice = forms.ModelChoiceField(label=_("Practice"), queryset=Practice.objects.none())

    def __init__(self, *args, user, response, **kwargs):
        super().__init__(*args, **kwargs)
        taking_part = response.participants.filter(status="accepted").values("society_id")
        self.fields["practice"].queryset = (
            Practice.objects.editable_by(user)
            .filter(society_id__in=taking_part, response_link__isnull=True)
            .only("id", "title")
            .order_by("title")
        )
