"""Shapes of the reports API. Serializers check types and lengths; every rule about codes,
periods, permission and workflow lives in reports.services, whose field errors come back as 400
naming the field."""

from django.urls import reverse
from django_filters import BaseInFilter, MultipleChoiceFilter
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.serializers import (
    ErrorSerializer,
    KnownFieldsMixin,
    ListedPrimaryKeyRelatedField,
    ListedSlugRelatedField,
)
from core.audience import Visibility
from core.models import NationalSociety
from core.translations import LANGUAGES
from practices.api.serializers import SocietyBriefSerializer
from reports.compile import DATA_FILTERS, OVERVIEW_FILTERS, PracticeFilter, json_number
from reports.models import (
    GROUPS,
    TRANSLATED_FIELDS,
    Indicator,
    Report,
    ReportingPeriod,
    ReportKind,
    ReportStatus,
    Submission,
)
from reports.workflow import REPORT_WORKFLOW, SUBMISSION_WORKFLOW

# --- Reports --------------------------------------------------------------------------------

# The files a finished report can be downloaded as (served by the report pages); HXL tags
# describe humanitarian data points, so only data compilations have an HXL file.
DOWNLOAD_FORMATS = {
    ReportKind.PRACTICES_OVERVIEW: ["json", "csv"],
    ReportKind.DATA_COMPILATION: ["json", "csv", "hxl"],
}


def _filter_schema(name: str) -> dict:
    """A report filter: a list of the practice filter's codes (its text, for a search)."""
    practice_filter = PracticeFilter.base_filters[name]
    choices = practice_filter.extra.get("choices")
    if isinstance(practice_filter, MultipleChoiceFilter) and choices is not None:
        codes = [code for code, _label in (choices() if callable(choices) else choices)]
        return {"type": "array", "items": {"type": "string", "enum": codes}}
    text = {"type": "array", "items": {"type": "string", "pattern": "^[^\\u0000]*$"}}
    # Society slugs, several; a search or a date, one.
    return text if isinstance(practice_filter, BaseInFilter) else {**text, "maxItems": 1}


def report_filters(names: list[str], description: str) -> serializers.DictField:
    """A request's filters. The service, not a serializer, reads them (and names a bad one
    `filters.<name>`); this field only documents them, inline rather than as a component, as
    the catalogue's vocabularies already have their named enums."""
    schema = {
        "type": "object",
        "description": description,
        "properties": {name: _filter_schema(name) for name in names},
        "additionalProperties": False,
    }
    field_class = extend_schema_field(schema)(
        type("ReportFiltersField", (serializers.DictField,), {})
    )
    return field_class(child=serializers.ListField(child=serializers.CharField()), required=False)


def _audience():
    return serializers.ChoiceField(
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text="Only practices this audience may see are counted.",
    )


def _threshold():
    return serializers.IntegerField(
        min_value=1, max_value=1000, default=3, help_text="Fewer practices than this is a gap."
    )


class ReportRequestSerializer(KnownFieldsMixin, serializers.Serializer):
    """The fields of POST /reports/, for refusing the others; reports.services.
    clean_report_request checks them, so that the page and the API refuse the same requests
    with the same messages. The schema shows each kind's request apart (below)."""

    kind = serializers.ChoiceField(choices=ReportKind.choices)
    filters = report_filters([*OVERVIEW_FILTERS, *DATA_FILTERS], "")
    period = serializers.CharField(required=False, allow_null=True)
    audience = _audience()
    threshold = _threshold()


class PracticesOverviewRequestSerializer(KnownFieldsMixin, serializers.Serializer):
    kind = serializers.ChoiceField(choices=[ReportKind.PRACTICES_OVERVIEW.value])
    filters = report_filters(
        OVERVIEW_FILTERS, 'The catalogue\'s filters by code, e.g. {"region": ["europe"]}.'
    )
    audience = _audience()
    threshold = _threshold()


class DataCompilationRequestSerializer(KnownFieldsMixin, serializers.Serializer):
    kind = serializers.ChoiceField(choices=[ReportKind.DATA_COMPILATION.value])
    filters = report_filters(DATA_FILTERS, "Regions and societies, by code and slug.")
    period = ListedPrimaryKeyRelatedField(
        queryset=ReportingPeriod.objects.all(),
        help_text="The reporting period's id (its label is also understood).",
    )
    audience = _audience()
    threshold = _threshold()


class ReportRequestedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=ReportStatus.choices)
    url = serializers.URLField()
    reused = serializers.BooleanField(
        help_text="An identical request on unchanged data: the existing snapshot is answered."
    )


class PeriodBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportingPeriod
        fields = ["id", "label"]


class ReportSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:report-detail")
    web_url = serializers.SerializerMethodField()
    period = PeriodBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Report
        fields = [
            "id",
            "url",
            "web_url",
            "kind",
            "audience",
            "filters",
            "period",
            "threshold",
            "status",
            "progress",
            "error",
            "scheduled",
            "created_at",
            "generated_at",
            "published_at",
        ]
        read_only_fields = fields

    def get_web_url(self, report) -> str:
        return self.context["request"].build_absolute_uri(report.get_absolute_url())


class ReportDetailSerializer(ReportSerializer):
    downloads = serializers.SerializerMethodField()
    result = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField(
        help_text="The workflow steps the requester may take now (POST to the action's URL)."
    )

    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "downloads", "result", "actions"]
        read_only_fields = fields

    def get_actions(self, report) -> list[str]:
        return REPORT_WORKFLOW.available_names(report, self.context["request"].user)

    def get_downloads(self, report) -> dict[str, str]:
        """Links to the report's files by format; none until the report is done."""
        if report.status != ReportStatus.DONE:
            return {}
        request = self.context["request"]
        return {
            fmt: request.build_absolute_uri(reverse("reports:download", args=[report.pk, fmt]))
            for fmt in DOWNLOAD_FORMATS[report.kind]
        }

    def get_result(self, report) -> dict | None:
        """The figures; null until the report is done (a snapshot never changes after)."""
        return report.result if report.status == ReportStatus.DONE else None


# --- Indicators and periods -------------------------------------------------------------------


# Each text as long as the indicator's TranslationsField allows (a name 200 characters).
IndicatorTextsSerializer = type(
    "IndicatorTextsSerializer",
    (KnownFieldsMixin, serializers.Serializer),
    {
        field: serializers.CharField(required=False, allow_blank=True, max_length=max_length)
        for field, max_length in TRANSLATED_FIELDS.items()
    },
)


IndicatorTranslationsSerializer = type(
    "IndicatorTranslationsSerializer",
    (KnownFieldsMixin, serializers.Serializer),
    {language: IndicatorTextsSerializer(required=False) for language in LANGUAGES},
)


# Documented as its languages and texts; read as JSON and checked by the service.
@extend_schema_field(IndicatorTranslationsSerializer)
class IndicatorTranslationsField(serializers.JSONField):
    pass


class IndicatorSerializer(KnownFieldsMixin, serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:indicator-detail", lookup_field="code"
    )
    label = serializers.SerializerMethodField()
    # Checked by reports.services.save_indicator, as the editors' page is.
    translations = IndicatorTranslationsField(
        required=False,
        help_text=(
            'Name, definition and guidance in the other languages: {"fr": {"name": ..., '
            '"definition": ..., "guidance": ...}, "es": {...}, "ar": {...}}. Sending it '
            "replaces them all; a missing text falls back to English."
        ),
    )

    class Meta:
        model = Indicator
        fields = [
            "id",
            "url",
            "code",
            "name",
            "definition",
            "unit",
            "currency",
            "disaggregations",
            "guidance",
            "translations",
            "label",
            "active",
            "position",
        ]
        read_only_fields = ["id", "url", "label"]

    def get_label(self, indicator) -> str:
        """The name in the request's language (`?lang=` or Accept-Language), else English."""
        return indicator.localized_name()


class PeriodSerializer(KnownFieldsMixin, serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:period-detail")
    indicators = ListedSlugRelatedField(
        many=True,
        at_least_one=True,
        slug_field="code",
        queryset=Indicator.objects.all(),
        help_text="Codes of the indicators societies report for this period.",
    )
    is_open = serializers.SerializerMethodField()

    class Meta:
        model = ReportingPeriod
        fields = ["id", "url", "label", "opens_on", "closes_on", "indicators", "is_open"]
        read_only_fields = ["id", "url", "is_open"]

    def get_is_open(self, period) -> bool:
        return period.is_open()


# --- Submissions ----------------------------------------------------------------------------


class SubmissionSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:submission-detail")
    web_url = serializers.SerializerMethodField()
    society = SocietyBriefSerializer(read_only=True)
    period = PeriodBriefSerializer(read_only=True)
    values = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField(
        help_text="The workflow steps the requester may take now (POST to the action's URL)."
    )

    class Meta:
        model = Submission
        fields = [
            "id",
            "url",
            "web_url",
            "society",
            "period",
            "status",
            "review_note",
            "submitted_at",
            "reviewed_at",
            "updated_at",
            "values",
            "actions",
        ]
        read_only_fields = fields

    def get_actions(self, submission) -> list[str]:
        return SUBMISSION_WORKFLOW.available_names(submission, self.context["request"].user)

    def get_web_url(self, submission) -> str:
        return self.context["request"].build_absolute_uri(submission.get_absolute_url())

    def get_values(self, submission) -> dict[str, dict]:
        """{indicator code: {"total", "sex": {...}, "age": {...}, "source_note"}}, with only
        the breakdowns the indicator offers; a group left empty is null (unknown)."""
        values = {}
        for value in submission.values.all():
            entry = {"total": json_number(value.total)}
            for disaggregation, groups in value.group_values().items():
                entry[disaggregation] = {
                    code: json_number(number) for code, number in groups.items()
                }
            entry["source_note"] = value.source_note
            values[value.indicator.code] = entry
        return values


class SubmissionStartSerializer(KnownFieldsMixin, serializers.Serializer):
    period = ListedPrimaryKeyRelatedField(queryset=ReportingPeriod.objects.all())
    society = ListedSlugRelatedField(
        slug_field="slug",
        queryset=NationalSociety.objects.all(),
        required=False,
        help_text="Slug; needed only for members of several societies.",
    )


def _number(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True, **kwargs)


def _groups_serializer(disaggregation) -> serializers.Serializer:
    """A breakdown's groups by code, e.g. {"female": 3, "male": 4}."""
    fields = {code: _number(required=False) for code, _column, _label in GROUPS[disaggregation]}
    name = f"{str(disaggregation).title()}GroupsSerializer"
    return type(name, (KnownFieldsMixin, serializers.Serializer), fields)(required=False)


# One indicator's value as the API writes it (documentation of PATCH: the view maps the groups
# to reports.services' flat fields, and checks them).
ValueSerializer = type(
    "ValueSerializer",
    (KnownFieldsMixin, serializers.Serializer),
    {
        "total": _number(),
        **{str(name): _groups_serializer(name) for name in GROUPS},
        "source_note": serializers.CharField(required=False, allow_blank=True),
    },
)


class SubmissionValuesSerializer(KnownFieldsMixin, serializers.Serializer):
    values = serializers.DictField(
        child=ValueSerializer(),
        help_text="By indicator code. A null total removes the indicator's value.",
    )


class CSVUploadSerializer(KnownFieldsMixin, serializers.Serializer):
    file = serializers.FileField(
        help_text="UTF-8 CSV: indicator,total,"
        + ",".join(code for groups in GROUPS.values() for code, _column, _label in groups)
        + ",source_note"
    )


class CSVProblemSerializer(serializers.Serializer):
    row = serializers.IntegerField(
        allow_null=True, help_text="Row 1 is the header; null for the whole file."
    )
    column = serializers.CharField(allow_null=True, help_text="Null for the whole row or file.")
    reason = serializers.CharField()


class CSVImportErrorSerializer(ErrorSerializer):
    """A file that was not imported: nothing changed; where the file was read, `problems` lists
    each problem in it (a request without a file has `errors` only)."""

    problems = CSVProblemSerializer(many=True, required=False)
