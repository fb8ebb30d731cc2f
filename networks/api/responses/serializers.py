from django.urls import reverse
from rest_framework import serializers

from core.api.serializers import KnownFieldsMixin, ListedCodeField, ListedSlugRelatedField
from core.audience import Visibility, may_read
from core.models import Country, NationalSociety
from core.translations import translated
from networks.models import (
    Level,
    Network,
    ParticipantRole,
    Response,
    ResponseParticipant,
    ResponseUpdate,
    Route,
)
from networks.models.responses import SUMMARY_MAX_LENGTH
from networks.services.responses import TEXT_MAX_LENGTH
from networks.workflow import PARTICIPANT_WORKFLOW, RESPONSE_WORKFLOW
from practices.api.serializers import SocietyBriefSerializer, code_list

DATETIME = serializers.DateTimeField()
ROLE_CHOICES = [ParticipantRole.PARTICIPANT, ParticipantRole.SUPPORTER]


class ResponseNetworkSerializer(serializers.ModelSerializer):
    class Meta:
        model = Network
        fields = ["id", "slug", "name"]


def _society(society) -> dict:
    return {
        "id": society.pk,
        "slug": society.slug,
        "name": society.name,
        "label": society.label,
        "country": society.country_id,
    }


class ResponseListSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    lead_society = SocietyBriefSerializer(read_only=True)
    network = ResponseNetworkSerializer(read_only=True, allow_null=True)
    route = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    title_translated = serializers.SerializerMethodField(
        help_text="The title in the request's language (English where it has none)."
    )

    class Meta:
        model = Response
        fields = [
            "id",
            "url",
            "title",
            "title_translated",
            "summary",
            "lead_society",
            "network",
            "route",
            "level",
            "countries",
            "regions",
            "steps",
            "support_types",
            "principles",
            "status",
            "start_date",
            "end_date",
            "visibility",
            "created_at",
        ]
        read_only_fields = fields

    def get_url(self, response) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("api:response-detail", args=[response.pk])
        )

    def get_title_translated(self, response) -> str:
        return translated(response, "title")

    def to_representation(self, response):
        # Lists are a hot path: the same dictionary as the declared fields, without per-field
        # machinery or a URL reversal per row.
        if self.__class__ is not ResponseListSerializer:
            return super().to_representation(response)
        base = self.context.get("response_base_url")
        if base is None:
            base = self.context["request"].build_absolute_uri(reverse("api:response-list"))
            self.context["response_base_url"] = base
        network = response.network
        return {
            "id": response.pk,
            "url": f"{base}{response.pk}/",
            "title": response.title,
            "title_translated": translated(response, "title"),
            "summary": response.summary,
            "lead_society": _society(response.lead_society),
            "network": {"id": network.pk, "slug": network.slug, "name": network.name}
            if network
            else None,
            "route": response.route.slug if response.route_id else None,
            "level": response.level,
            "countries": response.countries,
            "regions": response.regions,
            "steps": response.steps,
            "support_types": response.support_types,
            "principles": response.principles,
            "status": response.status,
            "start_date": response.start_date.isoformat() if response.start_date else None,
            "end_date": response.end_date.isoformat() if response.end_date else None,
            "visibility": response.visibility,
            "created_at": DATETIME.to_representation(response.created_at),
        }


class ResponseParticipantSerializer(serializers.ModelSerializer):
    society = SocietyBriefSerializer(read_only=True)
    actions = serializers.SerializerMethodField(
        help_text="The steps the requester may take on this place now (POST to the response's "
        "`answer` or `role`)."
    )

    class Meta:
        model = ResponseParticipant
        fields = ["id", "society", "role", "status", "invited", "joined_on", "actions"]
        read_only_fields = fields

    def get_actions(self, place) -> list[str]:
        return PARTICIPANT_WORKFLOW.available_names(place, self.context["request"].user)


class ResponseUpdateSerializer(serializers.ModelSerializer):
    society = SocietyBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = ResponseUpdate
        fields = ["id", "happened_on", "body", "people_reached", "society", "created_at"]
        read_only_fields = fields


class ResponseDetailSerializer(ResponseListSerializer):
    page = serializers.SerializerMethodField()
    translations = serializers.JSONField(read_only=True)
    participants = serializers.SerializerMethodField()
    updates = serializers.SerializerMethodField()
    practices = serializers.SerializerMethodField()
    contact = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField(
        help_text="The workflow steps the requester may take now (POST to the action's URL)."
    )

    class Meta(ResponseListSerializer.Meta):
        fields = [
            *ResponseListSerializer.Meta.fields,
            "page",
            "objectives",
            "translations",
            "decision_note",
            "endorsed_at",
            "participants",
            "updates",
            "practices",
            "contact",
            "actions",
        ]
        read_only_fields = fields

    def get_page(self, response) -> str:
        return self.context["request"].build_absolute_uri(response.get_absolute_url())

    def get_participants(self, response) -> list[dict]:
        """The societies taking part, for everyone; those asked or invited, for whoever may
        answer and for the society itself."""
        user = self.context["request"].user
        mine = user.approved_society_ids if user.is_authenticated else frozenset()
        shown = []
        for place in response.participants.all():
            place.response = response
            if place.status == "accepted" or (
                place.status in ("requested", "invited")
                and (place.society_id in mine or PARTICIPANT_WORKFLOW.available(place, user))
            ):
                shown.append(place)
        return ResponseParticipantSerializer(shown, many=True, context=self.context).data

    def get_updates(self, response) -> list[dict]:
        return ResponseUpdateSerializer(
            response.updates.all(), many=True, context=self.context
        ).data

    def get_practices(self, response) -> list[dict]:
        from practices.models import Practice

        practices = (
            Practice.objects.visible_to(self.context["request"].user)
            .published()
            .filter(response_link__response=response)
            .only("id", "title")
            .order_by("title")
        )
        request = self.context["request"]
        return [
            {
                "id": practice.pk,
                "title": practice.title,
                "url": request.build_absolute_uri(
                    reverse("api:practice-detail", args=[practice.pk])
                ),
            }
            for practice in practices
        ]

    def get_contact(self, response) -> dict | None:
        """The public contact email for everyone; the contact person for members of the
        movement."""
        contact = {"email": response.contact_email or None}
        if response.contact and may_read(self.context["request"].user, Visibility.MOVEMENT):
            contact.update(
                name=response.contact.get_full_name(), person_email=response.contact.email
            )
        return contact if any(contact.values()) else None

    def get_actions(self, response) -> list[str]:
        return RESPONSE_WORKFLOW.available_names(response, self.context["request"].user)


class ResponseTextsSerializer(KnownFieldsMixin, serializers.Serializer):
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    summary = serializers.CharField(max_length=SUMMARY_MAX_LENGTH, required=False, allow_blank=True)


class ResponseTextsByLanguageSerializer(KnownFieldsMixin, serializers.Serializer):
    fr = ResponseTextsSerializer(required=False)
    es = ResponseTextsSerializer(required=False)
    ar = ResponseTextsSerializer(required=False)


class ResponseWriteSerializer(KnownFieldsMixin, serializers.Serializer):
    """The body of POST: a focal point proposes a response their society leads (`society`,
    needed when they speak for several); an editor launches one the Secretariat leads and may
    `invite` societies. Codes and rules are checked by networks.services.responses, whose
    errors come back as 400 naming the field."""

    society = ListedSlugRelatedField(
        slug_field="slug",
        queryset=NationalSociety.objects.all(),
        required=False,
        help_text="The lead society's slug; for focal points of several societies.",
    )
    title = serializers.CharField(max_length=200)
    summary = serializers.CharField(max_length=SUMMARY_MAX_LENGTH)
    objectives = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True)
    translations = ResponseTextsByLanguageSerializer(required=False)
    level = serializers.ChoiceField(choices=Level.choices)
    network = ListedSlugRelatedField(
        slug_field="slug", queryset=Network.objects.all(), required=False, allow_null=True
    )
    route = ListedSlugRelatedField(
        slug_field="slug", queryset=Route.objects.all(), required=False, allow_null=True
    )
    countries = serializers.ListField(
        child=ListedCodeField(queryset=Country.objects.all(), slug_field="iso3", max_length=3),
        allow_empty=False,
    )
    steps = code_list("steps", allow_empty=False)
    support_types = code_list("support_types", allow_empty=False)
    principles = code_list("principles", allow_empty=False)
    start_date = serializers.DateField(required=False, allow_null=True)
    end_date = serializers.DateField(required=False, allow_null=True)
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    # Slugs, not an enum of the societies: the schema lists those once, under `society`.
    invite = serializers.ListField(
        child=serializers.SlugField(max_length=80),
        required=False,
        help_text="Editors: the slugs of the National Societies invited at once.",
    )


class ResponseEditSerializer(ResponseWriteSerializer):
    """The body of PATCH: the fields to change, each as in POST; those left out keep their
    values. The lead society and the societies taking part do not change here."""

    society = None
    invite = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, partial=True, **kwargs)


class DecisionNoteSerializer(KnownFieldsMixin, serializers.Serializer):
    note = serializers.CharField(max_length=TEXT_MAX_LENGTH)


class ResponseJoinSerializer(KnownFieldsMixin, serializers.Serializer):
    society = ListedSlugRelatedField(
        slug_field="slug",
        queryset=NationalSociety.objects.all(),
        required=False,
        help_text="The society that asks; needed for focal points of several.",
    )
    role = serializers.ChoiceField(choices=ROLE_CHOICES, required=False)
    note = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True)


class ResponseInviteSerializer(KnownFieldsMixin, serializers.Serializer):
    society = ListedSlugRelatedField(slug_field="slug", queryset=NationalSociety.objects.all())
    role = serializers.ChoiceField(choices=ROLE_CHOICES, required=False)
    note = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True)


class ResponseAnswerSerializer(KnownFieldsMixin, serializers.Serializer):
    society = ListedSlugRelatedField(
        slug_field="slug",
        queryset=NationalSociety.objects.all(),
        help_text="The society whose request or invitation is answered.",
    )
    decision = serializers.ChoiceField(choices=["accept", "decline"])
    note = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True)


class ResponseRoleSerializer(KnownFieldsMixin, serializers.Serializer):
    society = ListedSlugRelatedField(slug_field="slug", queryset=NationalSociety.objects.all())
    role = serializers.ChoiceField(choices=ROLE_CHOICES)


class ResponseUpdateWriteSerializer(KnownFieldsMixin, serializers.Serializer):
    happened_on = serializers.DateField()
    body = serializers.CharField(max_length=TEXT_MAX_LENGTH)
    people_reached = serializers.IntegerField(min_value=0, required=False, allow_null=True)


class ResponsePracticeLinkSerializer(KnownFieldsMixin, serializers.Serializer):
    practice = serializers.IntegerField(min_value=1, help_text="The id of the practice.")
