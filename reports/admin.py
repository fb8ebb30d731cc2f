"""Read-only views of the reports app for staff. Every write goes through reports.services (from
the site, the API or the actions below), so that permission, validation and history are the
same whoever makes the change."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin_actions import ReadOnly, apply_to_each
from reports import services
from reports.models import (
    CallForPractices,
    DataValue,
    Indicator,
    Report,
    ReportingPeriod,
    Submission,
)


@admin.register(Indicator)
class IndicatorAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["name", "code", "unit", "currency", "disaggregations", "active", "position"]
    list_filter = ["active", "unit"]
    search_fields = ["name", "code", "definition"]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["label", "opens_on", "closes_on"]
    date_hierarchy = "opens_on"
    filter_horizontal = ["indicators"]


class DataValueInline(ReadOnly, admin.TabularInline):
    model = DataValue
    extra = 0
    fields = ["indicator", "total", "sex_female", "sex_male", "sex_other", "sex_unknown",
              "age_children", "age_adults", "age_older_people", "source_note"]  # fmt: skip
    readonly_fields = fields


@admin.register(Submission)
class SubmissionAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["society", "period", "status", "submitted_at", "reviewed_at"]
    list_filter = ["status", "period", "society__region"]
    list_select_related = ["society", "period"]
    search_fields = ["society__name"]
    inlines = [DataValueInline]
    actions = ["validate"]

    def get_queryset(self, request):
        # Superusers look at everything, drafts included; other staff see what the site shows
        # them.
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.visible_to(request.user)

    @admin.action(description=_("Validate the selected submissions"))
    def validate(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset.select_related("society", "period"),
            lambda submission: services.validate_submission(
                submission=submission, actor=request.user
            ),
            lambda count: (
                ngettext(
                    "%(count)d submission validated.", "%(count)d submissions validated.", count
                )
                % {"count": count}
            ),
        )


@admin.register(Report)
class ReportAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["__str__", "kind", "audience", "period", "status", "created_at", "published_at"]
    list_filter = ["kind", "status", "audience", "scheduled"]
    list_select_related = ["period"]
    exclude = ["result"]  # large JSON; the report page shows it

    def get_queryset(self, request):
        return super().get_queryset(request).defer("result")


@admin.register(CallForPractices)
class CallForPracticesAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["title", "deadline", "created_by", "created_at"]
    date_hierarchy = "deadline"
    search_fields = ["title", "description"]
