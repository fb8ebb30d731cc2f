from rest_framework import serializers

from core.models import Country, Membership, NationalSociety, Region, User


class TermSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


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

    class Meta:
        model = NationalSociety
        fields = [
            "id",
            "slug",
            "name",
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
        return {"id": society.id, "slug": society.slug, "name": society.name}


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
