"""Reports, indicators, reporting periods and society submissions over the API.

Every queryset starts from the model's visibility rule and every write calls reports.services,
so the API refuses what the pages refuse, with the same messages.
"""

from collections.abc import Mapping

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import (
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_field,
)
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from core.api.filters import CodeFilter
from core.api.parsers import JSONParser, MultiPartParser
from core.audience import Visibility
from core.models import NationalSociety, user_is_editor
from core.permissions import society_acted_for
from practices.api.serializers import NoteSerializer
from reports import services
from reports.api.serializers import (
    CSVImportErrorSerializer,
    CSVUploadSerializer,
    DataCompilationRequestSerializer,
    IndicatorSerializer,
    PeriodSerializer,
    PracticesOverviewRequestSerializer,
    ReportDetailSerializer,
    ReportRequestedSerializer,
    ReportRequestSerializer,
    ReportSerializer,
    SubmissionSerializer,
    SubmissionStartSerializer,
    SubmissionValuesSerializer,
)
from reports.models import (
    GROUPS,
    DataValue,
    Indicator,
    Report,
    ReportingPeriod,
    ReportKind,
    ReportStatus,
    Submission,
    SubmissionStatus,
)


class EditorsWriteEveryoneReads(permissions.BasePermission):
    """Reads are open (each queryset decides what is seen); writes are for IFRC editors.

    The services check the same rule again; asking it here first answers 401 or 403 before the
    body is validated, so a member never learns more from a 400 than from a 403.
    """

    message = gettext_lazy("Only IFRC editors may do this.")

    def has_permission(self, request, view):
        return request.method in permissions.SAFE_METHODS or user_is_editor(request.user)


def _body(request) -> Mapping:
    if not isinstance(request.data, Mapping):
        raise ValidationError({"non_field_errors": [_("Send a JSON object.")]})
    return request.data


# --- Reports --------------------------------------------------------------------------------


class ReportFilter(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=ReportKind.choices)
    status = django_filters.MultipleChoiceFilter(choices=ReportStatus.choices)
    # true or false, nothing else: django-filter's BooleanFilter reads any other word as no
    # filter, so `published=yes` would list every report.
    published = extend_schema_field({"type": "string", "enum": ["true", "false"]})(
        django_filters.TypedChoiceFilter(
            choices=[("true", "true"), ("false", "false")],
            coerce=lambda value: value == "true",
            method="filter_published",
            label=gettext_lazy("Published"),
        )
    )

    class Meta:
        model = Report
        fields = ["kind", "status", "published"]

    def filter_published(self, queryset, name, value):
        return queryset.filter(published_at__isnull=not value)


class ReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Reports compiled from the published practices (practices overview) or from the
    societies' validated values of a period (data compilation).

    Editors see and request every report; others see the published reports meant for them.
    A report is a snapshot: an identical request on unchanged data answers the existing one.
    """

    filterset_class = ReportFilter
    permission_classes = [EditorsWriteEveryoneReads]
    parser_classes = [JSONParser]

    def get_queryset(self):
        reports = Report.objects.visible_to(self.request.user).select_related("period")
        if self.action == "list":
            # The figures can be large and a list does not show them.
            return reports.defer("result")
        return reports

    def get_serializer_class(self):
        return ReportSerializer if self.action == "list" else ReportDetailSerializer

    @extend_schema(
        request=PolymorphicProxySerializer(
            component_name="ReportRequest",
            serializers={
                ReportKind.PRACTICES_OVERVIEW.value: PracticesOverviewRequestSerializer,
                ReportKind.DATA_COMPILATION.value: DataCompilationRequestSerializer,
            },
            resource_type_field_name="kind",
        ),
        responses={
            202: OpenApiResponse(
                ReportRequestedSerializer, description="New, or reused and still compiling."
            ),
            200: OpenApiResponse(ReportRequestedSerializer, description="Reused and done."),
        },
    )
    def create(self, request):
        """Ask for a report (editors). The worker compiles it; follow `url` until its status
        is done."""
        body = _body(request)
        ReportRequestSerializer().refuse_unknown_fields(body)
        # The service checks the whole request (kinds, filter codes, period) so that the page
        # and the API give the same field errors, e.g. "filters.region".
        report, created = services.request_report(
            actor=request.user,
            kind=body.get("kind"),
            filters=body.get("filters"),
            period=body.get("period"),
            audience=body.get("audience", Visibility.PUBLIC),
            threshold=body.get("threshold", 3),
        )
        # Without a broker the compile ran as the request committed: answer its real status.
        report.refresh_from_db(fields=["status"])
        done = report.status == ReportStatus.DONE
        return Response(
            {
                "id": report.pk,
                "status": report.status,
                "url": request.build_absolute_uri(reverse("api:report-detail", args=[report.pk])),
                "reused": not created,
            },
            status=status.HTTP_200_OK if done and not created else status.HTTP_202_ACCEPTED,
        )

    def _detail(self, report):
        report = self.get_queryset().get(pk=report.pk)
        return Response(ReportDetailSerializer(report, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses=ReportDetailSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Make a finished report visible to its audience (editors)."""
        return self._detail(services.publish_report(report=self.get_object(), actor=request.user))

    @extend_schema(request=None, responses=ReportDetailSerializer)
    @action(detail=True, methods=["post"])
    def unpublish(self, request, pk=None):
        return self._detail(services.unpublish_report(report=self.get_object(), actor=request.user))


# --- Indicators and periods -------------------------------------------------------------------


class IndicatorViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The indicators societies report on, by code. Editors define them and also see the
    inactive ones."""

    serializer_class = IndicatorSerializer
    permission_classes = [EditorsWriteEveryoneReads]
    parser_classes = [JSONParser]
    lookup_field = "code"

    def get_queryset(self):
        indicators = Indicator.objects.all()
        if user_is_editor(self.request.user):
            return indicators
        return indicators.filter(active=True)

    def perform_create(self, serializer):
        serializer.instance = services.save_indicator(
            actor=self.request.user, data=dict(serializer.validated_data)
        )

    def perform_update(self, serializer):
        serializer.instance = services.save_indicator(
            actor=self.request.user,
            data=dict(serializer.validated_data),
            indicator=serializer.instance,
        )


class PeriodViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Reporting periods, with the codes of their indicators. Editors define them."""

    serializer_class = PeriodSerializer
    permission_classes = [EditorsWriteEveryoneReads]
    parser_classes = [JSONParser]

    def get_queryset(self):
        return ReportingPeriod.objects.prefetch_related("indicators")

    def _save(self, serializer, period=None):
        data = dict(serializer.validated_data)
        indicators = data.pop("indicators", None)
        period = services.save_period(
            actor=self.request.user, data=data, indicators=indicators, period=period
        )
        serializer.instance = self.get_queryset().get(pk=period.pk)

    def perform_create(self, serializer):
        self._save(serializer)

    def perform_update(self, serializer):
        self._save(serializer, serializer.instance)


# --- Submissions ----------------------------------------------------------------------------

# A value's groups as the API writes them ("sex": {"female": 3}) and the service's flat field
# for each ("sex_female"), both ways.
GROUP_FIELDS = {
    (str(disaggregation), code): column
    for disaggregation, groups in GROUPS.items()
    for code, column, _label in groups
}
API_FIELDS = {column: f"{group}.{code}" for (group, code), column in GROUP_FIELDS.items()}


def flat_values(given: Mapping) -> tuple[dict[str, dict], dict[str, list[str]]]:
    """The API's nested values as reports.services takes them, and the errors of shape (keyed
    like the service's errors, below)."""
    values: dict[str, dict] = {}
    errors: dict[str, list[str]] = {}
    for code, fields in given.items():
        if not isinstance(fields, Mapping):
            errors[f"values.{code}"] = [
                _('Give the value as an object: {"total": …, "sex": {…}, "age": {…}}.')
            ]
            continue
        flat = {}
        for name, given_value in fields.items():
            if name in ("total", "source_note"):
                flat[name] = given_value
            elif name in GROUPS:
                if given_value is None:
                    continue
                if not isinstance(given_value, Mapping):
                    errors[f"values.{code}.{name}"] = [
                        _("Give the breakdown as an object by group.")
                    ]
                    continue
                for group, number in given_value.items():
                    column = GROUP_FIELDS.get((name, group))
                    if column is None:
                        groups = ", ".join(group_code for group_code, _c, _l in GROUPS[name])
                        errors[f"values.{code}.{name}.{group}"] = [
                            _("Unknown group; this breakdown has: %(groups)s.") % {"groups": groups}
                        ]
                    else:
                        flat[column] = number
            else:
                errors[f"values.{code}.{name}"] = [
                    _("Unknown field; a value has total, sex, age and source_note.")
                ]
        values[code] = flat
    return values, errors


def api_value_errors(message_dict: dict[str, list[str]]) -> dict[str, list[str]]:
    """The service's "<code>.<field>" errors as "values.<code>.<field>", the group fields named
    as the API writes them ("sex_female" → "sex.female")."""
    errors = {}
    for key, messages in message_dict.items():
        if "." not in key:
            errors[key] = messages
            continue
        code, field = key.rsplit(".", 1)
        errors[f"values.{code}.{API_FIELDS.get(field, field)}"] = messages
    return errors


def describe_problem(problem: dict) -> str:
    if problem["row"] and problem["column"]:
        return _("Row %(row)s, column %(column)s: %(reason)s") % problem
    if problem["row"]:
        return _("Row %(row)s: %(reason)s") % problem
    return problem["reason"]


class SubmissionFilter(django_filters.FilterSet):
    period = django_filters.ModelMultipleChoiceFilter(queryset=ReportingPeriod.objects.all())
    society = CodeFilter(field_name="society__slug", model=NationalSociety, to_field="slug")
    status = django_filters.MultipleChoiceFilter(choices=SubmissionStatus.choices)

    class Meta:
        model = Submission
        fields = ["period", "society", "status"]


class SubmissionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Each society's data for a reporting period.

    Members and focal points of the society see theirs (drafts included), enter the values
    while the period is open and submit them; IFRC editors see what societies submitted and
    validate it or return it with a note.
    """

    serializer_class = SubmissionSerializer
    filterset_class = SubmissionFilter
    permission_classes = [permissions.IsAuthenticated]
    http_method_names = ["get", "post", "patch", "head", "options"]
    parser_classes = [JSONParser]

    def get_queryset(self):
        return (
            Submission.objects.visible_to(self.request.user)
            .select_related("society", "period")
            .prefetch_related(
                Prefetch("values", queryset=DataValue.objects.select_related("indicator"))
            )
        )

    def _detail(self, submission, status_code=status.HTTP_200_OK):
        submission = self.get_queryset().get(pk=submission.pk)
        serializer = SubmissionSerializer(submission, context=self.get_serializer_context())
        return Response(serializer.data, status=status_code)

    @extend_schema(
        request=SubmissionStartSerializer,
        responses={201: SubmissionSerializer, 200: SubmissionSerializer},
    )
    def create(self, request):
        """Start the society's submission for a period (members and focal points); answers
        the existing one (200) if it was started before."""
        serializer = SubmissionStartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        period = serializer.validated_data["period"]
        society = society_acted_for(
            request.user,
            serializer.validated_data.get("society"),
            which=_("Say which society's values these are (its slug)."),
        )
        existed = Submission.objects.filter(society=society, period=period).exists()
        submission = services.start_submission(actor=request.user, society=society, period=period)
        return self._detail(submission, status.HTTP_200_OK if existed else status.HTTP_201_CREATED)

    @extend_schema(request=SubmissionValuesSerializer, responses=SubmissionSerializer)
    def partial_update(self, request, pk=None):
        """Save values (all or none): {"values": {code: {"total", "sex": {"female", …},
        "age": {"children", …}, "source_note"}}}. A null total removes the indicator's value;
        indicators not named keep theirs. Errors are keyed "values.<code>.<field>"."""
        submission = self.get_object()
        body = _body(request)
        SubmissionValuesSerializer().refuse_unknown_fields(body)
        given = body.get("values", {})  # none: the period and status are checked, nothing saved
        if not isinstance(given, Mapping):
            raise ValidationError(
                {"values": [_("Give the values as an object keyed by indicator code.")]}
            )
        values, errors = flat_values(given)
        if errors:
            raise ValidationError(errors)
        try:
            services.save_values(submission=submission, actor=request.user, values=values)
        except DjangoValidationError as error:
            if not hasattr(error, "error_dict"):
                raise  # about the whole submission (closed period, already submitted)
            raise ValidationError(api_value_errors(error.message_dict)) from None
        return self._detail(submission)

    @extend_schema(request=None, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Send the values to the IFRC (members and focal points)."""
        submission = services.submit_submission(submission=self.get_object(), actor=request.user)
        return self._detail(submission)

    @extend_schema(request=None, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"])
    def validate(self, request, pk=None):
        """Accept the values: they count in data compilations (editors)."""
        submission = services.validate_submission(submission=self.get_object(), actor=request.user)
        return self._detail(submission)

    @extend_schema(request=NoteSerializer, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_for_changes(self, request, pk=None):
        """Send the values back to the society with a note (editors)."""
        submission = self.get_object()
        serializer = NoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        submission = services.return_submission(
            submission=submission, actor=request.user, note=serializer.validated_data["note"]
        )
        return self._detail(submission)

    @extend_schema(
        request={"multipart/form-data": CSVUploadSerializer},
        responses={200: SubmissionSerializer, 400: CSVImportErrorSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="import",
        url_name="import",
        parser_classes=[MultiPartParser],
    )
    def import_values(self, request, pk=None):
        """Import the values from a CSV file (multipart field `file`), one row per indicator.
        Either every row is right and all are saved, or nothing changes and `problems` lists
        each one with its row and column."""
        submission = self.get_object()
        serializer = CSVUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            services.import_values_csv(
                submission=submission, actor=request.user, upload=serializer.validated_data["file"]
            )
        except services.CSVImportError as error:
            return Response(
                {
                    "detail": _("The file was not imported; nothing changed."),
                    "errors": {"file": [describe_problem(problem) for problem in error.problems]},
                    "problems": error.problems,
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        return self._detail(submission)
