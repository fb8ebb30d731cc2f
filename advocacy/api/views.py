"""Guidelines, their versions, sections, parameters and translations over the API.

Every lookup starts from the models' visible_to(user) (what one may not see is a 404) and
every write calls advocacy.services, so the API refuses what the pages refuse, with the same
messages: a published version cannot be edited here either."""

from __future__ import annotations

from collections import Counter

import django_filters
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, renderers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from advocacy.api.serializers import (
    DiffSerializer,
    GuidelineDetailSerializer,
    GuidelineSerializer,
    GuidelineWriteSerializer,
    ParameterWriteSerializer,
    PublishSerializer,
    SectionWriteSerializer,
    TranslationSerializer,
    TranslationWriteSerializer,
    VersionBriefSerializer,
    VersionNoteSerializer,
    VersionSerializer,
)
from advocacy.diff import version_diff
from advocacy.models import Guideline, GuidelineVersion, SectionTranslation, VersionStatus
from advocacy.services import guidelines as services
from advocacy.services import translations as translation_services
from core import taxonomy
from core.api.parsers import JSONParser
from core.exports import csv_download
from core.models import user_is_editor
from core.permissions import require_editor
from practices.api.views import CSVRenderer

NUMBER = r"versions/(?P<number>[0-9]{1,6})"
KEY = r"(?P<key>[a-z0-9]+(?:-[a-z0-9]+)*)"
LANGUAGE = r"(?P<language>fr|es|ar)"
PATH_PARAMETERS = {
    "number": OpenApiParameter("number", int, OpenApiParameter.PATH, description="Version"),
    "key": OpenApiParameter("key", str, OpenApiParameter.PATH, description="Stable key"),
    "language": OpenApiParameter("language", str, OpenApiParameter.PATH, enum=["fr", "es", "ar"]),
}


def _path(*names):
    return [PATH_PARAMETERS[name] for name in names]


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

    def get_renderers(self):
        if self.action == "list":
            return super().get_renderers()
        return [renderer for renderer in super().get_renderers() if renderer.format != "csv"]

    def finalize_response(self, request, response, *args, **kwargs):
        if isinstance(response, Response) and response.status_code >= 400:
            request.accepted_renderer = renderers.JSONRenderer()
            request.accepted_media_type = "application/json"
        return super().finalize_response(request, response, *args, **kwargs)

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
        hxl = request.query_params.get("hxl", "0")
        if hxl not in ("0", "1"):
            raise ValidationError({"hxl": [_("Give 1 for a row of HXL hashtags, or 0.")]})
        if request.accepted_renderer.format == "csv":
            guidelines = list(self.filter_queryset(self.get_queryset()))
            stamp = timezone.now().strftime("%Y%m%d")
            return csv_download(
                ([value(g) for _name, _tag, value in CSV_COLUMNS] for g in guidelines),
                header=[name for name, _tag, _value in CSV_COLUMNS],
                hxl=[tag for _name, tag, _value in CSV_COLUMNS] if hxl == "1" else None,
                filename=f"guidelines-{stamp}{'-hxl' if hxl == '1' else ''}.csv",
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

    # --- Versions ---------------------------------------------------------------------------

    def _version(self, number) -> GuidelineVersion:
        guideline = self.get_object()
        return get_object_or_404(
            GuidelineVersion.objects.visible_to(self.request.user).select_related("guideline"),
            guideline=guideline,
            number=int(number),
        )

    def _version_answer(self, version, status_code=status.HTTP_200_OK):
        version = (
            GuidelineVersion.objects.select_related("guideline", "created_from")
            .prefetch_related("sections", "parameters")
            .get(pk=version.pk)
        )
        states = dict(
            ((key, language), state)
            for key, language, state in SectionTranslation.objects.filter(
                version=version
            ).values_list("section_key", "language", "state")
        )
        context = {**self.get_serializer_context(), "translation_states": states}
        return Response(VersionSerializer(version, context=context).data, status=status_code)

    @extend_schema(responses=VersionBriefSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def versions(self, request, slug=None):
        """The versions of a guideline the requester sees (editors also see those being
        written), oldest first."""
        guideline = self.get_object()
        versions = GuidelineVersion.objects.visible_to(request.user).filter(guideline=guideline)
        return Response(VersionBriefSerializer(versions, many=True).data)

    @extend_schema(request=None, responses={201: VersionSerializer})
    @versions.mapping.post
    def create_version(self, request, slug=None):
        """Start the next version (editors): a copy of the published one's sections and
        parameters, as a draft."""
        guideline = self.get_object()
        require_editor(request.user, _("Only IFRC editors write guidelines."))
        version = services.create_version(guideline=guideline, actor=request.user)
        return self._version_answer(version, status.HTTP_201_CREATED)

    @extend_schema(parameters=_path("number"), responses=VersionSerializer)
    @action(detail=True, methods=["get"], url_path=NUMBER, filterset_class=None)
    def version(self, request, slug=None, number=None):
        """A version with its sections (each with its translation state per language) and its
        adaptation parameters."""
        return self._version_answer(self._version(number))

    @extend_schema(
        parameters=_path("number"), request=VersionNoteSerializer, responses=VersionSerializer
    )
    @version.mapping.patch
    def update_version(self, request, slug=None, number=None):
        """The change note, until the version is published (editors)."""
        version = self._version(number)
        require_editor(request.user, _("Only IFRC editors write guidelines."))
        serializer = VersionNoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = services.update_change_note(
            version=version, actor=request.user, **serializer.validated_data
        )
        return self._version_answer(version)

    @extend_schema(parameters=_path("number"), request=None, responses=VersionSerializer)
    @action(
        detail=True, methods=["post"], url_path=NUMBER + "/send-to-review", filterset_class=None
    )
    def send_to_review(self, request, slug=None, number=None):
        version = services.send_to_review(version=self._version(number), actor=request.user)
        return self._version_answer(version)

    @extend_schema(parameters=_path("number"), request=None, responses=VersionSerializer)
    @action(
        detail=True, methods=["post"], url_path=NUMBER + "/return-to-draft", filterset_class=None
    )
    def return_to_draft(self, request, slug=None, number=None):
        version = services.return_to_draft(version=self._version(number), actor=request.user)
        return self._version_answer(version)

    @extend_schema(
        parameters=_path("number"), request=PublishSerializer, responses=VersionSerializer
    )
    @action(detail=True, methods=["post"], url_path=NUMBER + "/publish", filterset_class=None)
    def publish(self, request, slug=None, number=None):
        """Publish a version in review (editors) with its change level: substantive marks the
        translations of changed sections `needs-update` and outdates adaptations of earlier
        versions; editorial leaves both as they are."""
        version = self._version(number)
        require_editor(request.user, _("Only IFRC editors write guidelines."))
        serializer = PublishSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.publish_version(version=version, actor=request.user, **serializer.validated_data)
        return self._version_answer(version)

    @extend_schema(
        parameters=_path("number", "key"),
        request=SectionWriteSerializer,
        responses=VersionSerializer,
    )
    @action(
        detail=True,
        methods=["put"],
        url_path=NUMBER + "/sections/" + KEY,
        filterset_class=None,
    )
    def section(self, request, slug=None, number=None, key=None):
        """Write a section of a draft version (editors); a new key adds the section."""
        version = self._version(number)
        require_editor(request.user, _("Only IFRC editors write guidelines."))
        serializer = SectionWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.save_section(
            version=version, actor=request.user, key=key, data=dict(serializer.validated_data)
        )
        return self._version_answer(version)

    @extend_schema(parameters=_path("number", "key"), request=None, responses=VersionSerializer)
    @section.mapping.delete
    def remove_section(self, request, slug=None, number=None, key=None):
        version = self._version(number)
        require_editor(request.user, _("Only IFRC editors write guidelines."))
        get_object_or_404(version.sections, key=key)
        services.remove_section(version=version, actor=request.user, key=key)
        return self._version_answer(version)

    @extend_schema(
        parameters=_path("number", "key"),
        request=ParameterWriteSerializer,
        responses=VersionSerializer,
    )
    @action(
        detail=True,
        methods=["put"],
        url_path=NUMBER + "/parameters/" + KEY,
        filterset_class=None,
    )
    def parameter(self, request, slug=None, number=None, key=None):
        """Write an adaptation parameter of a draft version (editors)."""
        version = self._version(number)
        require_editor(request.user, _("Only IFRC editors write guidelines."))
        serializer = ParameterWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.save_parameter(
            version=version, actor=request.user, key=key, data=dict(serializer.validated_data)
        )
        return self._version_answer(version)

    @extend_schema(parameters=_path("number", "key"), request=None, responses=VersionSerializer)
    @parameter.mapping.delete
    def remove_parameter(self, request, slug=None, number=None, key=None):
        version = self._version(number)
        require_editor(request.user, _("Only IFRC editors write guidelines."))
        get_object_or_404(version.parameters, key=key)
        services.remove_parameter(version=version, actor=request.user, key=key)
        return self._version_answer(version)

    # --- Translations -------------------------------------------------------------------------

    @extend_schema(parameters=_path("number"), responses=TranslationSerializer(many=True))
    @action(
        detail=True,
        methods=["get"],
        url_path=NUMBER + "/translations",
        pagination_class=None,
        filterset_class=None,
    )
    def translations(self, request, slug=None, number=None):
        """Every section's translation of a version, per language, with its state (missing,
        needs-update, current, approved) and the English it was made from."""
        version = self._version(number)
        rows = SectionTranslation.objects.filter(version=version).select_related("source_version")
        return Response(TranslationSerializer(rows, many=True).data)

    def _translation(self, version, language, key) -> SectionTranslation:
        return get_object_or_404(
            SectionTranslation.objects.select_related("source_version"),
            version=version,
            language=language,
            section_key=key,
        )

    @extend_schema(
        parameters=_path("number", "language", "key"),
        request=TranslationWriteSerializer,
        responses=TranslationSerializer,
    )
    @action(
        detail=True,
        methods=["put"],
        url_path=NUMBER + "/translations/" + LANGUAGE + "/" + KEY,
        filterset_class=None,
    )
    def translation(self, request, slug=None, number=None, language=None, key=None):
        """Translate a section of the published version (translators)."""
        version = self._version(number)
        serializer = TranslationWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        translation_services.save_translation(
            version=version,
            section_key=key,
            language=language,
            actor=request.user,
            heading=data.get("heading", ""),
            text=data["text"],
        )
        return Response(TranslationSerializer(self._translation(version, language, key)).data)

    @extend_schema(
        parameters=_path("number", "language", "key"),
        request=None,
        responses=TranslationSerializer,
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=NUMBER + "/translations/" + LANGUAGE + "/" + KEY + "/approve",
        filterset_class=None,
    )
    def approve_translation(self, request, slug=None, number=None, language=None, key=None):
        version = self._version(number)
        require_editor(request.user, _("Only IFRC editors approve translations."))
        translation_services.approve_translation(
            translation=self._translation(version, language, key), actor=request.user
        )
        return Response(TranslationSerializer(self._translation(version, language, key)).data)

    # --- Diff ---------------------------------------------------------------------------------

    @extend_schema(
        parameters=[
            OpenApiParameter("from", int, required=True, description="The older version"),
            OpenApiParameter("to", int, required=True, description="The newer version"),
        ],
        responses=DiffSerializer,
    )
    @action(detail=True, methods=["get"], filterset_class=None)
    def diff(self, request, slug=None):
        """Two versions compared section by section, word by word: pieces kept (`equal`),
        `insert`ed and `delete`d; and the parameters added, removed or changed."""
        guideline = self.get_object()
        versions = GuidelineVersion.objects.visible_to(request.user).filter(guideline=guideline)
        numbers, errors = {}, {}
        for name in ("from", "to"):
            value = request.query_params.get(name, "")
            if not (value.isascii() and value.isdigit()):
                errors[name] = [_("Give a version number.")]
                continue
            found = (
                versions.filter(number=int(value))
                .prefetch_related("sections", "parameters")
                .first()
            )
            if found is None:
                errors[name] = [_("This guideline has no such version.")]
            numbers[name] = found
        if errors:
            raise ValidationError(errors)
        diff = version_diff(numbers["from"], numbers["to"])
        return Response(DiffSerializer(diff).data)
