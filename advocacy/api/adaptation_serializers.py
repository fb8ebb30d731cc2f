"""Adaptations over the API: what a list, a detail and the grid answer, and the bodies of
writes. Shapes and lengths are checked here; permission, language codes, parameters and
sections by advocacy.services.adaptations, whose errors come back as 400 naming the field."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from advocacy.diff import pieces_as_json
from advocacy.grid import CellState, cell_state
from advocacy.models import Adaptation, Guideline
from advocacy.workflow import ADAPTATION_WORKFLOW
from core.api.serializers import KnownFieldsMixin, ListedSlugRelatedField
from core.audience import Visibility
from core.models import NationalSociety


class AdaptationListSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:adaptation-detail")
    guideline = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    version = serializers.IntegerField(source="version.number", read_only=True)
    society = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    society_name = serializers.CharField(source="society.label", read_only=True)
    region = serializers.CharField(source="society.region.code", read_only=True)
    state = serializers.SerializerMethodField(
        help_text="The grid's state: the status, or `outdated` for an adaptation of a version "
        "a substantive one replaced."
    )
    outdated_since_version = serializers.IntegerField(
        source="outdated_since_version.number", read_only=True, allow_null=True
    )

    class Meta:
        model = Adaptation
        fields = [
            "id",
            "url",
            "guideline",
            "version",
            "society",
            "society_name",
            "region",
            "language",
            "title",
            "status",
            "outdated",
            "outdated_since_version",
            "state",
            "visibility",
            "submitted_at",
            "approved_at",
            "published_at",
            "updated_at",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=CellState.choices))
    def get_state(self, adaptation) -> str:
        return cell_state(adaptation.status, adaptation.outdated)


class ParameterValueSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    guidance = serializers.CharField()
    required = serializers.BooleanField()
    may_depart = serializers.BooleanField()
    text = serializers.CharField(help_text="The society's text; empty where not filled in.")


class AdaptedSectionSerializer(serializers.Serializer):
    key = serializers.CharField()
    heading = serializers.CharField()
    adaptable = serializers.BooleanField()
    rewritten = serializers.BooleanField(help_text="Whether the society rewrote the section.")
    text = serializers.CharField(help_text="The society's text, else the guideline's.")


class DiffPieceSerializer(serializers.Serializer):
    operation = serializers.ChoiceField(choices=["equal", "insert", "delete"])
    text = serializers.CharField()


class SectionChangeSerializer(serializers.Serializer):
    key = serializers.CharField()
    change = serializers.ChoiceField(choices=["added", "removed", "changed", "unchanged"])
    heading = serializers.CharField()
    body = DiffPieceSerializer(many=True)


class ChangesSinceSerializer(serializers.Serializer):
    from_version = serializers.IntegerField()
    to_version = serializers.IntegerField()
    sections = SectionChangeSerializer(many=True)
    parameters_added = serializers.ListField(child=serializers.CharField())
    parameters_removed = serializers.ListField(child=serializers.CharField())


class AdaptationDetailSerializer(AdaptationListSerializer):
    parameters = serializers.SerializerMethodField()
    sections = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField(
        help_text="The workflow steps the requester may take now."
    )
    changes_since = serializers.SerializerMethodField(
        help_text="For an outdated adaptation: what changed in the source since its version, "
        "section by section, and the parameters added and removed."
    )

    class Meta(AdaptationListSerializer.Meta):
        fields = [
            *AdaptationListSerializer.Meta.fields,
            "departure_note",
            "return_note",
            "parameters",
            "sections",
            "actions",
            "changes_since",
        ]

    @extend_schema_field(ParameterValueSerializer(many=True))
    def get_parameters(self, adaptation):
        values = {value.parameter_key: value.text for value in adaptation.parameter_values.all()}
        return [
            {
                "key": parameter.key,
                "label": parameter.label,
                "guidance": parameter.guidance,
                "required": parameter.required,
                "may_depart": parameter.may_depart,
                "text": values.get(parameter.key, ""),
            }
            for parameter in adaptation.version.parameters.all()
        ]

    @extend_schema_field(AdaptedSectionSerializer(many=True))
    def get_sections(self, adaptation):
        rewritten = {section.section_key: section for section in adaptation.sections.all()}
        return [
            {
                "key": section.key,
                "heading": section.heading,
                "adaptable": section.adaptable,
                "rewritten": section.key in rewritten,
                "text": rewritten[section.key].text if section.key in rewritten else section.body,
            }
            for section in adaptation.version.sections.all()
        ]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_actions(self, adaptation):
        return ADAPTATION_WORKFLOW.available_names(adaptation, self.context["request"].user)

    @extend_schema_field(ChangesSinceSerializer(allow_null=True))
    def get_changes_since(self, adaptation):
        changes = self.context.get("changes")
        if changes is None:
            return None
        return {
            "from_version": changes.older.number,
            "to_version": changes.newer.number,
            "sections": [
                {
                    "key": section.key,
                    "change": section.change,
                    "heading": section.heading,
                    "body": pieces_as_json(section.body_pieces),
                }
                for section in changes.sections
            ],
            "parameters_added": [parameter.key for parameter in changes.parameters.added],
            "parameters_removed": [parameter.key for parameter in changes.parameters.removed],
        }


class AdaptationCreateSerializer(KnownFieldsMixin, serializers.Serializer):
    guideline = ListedSlugRelatedField(slug_field="slug", queryset=Guideline.objects.all())
    language = serializers.CharField(
        max_length=35,
        help_text="A BCP 47 code: en, fr, es, ar, or the society's own (it, pt-BR...).",
    )
    society = ListedSlugRelatedField(
        slug_field="slug",
        queryset=NationalSociety.objects.all(),
        required=False,
        help_text="Slug; needed only for members of several societies.",
    )
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)


class AdaptationWriteSerializer(KnownFieldsMixin, serializers.Serializer):
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    departure_note = serializers.CharField(required=False, allow_blank=True)
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)
    parameters = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        required=False,
        help_text="{parameter key: the society's text}; an empty text clears it.",
    )
    sections = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        required=False,
        help_text="{adaptable section key: the society's text}; empty: the guideline's text.",
    )


class GridCellSerializer(serializers.Serializer):
    language = serializers.CharField()
    state = serializers.ChoiceField(choices=CellState.choices)
    version = serializers.IntegerField(allow_null=True)
    adaptation = serializers.IntegerField(allow_null=True)


class GridRowSerializer(serializers.Serializer):
    society = serializers.CharField()
    society_name = serializers.CharField()
    region = serializers.CharField()
    cells = GridCellSerializer(many=True)


class GridLanguageSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class GridSerializer(serializers.Serializer):
    guideline = serializers.CharField()
    societies = serializers.IntegerField()
    languages = GridLanguageSerializer(many=True)
    counts = serializers.DictField(child=serializers.IntegerField())
    rows = GridRowSerializer(many=True)
