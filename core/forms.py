from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core import mfa, services
from core.models import NationalSociety


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Shows a service's ValidationError on the form, each message beside its field: the form's
    `field_for_error(key)` names it when the form has one, else its `service_field_names`
    mapping (a service's name for a field the form calls otherwise), else the key itself;
    messages for no field go to the top of the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    field_for_error = getattr(form, "field_for_error", None)
    renamed = getattr(form, "service_field_names", {})
    for key, messages in error.message_dict.items():
        name = field_for_error(key) if field_for_error is not None else renamed.get(key, key)
        form.add_error(name if name in form.fields else None, messages)


class SocietyChoiceField(forms.ModelChoiceField):
    """The societies by their names in the reader's language (NationalSociety.label)."""

    def __init__(self, **kwargs):
        super().__init__(queryset=NationalSociety.objects.select_related("country"), **kwargs)

    def __deepcopy__(self, memo):
        # Each form copies its fields when it is made, while a request's language is active:
        # the order is that language's, not the one active when the form class was defined.
        field = super().__deepcopy__(memo)
        field.queryset = field.queryset.order_by_label()
        return field


class SignupForm(forms.Form):
    """Extra sign-up fields (allauth calls `signup` once the user exists)."""

    full_name = forms.CharField(label=_("Full name"), max_length=200)
    society = SocietyChoiceField(
        label=_("Your National Society"),
        empty_label=_("Choose your National Society"),
        help_text=_(
            "A focal point of your society approves your request; addresses on your society's "
            "email domain are approved at once."
        ),
    )

    def signup(self, request, user):
        user.full_name = self.cleaned_data["full_name"]
        user.language = (get_language() or "en")[:2]
        user.save(update_fields=["full_name", "language"])
        services.request_membership(user=user, society=self.cleaned_data["society"])


class MembershipRequestForm(forms.Form):
    society = SocietyChoiceField(
        label=_("National Society"), empty_label=_("Choose a National Society")
    )


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    language = forms.ChoiceField(label=_("Language of emails"), choices=())

    def __init__(self, *args, **kwargs):
        from django.conf import settings

        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES


class EmailPreferencesForm(forms.Form):
    """The kinds of email a person receives; unticked ones are turned off (they stay in the
    person's notifications on the site)."""

    wanted = forms.MultipleChoiceField(
        label=_("Email me about"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, user, **kwargs):
        from core.notifications import kinds_one_can_turn_off

        kinds = kinds_one_can_turn_off()
        initial = {"wanted": [kind.code for kind in kinds if kind.code not in user.muted_kinds]}
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["wanted"].choices = [(kind.code, kind.label) for kind in kinds]

    def muted_kinds(self) -> list[str]:
        wanted = set(self.cleaned_data["wanted"])
        return [code for code, _label in self.fields["wanted"].choices if code not in wanted]


class SocietyProfileForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    email_domains = forms.CharField(
        label=_("Email domains"),
        required=False,
        help_text=_(
            "Separated by commas, e.g. redcross.example. Sign-ups at these domains join at once."
        ),
    )

    class Meta:
        model = NationalSociety
        fields = ["website", "email_domains"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["email_domains"] = ", ".join(self.instance.email_domains or [])

    def clean_email_domains(self):
        raw = self.cleaned_data["email_domains"]
        domains = [part.strip().lower().lstrip("@") for part in raw.split(",") if part.strip()]
        invalid = [d for d in domains if "." not in d or " " in d or "@" in d]
        if invalid:
            raise forms.ValidationError(
                _("Not a domain: %(domains)s"), params={"domains": ", ".join(invalid)}
            )
        return domains


class TokenCreateForm(forms.Form):
    """A new personal API token: its name, with the owner's password (and a code from their
    authenticator app, where they have one) asked again, so that a session left open is not
    enough to make a token that outlives it."""

    name = forms.CharField(
        label=_("Name of the token"),
        max_length=100,
        help_text=_("What it is for, e.g. the script or service that uses it."),
    )
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "size": 10}),
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = request.user
        self.has_second_factor = mfa.has_second_factor(self.user)
        self.second_factor_missing = (
            mfa.must_use_second_factor(self.user) and not self.has_second_factor
        )
        if not self.has_second_factor:
            del self.fields["code"]

    def clean(self):
        if self.second_factor_missing:
            raise forms.ValidationError(
                _("Editors and staff create tokens once two-factor authentication is on.")
            )
        return super().clean()

    def clean_password(self):
        # allauth's check: counted against the account's failed-login limit.
        from allauth.account.adapter import get_adapter

        password = self.cleaned_data["password"]
        adapter = get_adapter(self.request)
        if not adapter.reauthenticate(self.user, password):
            raise adapter.validation_error("incorrect_password")
        return password

    def clean_code(self):
        # allauth's own check of a code (or a recovery code): rate-limited, each code used once.
        from allauth.mfa.base.forms import BaseAuthenticateForm

        code_form = BaseAuthenticateForm(data={"code": self.cleaned_data["code"]}, user=self.user)
        if not code_form.is_valid():
            raise forms.ValidationError(code_form.errors["code"])
        return code_form.cleaned_data["code"]
