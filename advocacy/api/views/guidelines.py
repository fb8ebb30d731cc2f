"""Guidelines over the API: the list (with its CSV export), a guideline, and its writing.

The guideline's versions and translations are actions of the same viewset, written beside it
(advocacy.api.views.versions, advocacy.api.views.translations), so every address stays under
/guidelines/<slug>/."""

from __future__ import annotations

from collections import Counter

import django_filters
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.response import Response

from advocacy.api.serializers import (
    GuidelineDetailSerializer,
    GuidelineSerializer,
    GuidelineWriteSerializer,
)
from advocacy.api.views.translations import TranslationActions
from advocacy.api.views.versions import VersionActions
from advocacy.models import Guideline, GuidelineVersion, VersionStatus
from advocacy.services import guidelines as services
from core import taxonomy
from core.api.exports import CSVRenderer, ListExports, wants_hxl
from core.api.parsers import JSONParser
from core.exports import csv_download
from core.models import user_is_editor
from core.permissions import require_editor


class GuidelineFilter(django_filters.FilterSet):
    principle = django_filters.MultipleChoiceFilter(
        field_name="principles",
        lookup_expr="contains",
        choices=[(code, code) for code in taxonomy.codes("principle")],
        method="filter_codes",
    )
    step = django_filters.MultipleChoiceFilter(
        field_name="steps",
        choices=[(code, code) for code in taxonomy.codes("step")],
        method="filter_codes",
    )
    support_type = django_filters.MultipleChoiceFilter(
        field_name="support_types",
        choices=[(code, code) for code in taxonomy.codes("support_type")],
        method="filter_codes",
    )

    class Meta:
        model = Guideline
        fields = ["principle", "step", "support_type"]

    def filter_codes(self, queryset, name, value):
        # Repeated values OR within the field.
        return queryset.filter(**{f"{name}__overlap": list(value)}) if value else queryset


CSV_COLUMNS = [
    ("slug", "#meta+id", lambda g: g.slug),
    ("title", "#meta+title", lambda g: g.title),
    (
        "current_version",
        "#meta+version",
        lambda g: g.published_versions[0].number if g.published_versions else "",
    ),
    (
        "published_at",
        "#date+published",
        lambda g: g.published_at.isoformat() if g.published_at else "",
    ),
    ("principles", "#x_principle", lambda g: ";".join(g.principles)),
    ("steps", "#x_step", lambda g: ";".join(g.steps)),
    ("support_types", "#x_support_type", lambda g: ";".join(g.support_types)),
    ("visibility", "#x_visibility", lambda g: g.visibility),
]


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("format", str, enum=["json", "csv"], description="csv: the export."),
            OpenApiParameter(
                "hxl", int, enum=[0, 1], description="1 with format=csv: a row of HXL hashtags"
            ),
        ],
        responses={
            (200, "application/json"): GuidelineSerializer(many=True),
            (200, "text/csv"): OpenApiTypes.STR,
        },
    ),
    create=extend_schema(
        request=GuidelineWriteSerializer, responses={201: GuidelineDetailSerializer}
    ),
    partial_update=extend_schema(
        request=GuidelineWriteSerializer, responses=GuidelineDetailSerializer
    ),
)
class GuidelineViewSet(
    ListExports,
    VersionActions,
    TranslationActions,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Global advocacy guidelines with their versions.

    A guideline is seen by its audience once a version is published; before, by editors only.
    Editors write versions section by section while they are drafts, send them to review and
    publish them with a change level (substantive or editorial). A published version is never
    edited: a new version is made from it. Translators (editors, and members of the societies
    named for a language) translate the published version; editors approve.
    """

    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    filterset_class = GuidelineFilter
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    parser_classes = [JSONParser]
    renderer_classes = [*viewsets.GenericViewSet.renderer_classes, CSVRenderer]

    def get_queryset(self):
        guidelines = Guideline.objects.visible_to(self.request.user).prefetch_related(
            Prefetch(
                "versions",
                queryset=GuidelineVersion.objects.filter(status=VersionStatus.PUBLISHED),
                to_attr="published_versions",
            )
        )
        if self.action == "list":
            guidelines = guidelines.order_by("-published_at", "title", "id")
            if not user_is_editor(self.request.user):
                guidelines = guidelines.published()
        return guidelines.select_related("owner")

    def get_serializer_class(self):
        if self.action == "list":
            return GuidelineSerializer
        return GuidelineDetailSerializer

    def get_facets(self, queryset):
        counts = Counter(
            code for codes in queryset.values_list("principles", flat=True) for code in codes
        )
        return {
            "principle": [
                {
                    "value": code,
                    "label": taxonomy.term_label("principle", code),
                    "count": counts[code],
                }
                for code in taxonomy.codes("principle")
                if counts[code]
            ]
        }

    def list(self, request, *args, **kwargs):
        self.paginator.check_parameters(request)
        hxl = wants_hxl(request)
        if request.accepted_renderer.format == "csv":
            guidelines = list(self.filter_queryset(self.get_queryset()))
            stamp = timezone.now().strftime("%Y%m%d")
            return csv_download(
                ([value(g) for _name, _tag, value in CSV_COLUMNS] for g in guidelines),
                header=[name for name, _tag, _value in CSV_COLUMNS],
                hxl=[tag for _name, tag, _value in CSV_COLUMNS] if hxl else None,
                filename=f"guidelines-{stamp}{'-hxl' if hxl else ''}.csv",
            )
        return super().list(request, *args, **kwargs)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action != "list" and self.kwargs.get("slug"):
            context["versions"] = GuidelineVersion.objects.visible_to(self.request.user).filter(
                guideline__slug=self.kwargs["slug"]
            )
        return context

    def _guideline_answer(self, guideline, status_code=status.HTTP_200_OK):
        self.kwargs["slug"] = guideline.slug
        guideline = self.get_queryset().get(pk=guideline.pk)
        serializer = GuidelineDetailSerializer(guideline, context=self.get_serializer_context())
        return Response(serializer.data, status=status_code)

    def create(self, request, *args, **kwargs):
        require_editor(request.user, _("Only IFRC editors write guidelines."))
        serializer = GuidelineWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        guideline = services.create_guideline(
            actor=request.user, data=dict(serializer.validated_data)
        )
        return self._guideline_answer(guideline, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        guideline = self.get_object()
        require_editor(request.user, _("Only IFRC editors write guidelines."))
        serializer = GuidelineWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        guideline = services.update_guideline(
            guideline=guideline, actor=request.user, data=dict(serializer.validated_data)
        )
        return self._guideline_answer(guideline)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)
