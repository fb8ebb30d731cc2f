from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from advocacy.models import (
    Adaptation,
    AdaptationParameterValue,
    AdaptationSection,
    Endorsement,
    Guideline,
    GuidelineVersion,
    Parameter,
    Section,
    SectionTranslation,
    Translator,
)
from advocacy.services import guidelines as services
from core.admin_actions import ReadOnly, apply_to_each


@admin.register(Guideline)
class GuidelineAdmin(ReadOnly, admin.ModelAdmin):
    """Read-only: guidelines are written on the site, through the services (history records
    who changed what)."""

    list_display = ["title", "slug", "owner", "visibility", "published_at"]
    list_filter = ["visibility"]
    search_fields = ["title", "slug"]
    list_select_related = ["owner"]


class SectionInline(ReadOnly, admin.StackedInline):
    model = Section
    extra = 0
    fields = ["key", "position", "heading", "body", "adaptable", "key_message"]
    readonly_fields = fields


class ParameterInline(ReadOnly, admin.TabularInline):
    model = Parameter
    extra = 0
    fields = ["key", "position", "label", "guidance", "required", "may_depart"]
    readonly_fields = fields


@admin.register(GuidelineVersion)
class GuidelineVersionAdmin(ReadOnly, admin.ModelAdmin):
    """Read-only, with its content: a published version is never edited, by anyone (the
    database refuses it too); drafts are written on the site."""

    list_display = ["guideline", "number", "status", "change_level", "published_at"]
    list_filter = ["status", "change_level"]
    list_select_related = ["guideline"]
    inlines = [SectionInline, ParameterInline]
    actions = ["send_to_review"]

    @admin.action(description=_("Send the selected drafts to review"))
    def send_to_review(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset,
            lambda version: services.send_to_review(version=version, actor=request.user),
            lambda count: (
                ngettext(
                    "%(count)d version sent to review.", "%(count)d versions sent to review.", count
                )
                % {"count": count}
            ),
        )


@admin.register(SectionTranslation)
class SectionTranslationAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["version", "section_key", "language", "state", "translator", "updated_at"]
    list_filter = ["language", "state"]
    list_select_related = ["version", "version__guideline", "translator"]


@admin.register(Translator)
class TranslatorAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["society", "language", "named_by", "named_at"]
    list_filter = ["language"]
    list_select_related = ["society", "named_by"]


class AdaptationParameterValueInline(ReadOnly, admin.TabularInline):
    model = AdaptationParameterValue
    extra = 0


class AdaptationSectionInline(ReadOnly, admin.StackedInline):
    model = AdaptationSection
    extra = 0


@admin.register(Adaptation)
class AdaptationAdmin(ReadOnly, admin.ModelAdmin):
    """Read-only: societies write their adaptations on the site, through the workflow."""

    list_display = ["guideline", "society", "language", "version", "status", "outdated"]
    list_filter = ["status", "outdated", "society__region"]
    search_fields = ["guideline__title", "society__name", "language"]
    list_select_related = ["guideline", "society", "version"]
    inlines = [AdaptationParameterValueInline, AdaptationSectionInline]


@admin.register(Endorsement)
class EndorsementAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["version", "section_key", "society", "endorsed_by", "endorsed_at"]
    list_select_related = ["version", "version__guideline", "society", "endorsed_by"]
