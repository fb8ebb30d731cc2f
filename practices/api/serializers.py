from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from core import taxonomy
from core.api.serializers import (
    FieldsBuiltOnceMixin,
    KnownFieldsMixin,
    ListedCodeField,
    ListedSlugRelatedField,
)
from core.audience import Visibility
from core.models import Country, NationalSociety, User
from core.taxonomy import Kind
from practices import permissions
from practices.models import (
    SECTIONS,
    SUMMARY_MAX_LENGTH,
    Attachment,
    Language,
    Practice,
    TargetGroup,
)
from practices.workflow import PRACTICE_WORKFLOW


class SocietyBriefSerializer(FieldsBuiltOnceMixin, serializers.ModelSerializer):
    country = serializers.CharField(source="country_id")
    label = serializers.CharField(read_only=True, help_text="The name in the request's language.")

    class Meta:
        model = NationalSociety
        fields = ["id", "slug", "name", "label", "country"]


class PracticeListSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:practice-detail")
    society = SocietyBriefSerializer(read_only=True)
    region = serializers.CharField(source="region_id", read_only=True, allow_null=True)

    class Meta:
        model = Practice
        fields = [
            "id",
            "url",
            "kind",
            "title",
            "summary",
            "society",
            "region",
            "countries",
            "steps",
            "dimensions",
            "support_types",
            "principles",
            "language",
            "visibility",
            "status",
            "published_at",
            "updated_at",
        ]
        read_only_fields = fields

    def to_representation(self, practice):
        # Lists are the API's hot path: the declared fields document the shape (and serve the
        # schema), this builds the same dictionary without per-field machinery or a URL
        # reversal per row.
        if self.__class__ not in (PracticeListSerializer, PracticeDetailSerializer):
            return super().to_representation(practice)
        base = self.context.get("practice_base_url")
        if base is None:
            base = self.context["request"].build_absolute_uri(reverse("api:practice-list"))
            self.context["practice_base_url"] = base
        society = practice.society
        return {
            "id": practice.pk,
            "url": f"{base}{practice.pk}/",
            "kind": practice.kind,
            "title": practice.title,
            "summary": practice.summary,
            "society": {
                "id": society.pk,
                "slug": society.slug,
                "name": society.name,
                "label": society.label,
                "country": society.country_id,
            },
            "region": practice.region_id,
            "countries": practice.countries,
            "steps": practice.steps,
            "dimensions": practice.dimensions,
            "support_types": practice.support_types,
            "principles": practice.principles,
            "language": practice.language,
            "visibility": practice.visibility,
            "status": practice.status,
            "published_at": DATETIME.to_representation(practice.published_at)
            if practice.published_at
            else None,
            "updated_at": DATETIME.to_representation(practice.updated_at),
        }


DATETIME = serializers.DateTimeField()


class AttachmentSerializer(FieldsBuiltOnceMixin, serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    name = serializers.CharField(source="original_name")

    class Meta:
        model = Attachment
        fields = ["id", "name", "content_type", "size", "url"]

    def get_url(self, attachment) -> str:
        return self.context["request"].build_absolute_uri(attachment.get_absolute_url())


class PracticeDetailSerializer(FieldsBuiltOnceMixin, PracticeListSerializer):
    page = serializers.SerializerMethodField()
    attachments = AttachmentSerializer(many=True, read_only=True)
    period = serializers.SerializerMethodField()
    rubric = serializers.SerializerMethodField()
    contact = serializers.SerializerMethodField()
    review = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField(
        help_text="The workflow steps the requester may take now (POST to the action's URL)."
    )

    class Meta(PracticeListSerializer.Meta):
        fields = [
            *PracticeListSerializer.Meta.fields,
            "page",
            "context",
            "activities",
            "results",
            "lessons",
            "replication",
            "partners",
            "links",
            "target_groups",
            "attachments",
            "contact",
            "period",
            "rubric",
            "featured",
            "submitted_tags",
            "review",
            "actions",
        ]
        read_only_fields = fields

    def to_representation(self, practice):
        # As for the list: the declared fields document the shape (and serve the schema);
        # this builds the same dictionary without copying and running forty fields, which was
        # a third of a practice's cost in Python.
        if self.__class__ is not PracticeDetailSerializer:
            return super().to_representation(practice)
        attachments = AttachmentSerializer(
            practice.attachments.all(), many=True, context=self.context
        )
        return {
            **PracticeListSerializer.to_representation(self, practice),
            "page": self.get_page(practice),
            **{name: getattr(practice, name) for name in SECTIONS},
            "partners": practice.partners,
            "links": list(practice.links),
            "target_groups": list(practice.target_groups),
            "attachments": attachments.data,
            "contact": self.get_contact(practice),
            "period": self.get_period(practice),
            "rubric": self.get_rubric(practice),
            "featured": practice.featured,
            "submitted_tags": practice.submitted_tags,
            "review": self.get_review(practice),
            "actions": self.get_actions(practice),
        }

    def get_page(self, practice) -> str:
        return self.context["request"].build_absolute_uri(practice.get_absolute_url())

    def get_period(self, practice) -> dict:
        return {
            "start_year": practice.start_year,
            "end_year": practice.end_year,
            "ongoing": practice.is_ongoing,
        }

    def get_rubric(self, practice) -> dict:
        return {
            "replicable": practice.replicable,
            "migrants_participated": practice.migrants_participated,
            "evaluated": practice.evaluated,
        }

    def get_contact(self, practice) -> dict | None:
        """The public contact email for everyone; the contact person's name and address for
        logged-in members of the movement."""
        user = self.context["request"].user
        contact = {"email": practice.contact_email or None}
        if practice.contact and permissions.can_see_contact_person(user):
            contact.update(
                name=practice.contact.get_full_name(), person_email=practice.contact.email
            )
        return contact if any(contact.values()) else None

    def get_actions(self, practice) -> list[str]:
        return PRACTICE_WORKFLOW.available_names(practice, self.context["request"].user)

    def get_review(self, practice) -> dict | None:
        """What the society and the editors see of the review: the editors' note, their tag
        corrections and a revision waiting for review. Nothing for other readers."""
        user = self.context["request"].user
        if not permissions.can_see_review(user, practice):
            return None
        return {
            "note": practice.review_note,
            "tag_corrections": practice.tag_corrections,
            "pending_revision": practice.pending_revision,
        }


class ContactField(serializers.PrimaryKeyRelatedField):
    """A user id. An id no account has is refused in the words the service uses for a person
    who is not a member of the society, so the answer does not tell whether an account exists."""

    default_error_messages = {
        **serializers.PrimaryKeyRelatedField.default_error_messages,
        "does_not_exist": gettext_lazy("The contact person must be a member of the society."),
    }


def code_list(vocabulary: str, **kwargs) -> serializers.ListField:
    """A list of taxonomy codes; unknown ones are refused with the other field errors."""
    child = serializers.ChoiceField(choices=sorted(taxonomy.codes(vocabulary)))
    return serializers.ListField(child=child, **kwargs)


class PracticeWriteSerializer(KnownFieldsMixin, serializers.Serializer):
    """The body of POST and PATCH. Shapes and lengths are checked here; codes, membership and
    permission by practices.services, whose errors come back as 400 naming the field."""

    society = ListedSlugRelatedField(
        slug_field="slug",
        queryset=NationalSociety.objects.all(),
        required=False,
        help_text="Slug; needed only for members of several societies.",
    )
    kind = serializers.ChoiceField(choices=Kind.choices)
    title = serializers.CharField(max_length=300)
    summary = serializers.CharField(max_length=SUMMARY_MAX_LENGTH)
    context = serializers.CharField(required=False, allow_blank=True)
    activities = serializers.CharField(required=False, allow_blank=True)
    results = serializers.CharField(required=False, allow_blank=True)
    lessons = serializers.CharField(required=False, allow_blank=True)
    replication = serializers.CharField(required=False, allow_blank=True)
    partners = serializers.CharField(required=False, allow_blank=True)
    links = serializers.ListField(child=serializers.URLField(max_length=500), required=False)
    # Checked against the countries table by the service.
    countries = serializers.ListField(
        child=ListedCodeField(queryset=Country.objects.all(), slug_field="iso3", max_length=3),
        allow_empty=False,
    )
    steps = code_list("steps", allow_empty=False)
    dimensions = code_list("dimensions", allow_empty=False)
    support_types = code_list("support_types", allow_empty=False)
    principles = code_list("principles", allow_empty=False)
    target_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=TargetGroup.choices), required=False
    )
    start_year = serializers.IntegerField(
        min_value=1950, max_value=2100, required=False, allow_null=True
    )
    end_year = serializers.IntegerField(
        min_value=1950, max_value=2100, required=False, allow_null=True
    )
    language = serializers.ChoiceField(choices=Language.choices, required=False)
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)
    contact = ContactField(queryset=User.objects.all(), required=False, allow_null=True)
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    replicable = serializers.BooleanField(required=False)
    migrants_participated = serializers.BooleanField(required=False)
    evaluated = serializers.BooleanField(required=False)
    featured = serializers.BooleanField(required=False)

    def validate(self, attrs):
        start, end = attrs.get("start_year"), attrs.get("end_year")
        if start and end and end < start:
            raise serializers.ValidationError(
                {"end_year": [_("The end year comes before the start year.")]}
            )
        return attrs


class NoteSerializer(KnownFieldsMixin, serializers.Serializer):
    note = serializers.CharField(max_length=4000)


class AttachmentUploadSerializer(KnownFieldsMixin, serializers.Serializer):
    file = serializers.FileField()
