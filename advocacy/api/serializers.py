"""Guidelines over the API: what a version holds and the state of its translations.

Writes hand their bodies to advocacy.services (checked there, with the pages' messages); the
write serializers here document the bodies and refuse unknown fields."""

from rest_framework import serializers

from advocacy import permissions
from advocacy.models import (
    ChangeLevel,
    Guideline,
    GuidelineVersion,
    Parameter,
    Section,
    SectionTranslation,
    TranslationLanguage,
)
from advocacy.workflow import VERSION_WORKFLOW
from core import taxonomy
from core.api.serializers import KnownFieldsMixin
from core.audience import Visibility


class VersionBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = GuidelineVersion
        fields = ["number", "status", "change_level", "change_note", "published_at"]
        read_only_fields = fields


class GuidelineSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:guideline-detail", lookup_field="slug"
    )
    page = serializers.SerializerMethodField()
    current_version = serializers.SerializerMethodField()

    class Meta:
        model = Guideline
        fields = [
            "slug",
            "url",
            "page",
            "title",
            "summary",
            "translations",
            "principles",
            "steps",
            "support_types",
            "visibility",
            "allows_self_approval",
            "endorsements_closed",
            "published_at",
            "current_version",
        ]
        read_only_fields = fields

    def get_page(self, guideline) -> str:
        return self.context["request"].build_absolute_uri(guideline.get_absolute_url())

    def get_current_version(self, guideline) -> int | None:
        published = getattr(guideline, "published_versions", None)
        if published is None:
            published = [v for v in guideline.versions.all() if v.status == "published"]
        return published[0].number if published else None


class GuidelineDetailSerializer(GuidelineSerializer):
    owner = serializers.CharField(source="owner.get_full_name", read_only=True)
    versions = serializers.SerializerMethodField()

    class Meta(GuidelineSerializer.Meta):
        fields = [*GuidelineSerializer.Meta.fields, "owner", "versions"]
        read_only_fields = fields

    def get_versions(self, guideline) -> list[dict]:
        return VersionBriefSerializer(self.context["versions"], many=True).data


class GuidelineWriteSerializer(KnownFieldsMixin, serializers.Serializer):
    title = serializers.CharField(max_length=200, required=False)
    slug = serializers.SlugField(max_length=80, required=False)
    summary = serializers.CharField(required=False, allow_blank=True)
    translations = serializers.DictField(
        child=serializers.DictField(child=serializers.CharField(allow_blank=True)),
        required=False,
        help_text='Texts in other languages: {"fr": {"title": "...", "summary": "..."}}.',
    )
    principles = serializers.ListField(
        child=serializers.ChoiceField(choices=taxonomy.codes("principle")), required=False
    )
    steps = serializers.ListField(
        child=serializers.ChoiceField(choices=taxonomy.codes("step")), required=False
    )
    support_types = serializers.ListField(
        child=serializers.ChoiceField(choices=taxonomy.codes("support_type")), required=False
    )
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)
    allows_self_approval = serializers.BooleanField(required=False)
    endorsements_closed = serializers.BooleanField(required=False)


class TranslationSerializer(serializers.ModelSerializer):
    source_version = serializers.IntegerField(
        source="source_version.number", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = SectionTranslation
        fields = [
            "section_key",
            "language",
            "state",
            "heading",
            "text",
            "source_hash",
            "source_version",
            "translated_at",
            "approved_at",
        ]
        read_only_fields = fields


class SectionSerializer(serializers.ModelSerializer):
    source_hash = serializers.CharField(read_only=True)
    translations = serializers.SerializerMethodField()

    class Meta:
        model = Section
        fields = [
            "key",
            "position",
            "heading",
            "body",
            "adaptable",
            "key_message",
            "source_hash",
            "translations",
        ]
        read_only_fields = fields

    def get_translations(self, section) -> dict[str, str]:
        """The state of this section's translation per language (fr, es, ar)."""
        found = self.context.get("translation_states", {})
        return {
            language: found.get((section.key, language), "missing")
            for language in TranslationLanguage.values
        }


class ParameterSerializer(serializers.ModelSerializer):
    class Meta:
        model = Parameter
        fields = ["key", "position", "label", "guidance", "required", "may_depart"]
        read_only_fields = fields


class VersionSerializer(serializers.ModelSerializer):
    guideline = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    sections = SectionSerializer(many=True, read_only=True)
    parameters = ParameterSerializer(many=True, read_only=True)
    created_from = serializers.IntegerField(
        source="created_from.number", read_only=True, allow_null=True, default=None
    )
    actions = serializers.SerializerMethodField()
    can_edit_content = serializers.SerializerMethodField()

    class Meta:
        model = GuidelineVersion
        fields = [
            "guideline",
            "number",
            "status",
            "change_level",
            "change_note",
            "created_from",
            "published_at",
            "sections",
            "parameters",
            "actions",
            "can_edit_content",
        ]
        read_only_fields = fields

    def get_actions(self, version) -> list[str]:
        return VERSION_WORKFLOW.available_names(version, self.context["request"].user)

    def get_can_edit_content(self, version) -> bool:
        return permissions.can_edit_version_content(self.context["request"].user, version)


class VersionNoteSerializer(KnownFieldsMixin, serializers.Serializer):
    change_note = serializers.CharField(allow_blank=True)


class PublishSerializer(KnownFieldsMixin, serializers.Serializer):
    change_level = serializers.ChoiceField(choices=ChangeLevel.choices)
    change_note = serializers.CharField(required=False, allow_blank=True)


class SectionWriteSerializer(KnownFieldsMixin, serializers.Serializer):
    heading = serializers.CharField(max_length=200, required=False)
    body = serializers.CharField(required=False)
    adaptable = serializers.BooleanField(required=False)
    key_message = serializers.BooleanField(required=False)
    position = serializers.IntegerField(min_value=0, max_value=999, required=False)


class ParameterWriteSerializer(KnownFieldsMixin, serializers.Serializer):
    label = serializers.CharField(max_length=200, required=False)
    guidance = serializers.CharField(required=False, allow_blank=True)
    required = serializers.BooleanField(required=False)
    may_depart = serializers.BooleanField(required=False)
    position = serializers.IntegerField(min_value=0, max_value=999, required=False)


class TranslationWriteSerializer(KnownFieldsMixin, serializers.Serializer):
    heading = serializers.CharField(max_length=200, required=False, allow_blank=True)
    text = serializers.CharField()


class PiecesSerializer(serializers.Serializer):
    operation = serializers.ChoiceField(choices=["equal", "insert", "delete"])
    text = serializers.CharField()


class SectionDiffSerializer(serializers.Serializer):
    key = serializers.CharField()
    change = serializers.ChoiceField(choices=["added", "removed", "changed", "unchanged"])
    heading = serializers.CharField()
    heading_pieces = PiecesSerializer(many=True)
    body_pieces = PiecesSerializer(many=True)


class DiffSerializer(serializers.Serializer):
    older = serializers.IntegerField(source="older.number")
    newer = serializers.IntegerField(source="newer.number")
    sections = SectionDiffSerializer(many=True)
    parameters_added = serializers.SerializerMethodField()
    parameters_removed = serializers.SerializerMethodField()
    parameters_changed = serializers.SerializerMethodField()

    def get_parameters_added(self, diff) -> list[str]:
        return [parameter.key for parameter in diff.parameters.added]

    def get_parameters_removed(self, diff) -> list[str]:
        return [parameter.key for parameter in diff.parameters.removed]

    def get_parameters_changed(self, diff) -> list[str]:
        return [new.key for _old, new in diff.parameters.changed]
