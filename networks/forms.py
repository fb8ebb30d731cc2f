"""The forms of the network pages: a society's side (ask to join, leave), the network's side
(invite, answer a request, remove a member) and the editors' (appoint a coordinator). Each
passes what it cleaned to a networks.services function, whose refusals it shows beside the
field at fault (core.forms.add_service_errors)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import SocietyChoiceField
from core.models import User
from core.permissions import focal_point_societies
from networks.services.networks import MESSAGE_MAX_LENGTH


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
