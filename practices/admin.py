from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin_actions import ReadOnly, apply_to_each
from practices import services
from practices.models import SECTIONS, TAG_FIELDS, Attachment, Practice


class AttachmentInline(ReadOnly, admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields


@admin.register(Practice)
class PracticeAdmin(ReadOnly, admin.ModelAdmin):
    """A read-only view with the workflow as actions: every write goes through the services,
    so history records the action and the emails go out, as from the site."""

    list_display = ["title", "society", "region", "kind", "status", "visibility", "published_at"]
    list_filter = ["status", "kind", "region"]
    list_select_related = ["society", "region"]
    search_fields = ["title", "summary", "society__name"]
    date_hierarchy = "published_at"
    inlines = [AttachmentInline]
    actions = ["publish", "archive"]
    fieldsets = [
        (None, {"fields": ["title", "kind", "society", "region", "status", "visibility"]}),
        (_("Content"), {"fields": ["language", "summary", *SECTIONS, "partners", "links"]}),
        (
            _("Tags"),
            {"fields": ["countries", *TAG_FIELDS, "target_groups", "start_year", "end_year"]},
        ),
        (_("Contact"), {"fields": ["contact", "contact_email"]}),
        (
            _("Review"),
            {
                "fields": [
                    *services.EDITORIAL_FIELDS,
                    "review_note",
                    "submitted_tags",
                    "pending_revision",
                ]
            },
        ),
        (
            _("Dates"),
            {
                "fields": [
                    "created_by",
                    "created_at",
                    "updated_at",
                    "submitted_at",
                    "published_at",
                    "is_demo",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        # Superusers look at everything, drafts included; other staff see what the site
        # shows them.
        if request.user.is_superuser:
            return Practice.objects.all()
        return Practice.objects.visible_to(request.user)

    def _run(self, request, queryset, service, done_message):
        apply_to_each(
            self,
            request,
            queryset,
            lambda practice: service(practice=practice, actor=request.user),
            done_message,
        )

    @admin.action(description=_("Publish the selected practices"))
    def publish(self, request, queryset):
        self._run(
            request,
            queryset,
            services.publish_practice,
            lambda count: (
                ngettext("%(count)d practice published.", "%(count)d practices published.", count)
                % {"count": count}
            ),
        )

    @admin.action(description=_("Archive the selected practices"))
    def archive(self, request, queryset):
        self._run(
            request,
            queryset,
            services.archive_practice,
            lambda count: (
                ngettext("%(count)d practice archived.", "%(count)d practices archived.", count)
                % {"count": count}
            ),
        )
