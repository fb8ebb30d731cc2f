"""`/api/v1/routes/{slug}/trail/`: a route's trail as JSON (networks.trail_exports.trail_data),
with the trail page's filters; `?format=csv` (`&hxl=1`) and `?format=hsds` export its offers.
What a reader may not see is not in any of them."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema
from rest_framework import renderers, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from core import taxonomy
from networks.models import Route
from networks.trail import TrailFilterForm, build_trail, cached_trail
from networks.trail_exports import trail_csv, trail_data, trail_hsds
from practices.api.views import CSVRenderer
from practices.models import TargetGroup


class HSDSRenderer(renderers.JSONRenderer):
    """`?format=hsds`: the trail's offers as Open Referral HSDS 3.0 services."""

    format = "hsds"


# The schema of what trail_data() answers (the same dict serves the JSON export); the view
# returns that dict, and tests/core/test_api_contract.py holds the two together.
class TrailContactsSerializer(serializers.Serializer):
    phone = serializers.CharField()
    email = serializers.CharField()
    website = serializers.CharField()
    address = serializers.CharField()


class TrailLanguageSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class TrailSocietySerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class TrailOfferSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.URLField()
    name = serializers.CharField()
    society = TrailSocietySerializer()
    country = serializers.CharField()
    place = serializers.CharField()
    steps = serializers.ListField(child=serializers.CharField())
    support_types = serializers.ListField(child=serializers.CharField())
    target_groups = serializers.ListField(child=serializers.CharField())
    languages = TrailLanguageSerializer(many=True)
    contacts = TrailContactsSerializer(help_text="Empty texts where the reader may not see them.")
    contacts_hidden = serializers.BooleanField(
        help_text="The contacts are for members of the Movement, and the reader is not one."
    )
    opening_hours = serializers.CharField()
    free_of_charge = serializers.BooleanField()
    status = serializers.CharField()
    last_confirmed_on = serializers.DateField()
    stale = serializers.BooleanField(help_text="Not confirmed for longer than the set age.")


class TrailPracticesSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    url = serializers.URLField(help_text="The catalogue filtered on the country and step.")


class TrailCellSerializer(serializers.Serializer):
    step = serializers.CharField()
    step_label = serializers.CharField()
    offers = TrailOfferSerializer(many=True, help_text="The most recently confirmed offers.")
    offer_count = serializers.IntegerField(help_text="The number of offers in all.")
    offers_url = serializers.URLField(help_text="The offers list on this country and step.")
    practices = TrailPracticesSerializer()
    gaps = serializers.ListField(
        child=serializers.CharField(), help_text="Types of support no shown offer covers here."
    )


class TrailHandoverSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    country = serializers.CharField()
    step = serializers.CharField()
    offers = serializers.ListField(child=serializers.IntegerField())


class TrailStopSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    country = serializers.CharField()
    country_name = serializers.CharField()
    cells = TrailCellSerializer(many=True)
    handover = TrailHandoverSerializer(allow_null=True)


class TrailSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    is_demo = serializers.BooleanField()
    url = serializers.URLField()
    filters = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
    support_types = serializers.ListField(child=serializers.CharField())
    stops = TrailStopSerializer(many=True)
    across_the_trail = TrailCellSerializer()


class HSDSPageSerializer(serializers.Serializer):
    total_items = serializers.IntegerField()
    total_pages = serializers.IntegerField()
    page_number = serializers.IntegerField()
    size = serializers.IntegerField()
    first_page = serializers.BooleanField()
    last_page = serializers.BooleanField()
    empty = serializers.BooleanField()
    contents = serializers.ListField(child=serializers.DictField())


def _codes(name, choices):
    return OpenApiParameter(
        name, str, many=True, enum=list(choices), description=f"Repeat to OR: {name} codes."
    )


class RouteTrailView(APIView):
    """A route's trail: its stops in order, in each stop-and-step cell the active offers the
    reader may see (movement-only contacts empty for visitors), the number of published
    practices of that country and step, the types of support nobody offers there (gaps), and
    whom to hand over to at the next stop. Filters as on the trail page."""

    renderer_classes = [renderers.JSONRenderer, CSVRenderer, HSDSRenderer]

    @extend_schema(
        operation_id="routes_trail",
        parameters=[
            _codes("support_type", taxonomy.codes("support_type")),
            _codes("target_group", TargetGroup.values),
            OpenApiParameter(
                "language", str, many=True, description="ISO 639-1 codes of languages spoken."
            ),
            OpenApiParameter(
                "format",
                str,
                enum=["json", "csv", "hsds"],
                description="csv: the trail's offers (UTF-8 with BOM); hsds: Open Referral "
                "HSDS 3.0 services. The format named here wins over the Accept header.",
            ),
            OpenApiParameter(
                "hxl", int, enum=[0, 1], description="1 with format=csv: a row of HXL hashtags"
            ),
        ],
        responses={
            (200, "application/json"): PolymorphicProxySerializer(
                component_name="TrailOrHSDS",
                serializers=[TrailSerializer, HSDSPageSerializer],
                resource_type_field_name=None,
            ),
            (200, "text/csv"): OpenApiTypes.STR,
        },
    )
    def get(self, request, slug):
        route = get_object_or_404(Route.objects.visible_to(request.user), slug=slug)
        hxl = request.query_params.get("hxl", "0")
        if hxl not in ("0", "1"):
            raise ValidationError({"hxl": [_("Give 1 for a row of HXL hashtags, or 0.")]})
        form = TrailFilterForm(request.query_params)
        if not form.is_valid():
            raise ValidationError(form.errors)
        filters = form.filters()
        export = request.accepted_renderer.format
        if export == "csv":
            return trail_csv(route, user=request.user, filters=filters, hxl=hxl == "1")
        if export == "hsds":
            return Response(trail_hsds(route, user=request.user, filters=filters))
        # Rendered once for every reader who sees the same trail (networks.trail.cached_trail).
        renderer, media_type = request.accepted_renderer, request.accepted_media_type
        body = cached_trail(
            route,
            user=request.user,
            filters=filters,
            output="json",
            variant=media_type,
            build=lambda: renderer.render(
                trail_data(build_trail(route, user=request.user, filters=filters)),
                media_type,
                self.get_renderer_context(),
            ),
        )
        return HttpResponse(body, content_type=renderer.media_type)

    def finalize_response(self, request, response, *args, **kwargs):
        # Errors are JSON even when an export was asked for.
        if isinstance(response, Response) and response.status_code >= 400:
            request.accepted_renderer = renderers.JSONRenderer()
            request.accepted_media_type = "application/json"
        return super().finalize_response(request, response, *args, **kwargs)
