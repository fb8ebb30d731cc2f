import django_filters
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, permissions, serializers, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from core import taxonomy
from core.api.filters import CodeFilter, SocietyFilter
from core.api.serializers import (
    CountrySerializer,
    MeSerializer,
    PrincipleTermSerializer,
    RegionSerializer,
    SocietyDetailSerializer,
    SocietySerializer,
    TermSerializer,
)
from core.models import (
    Country,
    Dimension,
    NationalSociety,
    Principle,
    Region,
    Step,
    SupportType,
    User,
)

LANG_PARAMETER = OpenApiParameter(
    "lang", str, description="Language of labels (en, fr, es, ar); else Accept-Language."
)


@extend_schema(parameters=[LANG_PARAMETER])
class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    """The five IFRC regions."""

    queryset = Region.objects.all()
    serializer_class = RegionSerializer
    lookup_field = "code"
    pagination_class = None


class CountryFilter(django_filters.FilterSet):
    region = CodeFilter(field_name="region__code", model=Region)

    class Meta:
        model = Country
        fields = ["region"]


@extend_schema(parameters=[LANG_PARAMETER])
class CountryViewSet(viewsets.ReadOnlyModelViewSet):
    """Countries and territories by ISO 3166 alpha-3, each in one IFRC region."""

    queryset = Country.objects.select_related("region")
    serializer_class = CountrySerializer
    filterset_class = CountryFilter
    lookup_field = "iso3"


class SocietyViewSet(viewsets.ReadOnlyModelViewSet):
    """The member National Societies of the IFRC."""

    serializer_class = SocietySerializer
    filterset_class = SocietyFilter
    lookup_field = "slug"

    def get_queryset(self):
        societies = NationalSociety.objects.select_related("country", "region").order_by_label()
        if self.action == "list":
            return societies.national_societies()
        return societies.with_member_count()

    def get_serializer_class(self):
        return SocietyDetailSerializer if self.action == "retrieve" else SocietySerializer


class TaxonomyView(APIView):
    """Every vocabulary of the platform: stable codes with labels in the requested language."""

    @extend_schema(
        parameters=[LANG_PARAMETER],
        responses=inline_serializer(
            "Taxonomy",
            {
                **{
                    name: serializers.ListField(child=TermSerializer())
                    for name in ["regions", "steps", "dimensions", "support_types", "kinds"]
                },
                "principles": serializers.ListField(child=PrincipleTermSerializer()),
            },
        ),
    )
    def get(self, request):
        def terms(model):
            return [{"code": term.code, "label": term.label} for term in model.objects.all()]

        return Response(
            {
                "regions": terms(Region),
                "steps": terms(Step),
                "dimensions": terms(Dimension),
                "support_types": terms(SupportType),
                "principles": [
                    {
                        "code": principle.code,
                        "label": principle.label,
                        "description": principle.description_label,
                        "within_report_scope": principle.within_report_scope,
                    }
                    for principle in Principle.objects.all()
                ],
                "kinds": [{"code": code, "label": label} for code, label in taxonomy.Kind.choices],
            }
        )


class MeView(generics.RetrieveAPIView):
    """The authenticated user, their memberships and roles."""

    serializer_class = MeSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_object(self):
        return User.objects.prefetch_related("memberships__society").get(pk=self.request.user.pk)
