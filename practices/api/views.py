from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, renderers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from core.api.pagination import KeysetPagination
from core.api.parsers import JSONParser, MultiPartParser
from core.permissions import society_acted_for
from practices import services
from practices.api.export import csv_response
from practices.api.serializers import (
    AttachmentSerializer,
    AttachmentUploadSerializer,
    NoteSerializer,
    PracticeDetailSerializer,
    PracticeListSerializer,
    PracticeWriteSerializer,
)
from practices.filters import PracticeFilter
from practices.models import Practice
from practices.tallies import list_counts

LISTED_COLUMNS = [
    *(name for name in PracticeListSerializer.Meta.fields if name not in ("url", "society")),
    "society__slug",
    "society__name",
    "society__translations",
    "society__country",
]


class KeptFilterBackend(DjangoFilterBackend):
    """The filter backend, keeping its filter on the view: the facets read what it cleaned."""

    def get_filterset(self, request, queryset, view):
        view.filterset = super().get_filterset(request, queryset, view)
        return view.filterset


class CSVRenderer(renderers.BaseRenderer):
    """Lets `?format=csv` select the export of a list; list() streams it (see
    practices.api.export). No other operation offers it, so a write asked for as CSV is refused
    (406) before it runs."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return b""


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "format",
                str,
                enum=["json", "csv"],
                description="csv: the export. The format named here wins over the Accept header.",
            ),
            OpenApiParameter(
                "hxl", int, enum=[0, 1], description="1 with format=csv: a row of HXL hashtags"
            ),
        ],
        responses={
            (200, "application/json"): PracticeListSerializer(many=True),
            (200, "text/csv"): OpenApiTypes.STR,
        },
    ),
    create=extend_schema(
        request=PracticeWriteSerializer, responses={201: PracticeDetailSerializer}
    ),
    partial_update=extend_schema(
        request=PracticeWriteSerializer, responses=PracticeDetailSerializer
    ),
)
class PracticeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Smart practices and smart operational elements.

    Lists answer what the requester may see, with `facets` counted on the current filter.
    Writes follow the editorial workflow: a society member creates a draft of their society,
    submits it; IFRC editors request changes, publish or archive.
    """

    filterset_class = PracticeFilter
    filter_backends = [KeptFilterBackend]
    pagination_class = KeysetPagination
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    parser_classes = [JSONParser]
    renderer_classes = [*viewsets.GenericViewSet.renderer_classes, CSVRenderer]

    def get_renderers(self):
        if self.action == "list":
            return super().get_renderers()
        return [renderer for renderer in super().get_renderers() if renderer.format != "csv"]

    def get_queryset(self):
        practices = Practice.objects.visible_to(self.request.user)
        # (The schema's generator asks for the queryset with no renderer chosen.)
        renderer = getattr(self.request, "accepted_renderer", None)
        if self.action == "list" and renderer is not None and renderer.format == "csv":
            return practices.for_listing()
        if self.action == "list":
            # What PracticeListSerializer shows, and no more: the rest of a row (its search
            # vector above all) cost the database to send and Python to read.
            return practices.select_related("society").only(*LISTED_COLUMNS)
        return practices.select_related("society", "society__country", "contact").prefetch_related(
            "attachments"
        )

    def get_serializer_class(self):
        if self.action == "list":
            return PracticeListSerializer
        if self.action in ("create", "partial_update", "update"):
            return PracticeWriteSerializer
        return PracticeDetailSerializer

    def get_facets(self, queryset):
        # The facets statement counts the filtered rows too: the paginator reuses that total
        # instead of running its own COUNT.
        self.facet_total, facets = list_counts(
            self.request.user, self.filterset.form.cleaned_data, queryset, published_only=False
        )
        return facets

    def filter_queryset(self, queryset):
        # A practice's own address answers whatever list filter comes along (the schema names
        # none for it): building the filter's form would be a third of a detail's cost.
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)

    def list(self, request, *args, **kwargs):
        self.paginator.check_parameters(request)  # the export reads all rows, but says so too
        hxl = request.query_params.get("hxl", "0")
        if hxl not in ("0", "1"):
            raise ValidationError({"hxl": [_("Give 1 for a row of HXL hashtags, or 0.")]})
        if request.accepted_renderer.format == "csv":
            queryset = self.filter_queryset(self.get_queryset())
            return csv_response(queryset, request=request, hxl=hxl == "1")
        return super().list(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        # Errors are JSON even when the CSV export was asked for.
        if isinstance(response, Response) and response.status_code >= 400:
            request.accepted_renderer = renderers.JSONRenderer()
            request.accepted_media_type = "application/json"
        return super().finalize_response(request, response, *args, **kwargs)

    def create(self, request, *args, **kwargs):
        serializer = PracticeWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        society = society_acted_for(
            request.user,
            data.pop("society", None),
            which=_("Say which society's practice this is (its slug)."),
            editors_choose=True,
        )
        practice = services.create_practice(actor=request.user, society=society, data=data)
        return self._detail(practice, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        practice = self.get_object()
        serializer = PracticeWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("society", None)  # a practice does not change society
        practice = services.update_practice(practice=practice, actor=request.user, data=data)
        return self._detail(practice)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    def _detail(self, practice, status_code=status.HTTP_200_OK):
        practice = self.get_queryset().get(pk=practice.pk)
        serializer = PracticeDetailSerializer(practice, context=self.get_serializer_context())
        return Response(serializer.data, status=status_code)

    @extend_schema(request=None, responses=PracticeDetailSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        practice = services.submit_practice(practice=self.get_object(), actor=request.user)
        return self._detail(practice)

    @extend_schema(request=NoteSerializer, responses=PracticeDetailSerializer)
    @action(detail=True, methods=["post"], url_path="request-changes")
    def request_changes(self, request, pk=None):
        serializer = NoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        practice = services.request_changes(
            practice=self.get_object(), actor=request.user, note=serializer.validated_data["note"]
        )
        return self._detail(practice)

    @extend_schema(request=None, responses=PracticeDetailSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        practice = services.publish_practice(practice=self.get_object(), actor=request.user)
        return self._detail(practice)

    @extend_schema(request=None, responses=PracticeDetailSerializer)
    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        practice = services.archive_practice(practice=self.get_object(), actor=request.user)
        return self._detail(practice)

    @extend_schema(request=AttachmentUploadSerializer, responses={201: AttachmentSerializer})
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def attachments(self, request, pk=None):
        """Attach a file (multipart field `file`): PDF, DOCX, XLSX, PPTX, PNG or JPEG, at most
        20 MB, its content matching its extension."""
        serializer = AttachmentUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        attachment = services.add_attachment(
            practice=self.get_object(), actor=request.user, upload=serializer.validated_data["file"]
        )
        context = self.get_serializer_context()
        return Response(AttachmentSerializer(attachment, context=context).data, status=201)
