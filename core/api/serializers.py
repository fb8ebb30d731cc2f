import copy
from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.models import Country, Membership, NationalSociety, Region, User


# core.api.errors writes this body; core.api.schema documents it on every operation.
class FieldsBuiltOnceMixin:
    """For a ModelSerializer read on hot paths: its fields are worked out from the model once
    per class, then copied for each use (as DRF copies declared fields). DRF otherwise maps
    every model field to a serializer field again on every request: half of what a practice's
    detail costs in Python. The fields read nothing of the request or the instance until they
    are bound, which happens after this."""

    def get_fields(self):
        cls = type(self)
        built = cls.__dict__.get("_fields_built_once")
        if built is None:
            built = super().get_fields()
            cls._fields_built_once = built
        return copy.deepcopy(built)


class ErrorSerializer(serializers.Serializer):
    """Every error: what went wrong and, where input was refused, the messages by field."""

    detail = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text=(
            'Messages by field, nested fields dotted: {"title": [...], "steps.0": [...], '
            '"values.migrants-reached.total": [...]}; "non_field_errors" for the whole body.'
        ),
    )


class ListedChoicesMixin:
    """A reference whose possible values the API schema lists (core.api.schema), so that a
    client knows them before it sends one. For small reference tables (societies, periods,
    indicators) only: never for people. With many=True, `at_least_one` says in the schema that
    the list may not be empty, where a service refuses it (together with its other errors)."""

    def __init__(self, *args, at_least_one=False, **kwargs):
        self.at_least_one = at_least_one
        super().__init__(*args, **kwargs)

    def listed_values(self) -> list:
        field = getattr(self, "slug_field", "pk")
        return list(self.get_queryset().order_by(field).values_list(field, flat=True))


class ListedSlugRelatedField(ListedChoicesMixin, serializers.SlugRelatedField):
    pass


class ListedPrimaryKeyRelatedField(ListedChoicesMixin, serializers.PrimaryKeyRelatedField):
    pass


# A write body holds only the fields its serializer writes: a misspelt or read-only field is
# refused with a 400 naming it, where DRF would silently drop it and answer as if the client's
# change had been made. (A comment, not a docstring: the schema would show it on every body.)
class ListedCodeField(ListedChoicesMixin, serializers.CharField):
    """A code (a country's ISO3) that a service checks against its table; the schema lists the
    table's codes."""

    def __init__(self, *, queryset, slug_field, **kwargs):
        self.queryset, self.slug_field = queryset, slug_field
        super().__init__(**kwargs)

    def get_queryset(self):
        return self.queryset.all()


class KnownFieldsMixin:
    unknown_field_message = _("Unknown field.")
    read_only_field_message = _("This field is read-only.")

    def unknown_field_errors(self, data) -> dict[str, list[str]]:
        if not isinstance(data, Mapping):
            return {}  # DRF's own "Invalid data. Expected a dictionary" answers that
        writable = {name for name, field in self.fields.items() if not field.read_only}
        return {
            name: [
                self.read_only_field_message if name in self.fields else self.unknown_field_message
            ]
            for name in data
            if name not in writable
        }

    def refuse_unknown_fields(self, data) -> None:
        """For views that hand the body to a service without validating it here."""
        errors = self.unknown_field_errors(data)
        if errors:
            raise serializers.ValidationError(errors)

    def to_internal_value(self, data):
        unknown = self.unknown_field_errors(data)
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as error:
            if unknown and isinstance(error.detail, dict):
                error.detail.update(unknown)  # every problem of the body in one answer
            raise
        if unknown:
            raise serializers.ValidationError(unknown)
        return value


class TermSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class PrincipleTermSerializer(TermSerializer):
    description = serializers.CharField()
    within_report_scope = serializers.BooleanField()


class RegionSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:region-detail", lookup_field="code")

    class Meta:
        model = Region
        fields = ["code", "label", "url"]


class CountrySerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    iso2 = serializers.CharField(read_only=True)
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Country
        fields = ["iso3", "iso2", "name", "region"]


class SocietySerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:society-detail", lookup_field="slug")
    country = serializers.CharField(source="country_id", read_only=True)
    country_name = serializers.CharField(source="country.name", read_only=True)
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    page = serializers.SerializerMethodField()
    label = serializers.CharField(
        read_only=True,
        help_text="The name in the request's language (Accept-Language or ?lang), else English.",
    )
    names = serializers.DictField(
        child=serializers.CharField(),
        read_only=True,
        help_text='The names in French, Spanish and Arabic: {"fr": ..., "es": ..., "ar": ...}.',
    )

    class Meta:
        model = NationalSociety
        fields = [
            "id",
            "slug",
            "name",
            "label",
            "names",
            "kind",
            "country",
            "country_name",
            "region",
            "website",
            "url",
            "page",
        ]

    def get_page(self, society) -> str:
        return self.context["request"].build_absolute_uri(society.get_absolute_url())


class SocietyDetailSerializer(SocietySerializer):
    member_count = serializers.IntegerField(read_only=True)

    class Meta(SocietySerializer.Meta):
        fields = [*SocietySerializer.Meta.fields, "member_count"]


class MembershipSerializer(serializers.ModelSerializer):
    society = serializers.SerializerMethodField()

    class Meta:
        model = Membership
        fields = ["society", "role", "status", "requested_at", "decided_at"]

    def get_society(self, membership) -> dict:
        society = membership.society
        return {
            "id": society.id,
            "slug": society.slug,
            "name": society.name,
            "label": society.label,
        }


class MeSerializer(serializers.ModelSerializer):
    memberships = MembershipSerializer(many=True, read_only=True)
    roles = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "email", "full_name", "language", "memberships", "roles"]

    def get_roles(self, user) -> list[str]:
        roles = {m.role for m in user.memberships.all() if m.status == Membership.Status.APPROVED}
        if user.is_editor:
            roles.add("ifrc_editor")
        return sorted(roles)
