"""Routes and support offers in the API, with the same rules as the pages: lists start from
visible_to, writes go through networks.services."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, renderers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from core.api.parsers import JSONParser
from core.permissions import society_acted_for
from networks.api.route_serializers import (
    OfferSerializer,
    OfferStatusSerializer,
    OfferWriteSerializer,
    RouteSerializer,
    RouteWriteSerializer,
)
from networks.exports import hsds_page, offers_csv
from networks.models import Route, RouteStop, SupportOffer
from networks.route_filters import OfferFilter, RouteFilter, offer_facets, route_facets
from networks.services import offers as offer_services
from networks.services import routes as route_services
from practices.api.views import CSVRenderer


class HSDSRenderer(renderers.JSONRenderer):
    """`?format=hsds`: the list as Open Referral HSDS 3.0 services (networks.exports)."""

    format = "hsds"


class ErrorsAsJSONMixin:
    def finalize_response(self, request, response, *args, **kwargs):
        # Errors are JSON even when an export was asked for.
        if isinstance(response, Response) and response.status_code >= 400:
            request.accepted_renderer = renderers.JSONRenderer()
            request.accepted_media_type = "application/json"
        return super().finalize_response(request, response, *args, **kwargs)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "format",
                str,
                enum=["json", "csv", "hsds"],
                description="csv: the export (UTF-8 with BOM); hsds: Open Referral HSDS 3.0 "
                "services. The format named here wins over the Accept header.",
            ),
            OpenApiParameter(
                "hxl", int, enum=[0, 1], description="1 with format=csv: a row of HXL hashtags"
            ),
        ],
        responses={
            (200, "application/json"): OfferSerializer(many=True),
            (200, "text/csv"): OpenApiTypes.STR,
        },
    ),
    create=extend_schema(request=OfferWriteSerializer, responses={201: OfferSerializer}),
    partial_update=extend_schema(request=OfferWriteSerializer, responses=OfferSerializer),
)
class OfferViewSet(
    ErrorsAsJSONMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Support offers along the migration routes: what a person on the move can turn to.

    Lists answer what the requester may see, with `facets` counted on the current filter;
    movement-only contacts are empty for visitors. Members and focal points of a society write
    its offers; editors write all."""

    filterset_class = OfferFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    parser_classes = [JSONParser]
    renderer_classes = [*viewsets.GenericViewSet.renderer_classes, CSVRenderer, HSDSRenderer]

    def get_renderers(self):
        if self.action == "list":
            return super().get_renderers()
        return [
            renderer
            for renderer in super().get_renderers()
            if renderer.format not in ("csv", "hsds")
        ]

    def get_queryset(self):
        return SupportOffer.objects.visible_to(self.request.user).for_listing()

    def get_serializer_class(self):
        if self.action in ("create", "partial_update", "update"):
            return OfferWriteSerializer
        return OfferSerializer

    def get_facets(self, queryset):
        self.facet_total, facets = offer_facets(queryset)
        return facets

    def list(self, request, *args, **kwargs):
        self.paginator.check_parameters(request)
        hxl = request.query_params.get("hxl", "0")
        if hxl not in ("0", "1"):
            raise ValidationError({"hxl": [_("Give 1 for a row of HXL hashtags, or 0.")]})
        export = request.accepted_renderer.format
        if export == "csv":
            queryset = self.filter_queryset(self.get_queryset())
            return offers_csv(queryset, user=request.user, hxl=hxl == "1")
        if export == "hsds":
            queryset = self.filter_queryset(self.get_queryset())
            return Response(hsds_page(queryset, user=request.user))
        return super().list(request, *args, **kwargs)

    def create(self, request, *args, **kwargs):
        serializer = OfferWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        society = society_acted_for(
            request.user,
            data.pop("society", None),
            which=_("Say which society's offer this is (its slug)."),
            editors_choose=True,
        )
        offer = offer_services.create_offer(actor=request.user, society=society, data=data)
        return self._detail(offer, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        offer = self.get_object()
        serializer = OfferWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("society", None)  # an offer does not change society
        offer = offer_services.update_offer(offer=offer, actor=request.user, data=data)
        return self._detail(offer)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    def _detail(self, offer, status_code=status.HTTP_200_OK):
        offer = self.get_queryset().get(pk=offer.pk)
        serializer = OfferSerializer(offer, context=self.get_serializer_context())
        return Response(serializer.data, status=status_code)

    @extend_schema(request=None, responses=OfferSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """ "Still accurate": confirm the offer today."""
        offer = offer_services.confirm_offer(offer=self.get_object(), actor=request.user)
        return self._detail(offer)

    @extend_schema(request=OfferStatusSerializer, responses=OfferSerializer)
    @action(detail=True, methods=["post"], url_path="status")
    def change_status(self, request, pk=None):
        serializer = OfferStatusSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        offer = offer_services.change_offer_status(
            offer=self.get_object(), actor=request.user, status=serializer.validated_data["status"]
        )
        return self._detail(offer)


@extend_schema_view(
    create=extend_schema(request=RouteWriteSerializer, responses={201: RouteSerializer}),
    partial_update=extend_schema(request=RouteWriteSerializer, responses=RouteSerializer),
)
class RouteViewSet(
    ErrorsAsJSONMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Migration routes and their stops in order. Editors, and the coordinators of a linked
    network, create and edit them; `facets` count the routes by network and by country."""

    lookup_field = "slug"
    filterset_class = RouteFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    parser_classes = [JSONParser]

    def get_queryset(self):
        return Route.objects.visible_to(self.request.user).prefetch_related(
            Prefetch("stops", queryset=RouteStop.objects.order_by("position")), "networks"
        )

    def get_serializer_class(self):
        if self.action in ("create", "partial_update", "update"):
            return RouteWriteSerializer
        return RouteSerializer

    def get_facets(self, queryset):
        return route_facets(queryset)

    def create(self, request, *args, **kwargs):
        serializer = RouteWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        route = route_services.create_route(actor=request.user, data=self._data(serializer))
        return self._detail(route, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        route = self.get_object()
        serializer = RouteWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        route = route_services.update_route(
            route=route, actor=request.user, data=self._data(serializer)
        )
        return self._detail(route)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    def _data(self, serializer):
        data = dict(serializer.validated_data)
        if "stops" in data:
            data["stops"] = [dict(stop) for stop in data["stops"]]
        return data

    def _detail(self, route, status_code=status.HTTP_200_OK):
        route = self.get_queryset().get(pk=route.pk)
        serializer = RouteSerializer(route, context=self.get_serializer_context())
        return Response(serializer.data, status=status_code)
