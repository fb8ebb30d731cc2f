from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core import taxonomy
from core.models import Membership, NationalSociety, User, user_is_editor
from core.permissions import societies_acted_for
from core.uploads import validate_upload
from practices.models import (
    SECTIONS,
    SUMMARY_MAX_LENGTH,
    TAG_FIELDS,
    Language,
    Practice,
    Status,
    TargetGroup,
)
from practices.services import CONTENT_FIELDS, EDITORIAL_FIELDS

MARKDOWN_HINT = _(
    "Markdown works: **bold**, *italic*, lists starting with “-”, [a link](https://…), "
    "and a blank line between paragraphs."
)


def _label(field_name):
    return capfirst(Practice._meta.get_field(field_name).verbose_name)


class ContactChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return f"{user.get_full_name()} ({user.email})" if user.full_name else user.email


def _section_field(name: str) -> forms.CharField:
    """One of the five Markdown sections of a practice."""
    return forms.CharField(
        label=_label(name),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=MARKDOWN_HINT,
    )


class PracticeForm(forms.Form):
    """Every field of a practice a society writes, plus the editors' rubric; the services
    check the rules again (the API writes through them too)."""

    # The services name the uploaded file `file`; the form calls its field `attachment`.
    service_field_names = {"file": "attachment"}

    society = forms.ModelChoiceField(
        label=_("National Society"), queryset=NationalSociety.objects.none()
    )
    kind = forms.ChoiceField(label=_label("kind"), choices=taxonomy.Kind.choices)
    title = forms.CharField(label=_label("title"), max_length=300)
    summary = forms.CharField(
        label=_label("summary"),
        max_length=SUMMARY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Plain text, at most 600 characters: what the practice is, in a few lines."),
    )
    context = _section_field("context")
    activities = _section_field("activities")
    results = _section_field("results")
    lessons = _section_field("lessons")
    replication = _section_field("replication")
    partners = forms.CharField(
        label=_label("partners"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    links = forms.CharField(
        label=_label("links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One web address per line, starting with https://"),
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries where it runs"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (Cmd on a Mac) to choose several."),
    )
    steps = forms.MultipleChoiceField(
        label=_label("steps"), widget=forms.CheckboxSelectMultiple, choices=()
    )
    dimensions = forms.MultipleChoiceField(
        label=_label("dimensions"), widget=forms.CheckboxSelectMultiple, choices=()
    )
    support_types = forms.MultipleChoiceField(
        label=_label("support_types"), widget=forms.CheckboxSelectMultiple, choices=()
    )
    principles = forms.MultipleChoiceField(
        label=_("Principles of the IFRC Policy on Migration"),
        widget=forms.CheckboxSelectMultiple,
        choices=(),
    )
    target_groups = forms.MultipleChoiceField(
        label=_label("target_groups"),
        widget=forms.CheckboxSelectMultiple,
        choices=TargetGroup.choices,
        required=False,
    )
    start_year = forms.IntegerField(
        label=_label("start_year"), min_value=1950, max_value=2100, required=False
    )
    end_year = forms.IntegerField(
        label=_label("end_year"),
        min_value=1950,
        max_value=2100,
        required=False,
        help_text=_("Leave empty while the practice is ongoing."),
    )
    language = forms.ChoiceField(
        label=_("Language of this text"), choices=Language.choices, initial=Language.ENGLISH
    )
    visibility = forms.ChoiceField(
        label=_("Who may read it once published"),
        choices=Practice._meta.get_field("visibility").choices,
        widget=forms.RadioSelect,
        initial="public",
    )
    contact = ContactChoiceField(
        label=_label("contact"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("No contact person"),
        help_text=_("A member of the society. Only logged-in members see their email address."),
    )
    contact_email = forms.EmailField(
        label=_label("contact_email"),
        required=False,
        help_text=_("Shown to everyone who can read the practice."),
    )
    replicable = forms.BooleanField(label=_label("replicable"), required=False)
    migrants_participated = forms.BooleanField(
        label=_label("migrants_participated"), required=False
    )
    evaluated = forms.BooleanField(label=_label("evaluated"), required=False)
    featured = forms.BooleanField(label=_label("featured"), required=False)
    attachment = forms.FileField(
        label=_("Add an attachment"),
        required=False,
        help_text=_("PDF, DOCX, XLSX, PPTX, PNG or JPEG, at most 20 MB."),
    )

    def __init__(self, *args, user, practice=None, **kwargs):
        self.user = user
        self.practice = practice
        self.is_editor = user_is_editor(user)
        if practice is not None and "initial" not in kwargs:
            kwargs["initial"] = self._initial_from(practice)
        elif practice is None:
            kwargs.setdefault("initial", {"contact": user.pk})
        super().__init__(*args, **kwargs)
        for name in TAG_FIELDS:
            self.fields[name].choices = taxonomy.choices(name)
        # Only the countries of the reference data: the ones the services accept.
        self.fields["countries"].choices = taxonomy.country_choices(known_only=True)

        societies = self._society_choices()
        if societies is None:
            del self.fields["society"]
        else:
            self.fields["society"].queryset = societies
        contacts = self._contact_choices(societies)
        if contacts is None:
            del self.fields["contact"]
        else:
            self.fields["contact"].queryset = contacts
        if not self.is_editor:
            for name in EDITORIAL_FIELDS:
                del self.fields[name]

    def _initial_from(self, practice):
        initial = {name: getattr(practice, name) for name in CONTENT_FIELDS + EDITORIAL_FIELDS}
        initial["contact"] = practice.contact_id
        if practice.pending_revision and not self.is_editor:
            # The society goes on editing its revision, not the text readers see.
            initial.update(practice.pending_revision)
        initial["links"] = "\n".join(initial["links"] or [])
        return initial

    def _society_choices(self):
        """A new practice's society is asked only of editors and of members of several."""
        if self.practice is not None:
            return None
        if self.is_editor:
            return NationalSociety.objects.national_societies().order_by_label()
        if len(self.user.approved_society_ids) > 1:
            return societies_acted_for(self.user)
        return None

    def _contact_choices(self, societies):
        if self.practice is not None:
            society_ids = [self.practice.society_id]
        else:
            society_ids = list(self.user.approved_society_ids)
        if not society_ids:
            return None
        members = Membership.objects.approved().filter(society_id__in=society_ids)
        return User.objects.filter(is_active=True, memberships__in=members).distinct()

    def clean_links(self):
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        validate = URLValidator(schemes=["http", "https"])
        invalid = []
        for line in lines:
            try:
                validate(line)
            except ValidationError:
                invalid.append(line)
        if invalid:
            raise ValidationError(
                _("Not a web address: %(links)s"), params={"links": ", ".join(invalid)}
            )
        return lines

    def clean_attachment(self):
        # Checked before anything is saved, so a wrong file leaves the practice unchanged and
        # the form as typed; add_attachment checks it again with the same rule.
        upload = self.cleaned_data.get("attachment")
        if upload:
            try:
                validate_upload(upload)
            except ValidationError as error:
                raise ValidationError(error.messages) from error
        return upload

    def note_dropped_attachment(self) -> None:
        """A browser never sends a chosen file again: when the form comes back with errors,
        the file chosen this time is lost, so its field says to choose it again (unless the
        file's own error already says what is wrong with it)."""
        upload = self.files.get("attachment") if self.is_bound else None
        if upload and self.errors and "attachment" not in self.errors:
            self.add_error(
                "attachment",
                _(
                    "Choose %(name)s again before saving: a file is not kept while the form "
                    "has errors."
                )
                % {"name": upload.name},
            )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The end year comes before the start year."))
        return cleaned

    def practice_data(self) -> dict:
        """What the services take: the content fields, and the rubric for editors."""
        names = CONTENT_FIELDS + (EDITORIAL_FIELDS if self.is_editor else [])
        return {name: self.cleaned_data[name] for name in names if name in self.fields}

    def fieldsets(self):
        """The fields in groups for the page, each group a fieldset with its legend."""
        groups = [
            (
                _("About the practice"),
                ["society", "kind", "title", "summary", "language", "visibility"],
            ),
            (_("The practice, section by section"), [*SECTIONS, "partners", "links"]),
            (
                _("Where, for whom, and when"),
                [
                    "countries",
                    "steps",
                    "principles",
                    "support_types",
                    "dimensions",
                    "target_groups",
                    "start_year",
                    "end_year",
                ],
            ),
            (_("Contact"), ["contact", "contact_email"]),
            (_("Editors only"), EDITORIAL_FIELDS),
        ]
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in groups
            if any(name in self.fields for name in names)
        ]

    @property
    def edit_waits_for_review(self) -> bool:
        return (
            self.practice is not None
            and self.practice.status == Status.PUBLISHED
            and not self.is_editor
        )
