"""A guideline's versions over the API: listed, started, written section by section and
parameter by parameter while drafts, moved through review and publication, and compared."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from advocacy.api.serializers import (
    DiffSerializer,
    ParameterWriteSerializer,
    PublishSerializer,
    SectionWriteSerializer,
    VersionBriefSerializer,
    VersionNoteSerializer,
    VersionSerializer,
)
from advocacy.api.views.paths import KEY, NUMBER, path_parameters
from advocacy.diff import version_diff
from advocacy.models import GuidelineVersion, SectionTranslation
from advocacy.services import guidelines as services
from core.permissions import require_editor


class VersionActions:
    """The version actions of the guideline viewset (advocacy.api.views.guidelines)."""

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

    @extend_schema(parameters=path_parameters("number"), responses=VersionSerializer)
    @action(detail=True, methods=["get"], url_path=NUMBER, filterset_class=None)
    def version(self, request, slug=None, number=None):
        """A version with its sections (each with its translation state per language) and its
        adaptation parameters."""
        return self._version_answer(self._version(number))

    @extend_schema(
        parameters=path_parameters("number"),
        request=VersionNoteSerializer,
        responses=VersionSerializer,
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

    @extend_schema(parameters=path_parameters("number"), request=None, responses=VersionSerializer)
    @action(
        detail=True, methods=["post"], url_path=NUMBER + "/send-to-review", filterset_class=None
    )
    def send_to_review(self, request, slug=None, number=None):
        version = services.send_to_review(version=self._version(number), actor=request.user)
        return self._version_answer(version)

    @extend_schema(parameters=path_parameters("number"), request=None, responses=VersionSerializer)
    @action(
        detail=True, methods=["post"], url_path=NUMBER + "/return-to-draft", filterset_class=None
    )
    def return_to_draft(self, request, slug=None, number=None):
        version = services.return_to_draft(version=self._version(number), actor=request.user)
        return self._version_answer(version)

    @extend_schema(
        parameters=path_parameters("number"), request=PublishSerializer, responses=VersionSerializer
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
        parameters=path_parameters("number", "key"),
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

    @extend_schema(
        parameters=path_parameters("number", "key"), request=None, responses=VersionSerializer
    )
    @section.mapping.delete
    def remove_section(self, request, slug=None, number=None, key=None):
        version = self._version(number)
        require_editor(request.user, _("Only IFRC editors write guidelines."))
        get_object_or_404(version.sections, key=key)
        services.remove_section(version=version, actor=request.user, key=key)
        return self._version_answer(version)

    @extend_schema(
        parameters=path_parameters("number", "key"),
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

    @extend_schema(
        parameters=path_parameters("number", "key"), request=None, responses=VersionSerializer
    )
    @parameter.mapping.delete
    def remove_parameter(self, request, slug=None, number=None, key=None):
        version = self._version(number)
        require_editor(request.user, _("Only IFRC editors write guidelines."))
        get_object_or_404(version.parameters, key=key)
        services.remove_parameter(version=version, actor=request.user, key=key)
        return self._version_answer(version)

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
