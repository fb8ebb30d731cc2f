"""Routes and support offers in the API. Reads show contacts as
networks.permissions.offer_contacts allows; write bodies check shapes and lengths here, and
codes, contacts and permission in networks.services (their errors come back as 400 naming the
field)."""

from django.conf import settings
from rest_framework import serializers

from core import taxonomy
from core.api.serializers import KnownFieldsMixin, ListedSlugRelatedField
from core.audience import Visibility
from core.models import NationalSociety
from networks.models import ContactsVisibility, Network, OfferStatus, Route, SupportOffer
from networks.permissions import offer_contacts
from networks.vocabulary import SPOKEN_LANGUAGES, TargetGroup
from practices.api.serializers import SocietyBriefSerializer, code_list


class ContactsSerializer(serializers.Serializer):
    phone = serializers.CharField()
    email = serializers.CharField()
    website = serializers.CharField()
    address = serializers.CharField()


class OfferSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:offer-detail")
    page = serializers.SerializerMethodField(help_text="The offer's page on the site.")
    label = serializers.CharField(read_only=True, help_text="The name in the request's language.")
    society = SocietyBriefSerializer(read_only=True)
    country = serializers.CharField(source="country_id", read_only=True)
    contacts = serializers.SerializerMethodField(
        help_text="Empty texts where the reader may not see the contacts (movement only)."
    )
    contacts_hidden = serializers.SerializerMethodField()
    stale = serializers.SerializerMethodField(
        help_text="Not confirmed for longer than the site's freshness age."
    )

    class Meta:
        model = SupportOffer
        fields = [
            "id",
            "url",
            "page",
            "name",
            "label",
            "description",
            "translations",
            "society",
            "country",
            "place",
            "latitude",
            "longitude",
            "steps",
            "support_types",
            "target_groups",
            "languages",
            "contacts",
            "contacts_visibility",
            "contacts_hidden",
            "opening_hours",
            "free_of_charge",
            "status",
            "visibility",
            "last_confirmed_on",
            "stale",
            "updated_at",
        ]
        read_only_fields = fields

    def get_page(self, offer) -> str:
        return settings.SITE_URL + offer.get_absolute_url()

    def get_contacts(self, offer) -> ContactsSerializer:
        return offer_contacts(self.context["request"].user, offer)

    def get_contacts_hidden(self, offer) -> bool:
        shown = offer_contacts(self.context["request"].user, offer)
        return any(getattr(offer, field) and not shown[field] for field in shown)

    def get_stale(self, offer) -> bool:
        return offer.is_stale()


class OfferWriteSerializer(KnownFieldsMixin, serializers.Serializer):
    """The body of POST and PATCH. Give at least one of phone, email, website and address."""

    society = ListedSlugRelatedField(
        slug_field="slug",
        queryset=NationalSociety.objects.all(),
        required=False,
        help_text="Slug; needed only for editors and members of several societies.",
    )
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True)
    translations = serializers.DictField(
        child=serializers.DictField(child=serializers.CharField(allow_blank=True)),
        required=False,
        help_text='{"fr": {"name": "...", "description": "..."}, "es": ..., "ar": ...}',
    )
    # Checked against the countries table by the service (a 400 naming the field).
    country = serializers.CharField(max_length=3, help_text="ISO 3166 alpha-3 code.")
    place = serializers.CharField(max_length=200, required=False, allow_blank=True)
    latitude = serializers.DecimalField(
        max_digits=8, decimal_places=5, min_value=-90, max_value=90, required=False, allow_null=True
    )
    longitude = serializers.DecimalField(
        max_digits=8,
        decimal_places=5,
        min_value=-180,
        max_value=180,
        required=False,
        allow_null=True,
    )
    steps = code_list("steps", allow_empty=False)
    support_types = code_list("support_types", allow_empty=False)
    target_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=TargetGroup.choices), required=False
    )
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=sorted(SPOKEN_LANGUAGES)),
        allow_empty=False,
        help_text="ISO 639-1 codes.",
    )
    phone = serializers.CharField(max_length=60, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    website = serializers.URLField(max_length=500, required=False, allow_blank=True)
    address = serializers.CharField(required=False, allow_blank=True)
    opening_hours = serializers.CharField(max_length=300, required=False, allow_blank=True)
    free_of_charge = serializers.BooleanField(required=False)
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)
    contacts_visibility = serializers.ChoiceField(
        choices=ContactsVisibility.choices, required=False
    )


class OfferStatusSerializer(KnownFieldsMixin, serializers.Serializer):
    status = serializers.ChoiceField(choices=OfferStatus.choices)


class StopSerializer(serializers.Serializer):
    position = serializers.IntegerField(read_only=True)
    country = serializers.CharField(max_length=3)
    country_name = serializers.CharField(read_only=True)
    # The trail's step codes (the service refuses across-the-trail at a stop: a 400).
    steps = code_list("steps", help_text="Steps of the trail at this stop.")


class RouteSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:route-detail", lookup_field="slug")
    page = serializers.SerializerMethodField(help_text="The route's trail view on the site.")
    label = serializers.SerializerMethodField(help_text="The name in the request's language.")
    networks = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    stops = serializers.SerializerMethodField()

    class Meta:
        model = Route
        fields = [
            "id",
            "slug",
            "url",
            "page",
            "name",
            "label",
            "description",
            "translations",
            "networks",
            "is_demo",
            "stops",
            "updated_at",
        ]
        read_only_fields = fields

    def get_page(self, route) -> str:
        return settings.SITE_URL + route.get_absolute_url()

    def get_label(self, route) -> str:
        return route.label

    def get_stops(self, route) -> StopSerializer(many=True):
        return [
            {
                "position": stop.position,
                "country": stop.country_id,
                "country_name": taxonomy.term_label("country", stop.country_id),
                "steps": stop.steps,
            }
            for stop in route.stops.all()
        ]


class RouteWriteSerializer(KnownFieldsMixin, serializers.Serializer):
    """The body of POST and PATCH; `stops`, when given, replaces the route's stops in order."""

    name = serializers.CharField(max_length=200)
    slug = serializers.SlugField(max_length=80, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    translations = serializers.DictField(
        child=serializers.DictField(child=serializers.CharField(allow_blank=True)),
        required=False,
    )
    networks = ListedSlugRelatedField(
        slug_field="slug", queryset=Network.objects.all(), many=True, required=False
    )
    stops = StopSerializer(many=True, required=False)
