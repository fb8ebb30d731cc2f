"""What the networks API answers and what its writes take. Names and descriptions are in the
request's language (Accept-Language or ?lang), English where no translation is written."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api.serializers import KnownFieldsMixin, ListedSlugRelatedField
from core.models import NationalSociety
from networks.models import Network, NetworkCoordinator, NetworkMember, NetworkRequest
from networks.services.networks import MESSAGE_MAX_LENGTH
from networks.workflow import NETWORK_REQUEST_WORKFLOW


class NetworkSocietySerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)
    country = serializers.CharField(source="country_id", read_only=True)
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = NationalSociety
        fields = ["slug", "name", "label", "country", "region"]


class NetworkListSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:network-detail", lookup_field="slug")
    page = serializers.SerializerMethodField()
    label = serializers.CharField(
        source="localized_name", read_only=True, help_text="The name in the request's language."
    )
    host_society = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    member_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Network
        fields = [
            "slug",
            "name",
            "label",
            "kind",
            "regions",
            "host_society",
            "member_count",
            "url",
            "page",
        ]

    def get_page(self, network) -> str:
        return self.context["request"].build_absolute_uri(network.get_absolute_url())


class MemberSerializer(serializers.ModelSerializer):
    society = NetworkSocietySerializer(read_only=True)

    class Meta:
        model = NetworkMember
        fields = ["society", "joined_on"]


class CoordinatorSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="user.get_full_name", read_only=True)

    class Meta:
        model = NetworkCoordinator
        fields = ["id", "name", "appointed_at"]


class NetworkRequestSerializer(serializers.ModelSerializer):
    network = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    society = NetworkSocietySerializer(read_only=True)
    steps = serializers.SerializerMethodField(
        help_text="The steps the requester may take on it now (approve, decline, accept, withdraw)."
    )

    class Meta:
        model = NetworkRequest
        fields = [
            "id",
            "network",
            "society",
            "kind",
            "status",
            "message",
            "reason",
            "created_at",
            "decided_at",
            "steps",
        ]

    def get_steps(self, network_request) -> list[str]:
        user = self.context["request"].user
        return NETWORK_REQUEST_WORKFLOW.available_names(network_request, user)


class NetworkDetailSerializer(NetworkListSerializer):
    description = serializers.CharField(
        source="localized_description",
        read_only=True,
        help_text="The description in the request's language.",
    )
    members = MemberSerializer(many=True, read_only=True)
    coordinators = CoordinatorSerializer(many=True, read_only=True)

    class Meta(NetworkListSerializer.Meta):
        fields = [
            *NetworkListSerializer.Meta.fields,
            "description",
            "translations",
            "members",
            "coordinators",
        ]


def _societies():
    return NationalSociety.objects.national_societies()


class SocietyChoiceSerializer(KnownFieldsMixin, serializers.Serializer):
    society = ListedSlugRelatedField(
        slug_field="slug", queryset=_societies(), help_text=_("The society, by its slug.")
    )


class JoinSerializer(SocietyChoiceSerializer):
    message = serializers.CharField(
        required=False, allow_blank=True, max_length=MESSAGE_MAX_LENGTH, default=""
    )


class StepSerializer(KnownFieldsMixin, serializers.Serializer):
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=MESSAGE_MAX_LENGTH,
        default="",
        help_text=_("Why: required to decline a request to join."),
    )


class AppointSerializer(KnownFieldsMixin, serializers.Serializer):
    email = serializers.EmailField(help_text=_("The address of the person to appoint."))


class NetworkWriteSerializer(KnownFieldsMixin, serializers.Serializer):
    """The body of POST (editors) and PATCH (editors and the network's coordinators). Region
    codes, the English name and the slug's uniqueness are checked by networks.services (a 400
    naming the field); the slug is given at creation only."""

    slug = serializers.SlugField(
        max_length=80,
        required=False,
        help_text=_("The network's address, set at creation; made from the name when left out."),
    )
    name = serializers.CharField(max_length=200, help_text=_("In English."))
    description = serializers.CharField(required=False, allow_blank=True)
    translations = serializers.DictField(
        child=serializers.DictField(child=serializers.CharField(allow_blank=True)),
        required=False,
        help_text='{"fr": {"name": "...", "description": "..."}, "es": ..., "ar": ...}',
    )
    kind = serializers.ChoiceField(choices=Network.Kind.choices)
    regions = serializers.ListField(
        child=serializers.CharField(max_length=40),
        required=False,
        help_text=_("Region codes: africa, americas, asia-pacific, europe, mena."),
    )
    host_society = ListedSlugRelatedField(
        slug_field="slug",
        queryset=_societies(),
        required=False,
        allow_null=True,
        help_text=_("The host society, by its slug; null for none."),
    )
