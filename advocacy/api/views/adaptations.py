"""Societies' adaptations over the API, and a guideline's status grid.

Every queryset starts from Adaptation.objects.visible_to(user) and every write calls
advocacy.services.adaptations, so the API refuses what the pages refuse, with the same
messages."""

import django_filters
from django.db.models import Count, F, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, permissions, renderers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from advocacy import grid as grids
from advocacy.api.adaptation_serializers import (
    AdaptationCreateSerializer,
    AdaptationDetailSerializer,
    AdaptationListSerializer,
    AdaptationWriteSerializer,
    GridSerializer,
)
from advocacy.diff import version_diff
from advocacy.models import Adaptation, Guideline, VersionStatus
from advocacy.services import adaptations as services
from core.api.exports import CSVRenderer, ErrorsAsJSON, ListExports, wants_hxl
from core.api.filters import CodeFilter
from core.api.parsers import JSONParser
from core.exports import csv_download
from core.models import NationalSociety, Region
from core.permissions import society_acted_for
from practices.api.serializers import NoteSerializer

FILTER_STATES = [choice for choice in grids.CellState.choices if choice[0] != "none"]


class AdaptationFilter(django_filters.FilterSet):
    guideline = CodeFilter(field_name="guideline__slug", model=Guideline, to_field="slug")
    version = django_filters.NumberFilter(field_name="version__number")
    society = CodeFilter(field_name="society__slug", model=NationalSociety, to_field="slug")
    region = CodeFilter(field_name="society__region__code", model=Region)
    language = django_filters.CharFilter(field_name="language", lookup_expr="iexact")
    state = django_filters.MultipleChoiceFilter(choices=FILTER_STATES, method="filter_state")
    # true or false, nothing else (django-filter's BooleanFilter reads any other word as none).
    outdated = extend_schema_field({"type": "string", "enum": ["true", "false"]})(
        django_filters.TypedChoiceFilter(
            choices=[("true", "true"), ("false", "false")],
            coerce=lambda value: value == "true",
            label=gettext_lazy("Outdated"),
        )
    )

    class Meta:
        model = Adaptation
        fields = ["guideline", "version", "society", "region", "language", "state", "outdated"]

    def filter_state(self, queryset, name, values):
        wanted = Q(pk__in=[])
        for value in values:
            if value == grids.CellState.OUTDATED:
                wanted |= Q(outdated=True)
            else:
                wanted |= Q(status=value, outdated=False)
        return queryset.filter(wanted)


GRID_PARAMETERS = [
    OpenApiParameter("region", str, enum=["africa", "americas", "asia-pacific", "europe", "mena"]),
    OpenApiParameter("state", str, enum=grids.CellState.values),
    OpenApiParameter("format", str, enum=["json", "csv"]),
    OpenApiParameter("hxl", int, enum=[0, 1], description="1 with format=csv: HXL hashtags"),
]


class AdaptationViewSet(
    ListExports,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Societies' adaptations of advocacy guidelines.

    Lists answer what the requester may see (a society's drafts only to its members), with
    `facets` by state, region and language. A member of a society starts an adaptation of a
    guideline's published version, fills it, submits it; an editor (or the society's focal
    point, where the guideline allows self approval) approves or returns it; approved, it is
    published. An outdated one is carried forward to the current version.
    """

    filterset_class = AdaptationFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    parser_classes = [JSONParser]
    renderer_classes = [*viewsets.GenericViewSet.renderer_classes, CSVRenderer]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        adaptations = Adaptation.objects.visible_to(self.request.user).select_related(
            "guideline", "version", "society", "society__region", "outdated_since_version"
        )
        if self.action == "list":
            return adaptations.order_by("guideline__title", "society__name", "language", "-id")
        return adaptations.prefetch_related(
            "parameter_values", "sections", "version__parameters", "version__sections"
        )

    def get_serializer_class(self):
        if self.action == "list":
            return AdaptationListSerializer
        if self.action == "create":
            return AdaptationCreateSerializer
        if self.action in ("partial_update", "update"):
            return AdaptationWriteSerializer
        return AdaptationDetailSerializer

    def get_facets(self, queryset):
        def counted(field, label=None):
            rows = (
                queryset.order_by()
                .values(value=F(field))
                .annotate(count=Count("id"))
                .order_by("value")
            )
            return [
                {"value": row["value"], "label": label(row["value"]), "count": row["count"]}
                for row in rows
            ]

        regions = {region.code: region.label for region in Region.objects.all()}
        states = {}
        for row in queryset.order_by().values("status", "outdated").annotate(count=Count("id")):
            state = grids.cell_state(row["status"], row["outdated"])
            states[state] = states.get(state, 0) + row["count"]
        return {
            "state": [
                {"value": value, "label": str(label), "count": states[value]}
                for value, label in grids.CellState.choices
                if value in states
            ],
            "region": counted("society__region__code", lambda code: regions.get(code, code)),
            "language": counted("language", grids.language_name),
        }

    @extend_schema(
        parameters=[
            OpenApiParameter("format", str, enum=["json", "csv"]),
            OpenApiParameter(
                "hxl", int, enum=[0, 1], description="1 with format=csv: HXL hashtags"
            ),
        ],
        responses={
            (200, "application/json"): AdaptationListSerializer(many=True),
            (200, "text/csv"): OpenApiTypes.STR,
        },
    )
    def list(self, request, *args, **kwargs):
        self.paginator.check_parameters(request)
        hxl = wants_hxl(request)
        if request.accepted_renderer.format == "csv":
            adaptations = self.filter_queryset(self.get_queryset())
            return csv_download(
                (
                    [
                        adaptation.pk,
                        adaptation.guideline.slug,
                        adaptation.version.number,
                        adaptation.society.name,
                        adaptation.society.slug,
                        adaptation.society.region.code,
                        adaptation.language,
                        adaptation.title,
                        adaptation.status,
                        grids.cell_state(adaptation.status, adaptation.outdated),
                        adaptation.published_at.isoformat() if adaptation.published_at else "",
                    ]
                    for adaptation in adaptations.iterator(chunk_size=2000)
                ),
                header=[
                    "id",
                    "guideline",
                    "version",
                    "society",
                    "society_slug",
                    "region",
                    "language",
                    "title",
                    "status",
                    "state",
                    "published_at",
                ],
                hxl=[
                    "#meta+id",
                    "#meta+code",
                    "#meta+version",
                    "#org+name",
                    "#org+code",
                    "#region+code",
                    "#meta+lang",
                    "#meta+name",
                    "#status",
                    "#status+grid",
                    "#date+published",
                ]
                if hxl
                else None,
                filename=f"adaptations-{timezone.now():%Y%m%d}.csv",
            )
        return super().list(request, *args, **kwargs)

    def _detail(self, adaptation, status_code=status.HTTP_200_OK):
        adaptation = self.get_queryset().get(pk=adaptation.pk)
        context = self.get_serializer_context()
        if adaptation.outdated:
            current = adaptation.guideline.versions.filter(status=VersionStatus.PUBLISHED).first()
            if current is not None and current.number > adaptation.version.number:
                context["changes"] = version_diff(adaptation.version, current)
        return Response(AdaptationDetailSerializer(adaptation, context=context).data, status_code)

    def retrieve(self, request, *args, **kwargs):
        return self._detail(self.get_object())

    @extend_schema(request=AdaptationCreateSerializer, responses={201: AdaptationDetailSerializer})
    def create(self, request, *args, **kwargs):
        serializer = AdaptationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        guideline = get_object_or_404(
            Guideline.objects.visible_to(request.user), pk=data["guideline"].pk
        )
        society = society_acted_for(
            request.user,
            data.get("society"),
            which=_("Say which society's adaptation this is (its slug)."),
        )
        adaptation = services.create_adaptation(
            guideline=guideline,
            actor=request.user,
            society=society,
            language=data["language"],
            title=data.get("title", ""),
        )
        return self._detail(adaptation, status.HTTP_201_CREATED)

    @extend_schema(request=AdaptationWriteSerializer, responses=AdaptationDetailSerializer)
    def partial_update(self, request, *args, **kwargs):
        adaptation = self.get_object()
        serializer = AdaptationWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        adaptation = services.update_adaptation(
            adaptation=adaptation, actor=request.user, data=dict(serializer.validated_data)
        )
        return self._detail(adaptation)

    @extend_schema(request=AdaptationWriteSerializer, responses=AdaptationDetailSerializer)
    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=None, responses=AdaptationDetailSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._detail(
            services.submit_adaptation(adaptation=self.get_object(), actor=request.user)
        )

    @extend_schema(request=None, responses=AdaptationDetailSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._detail(
            services.approve_adaptation(adaptation=self.get_object(), actor=request.user)
        )

    @extend_schema(request=None, responses=AdaptationDetailSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self._detail(
            services.publish_adaptation(adaptation=self.get_object(), actor=request.user)
        )

    @extend_schema(request=NoteSerializer, responses=AdaptationDetailSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        serializer = NoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        adaptation = services.return_adaptation(
            adaptation=self.get_object(),
            actor=request.user,
            note=serializer.validated_data["note"],
        )
        return self._detail(adaptation)

    @extend_schema(request=None, responses={201: AdaptationDetailSerializer})
    @action(detail=True, methods=["post"], url_path="carry-forward")
    def carry_forward(self, request, pk=None):
        """Carry an outdated adaptation forward to the guideline's published version: a new
        draft with its parameters and the sections whose source did not change."""
        carried = services.carry_forward(adaptation=self.get_object(), actor=request.user)
        return self._detail(carried, status.HTTP_201_CREATED)


class AdaptationGridView(ErrorsAsJSON, APIView):
    """A guideline's status grid: every National Society by language, each cell the state of
    the society's latest adaptation the requester may see, with its version."""

    renderer_classes = [renderers.JSONRenderer, CSVRenderer]

    @extend_schema(
        parameters=GRID_PARAMETERS,
        responses={(200, "application/json"): GridSerializer, (200, "text/csv"): OpenApiTypes.STR},
    )
    def get(self, request, guideline):
        guideline = get_object_or_404(Guideline.objects.visible_to(request.user), slug=guideline)
        region = request.query_params.get("region", "")
        state = request.query_params.get("state", "")
        errors = {}
        if region and not Region.objects.filter(code=region).exists():
            errors["region"] = [_("Unknown region.")]
        if state and state not in grids.CellState.values:
            errors["state"] = [_("Unknown state.")]
        hxl = wants_hxl(request)
        if errors:
            raise ValidationError(errors)
        grid = grids.adaptation_grid(guideline, request.user, region=region, state=state)
        if request.accepted_renderer.format == "csv":
            return csv_download(
                grids.grid_csv_rows(grid),
                header=grids.GRID_CSV_HEADER,
                hxl=grids.GRID_CSV_HXL if hxl else None,
                filename=f"{guideline.slug}-adaptations-{timezone.now():%Y%m%d}.csv",
            )
        return Response(
            {
                "guideline": guideline.slug,
                "societies": grid.societies,
                "languages": [{"code": code, "name": name} for code, name in grid.languages],
                "counts": {value: grid.counts.get(value, 0) for value in grids.CellState.values},
                "rows": [
                    {
                        "society": row.society.slug,
                        "society_name": row.society.label,
                        "region": row.society.region.code,
                        "cells": [
                            {
                                "language": cell.language,
                                "state": cell.state,
                                "version": cell.version_number,
                                "adaptation": cell.adaptation_id,
                            }
                            for cell in row.cells
                        ],
                    }
                    for row in grid.rows
                ],
            }
        )
