"""The translations of a published version's sections over the API: listed, written by
translators and approved by editors."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from advocacy.api.serializers import TranslationSerializer, TranslationWriteSerializer
from advocacy.api.views.paths import KEY, LANGUAGE, NUMBER, path_parameters
from advocacy.models import SectionTranslation
from advocacy.services import translations as translation_services
from core.permissions import require_editor


class TranslationActions:
    """The translation actions of the guideline viewset (advocacy.api.views.guidelines); a
    version is found by VersionActions._version."""

    @extend_schema(parameters=path_parameters("number"), responses=TranslationSerializer(many=True))
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
        parameters=path_parameters("number", "language", "key"),
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
        parameters=path_parameters("number", "language", "key"),
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
