"""The admin writes through core.services, as the site does: permission, validation and the
emails are the same whoever makes the change. What has no service (reference vocabularies and
countries, which load_reference_data rewrites) is read-only here."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core import services
from core.admin_actions import ReadOnly, apply_to_each
from core.models import (
    Country,
    Dimension,
    Membership,
    NationalSociety,
    Notification,
    Principle,
    Region,
    Step,
    SupportType,
    User,
)


class MembershipInline(ReadOnly, admin.TabularInline):
    """The person's memberships, for reading: they change in the membership admin's actions,
    which go through the services."""

    model = Membership
    fk_name = "user"
    extra = 0
    fields = ["society", "role", "status", "requested_at", "decided_at", "decided_by"]
    readonly_fields = fields
    can_delete = False


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "last_login"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profile"), {"fields": ["full_name", "language"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    inlines = [MembershipInline]


@admin.register(NationalSociety)
class NationalSocietyAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "region", "kind"]
    list_filter = ["region", "kind"]
    search_fields = ["name", "country__iso3"]
    prepopulated_fields = {"slug": ["name"]}
    fields = list(services.SOCIETY_FIELDS)
    # A website typed without a scheme is read as https, as on the society's own page.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_delete_permission(self, request, obj=None):
        return False  # memberships, practices and submissions hang on a society

    def save_model(self, request, obj, form, change):
        # The form has validated the model's rules already; the service checks them again for
        # every other caller, and the permission.
        names = form.changed_data if change else form.cleaned_data
        data = {field: form.cleaned_data[field] for field in names}
        if change:
            saved = services.update_society(society=obj, actor=request.user, data=data)
        else:
            saved = services.create_society(actor=request.user, data=data)
        obj.pk = saved.pk


@admin.register(Membership)
class MembershipAdmin(ReadOnly, admin.ModelAdmin):
    """Requests are decided, roles changed and people removed by the actions below (the
    services'); people join by requesting on the site or through the add_member command."""

    list_display = ["user", "society", "role", "status", "requested_at", "decided_by"]
    list_filter = ["status", "role", "society__region"]
    list_select_related = ["user", "society"]
    search_fields = ["user__email", "society__name"]
    fields = ["user", "society", "role", "status", "requested_at", "decided_at", "decided_by"]
    readonly_fields = fields
    actions = ["approve", "reject", "make_focal_point", "make_member", "remove"]

    # ReadOnly: removing goes through the action (remove_membership), never the generic delete.

    @admin.action(description=_("Approve the selected requests"))
    def approve(self, request, queryset):
        self._decide(request, queryset, approve=True)

    @admin.action(description=_("Reject the selected requests"))
    def reject(self, request, queryset):
        self._decide(request, queryset, approve=False)

    def _decide(self, request, queryset, *, approve):
        apply_to_each(
            self,
            request,
            queryset.pending().select_related("user", "society"),
            lambda membership: services.decide_membership(
                membership=membership, actor=request.user, approve=approve
            ),
            lambda count: (
                ngettext("%(count)d request decided.", "%(count)d requests decided.", count)
                % {"count": count}
            ),
        )

    @admin.action(description=_("Make the selected people focal points"))
    def make_focal_point(self, request, queryset):
        self._set_role(request, queryset, Membership.Role.FOCAL_POINT)

    @admin.action(description=_("Make the selected people members"))
    def make_member(self, request, queryset):
        self._set_role(request, queryset, Membership.Role.MEMBER)

    def _set_role(self, request, queryset, role):
        apply_to_each(
            self,
            request,
            queryset.select_related("user", "society"),
            lambda membership: services.set_membership_role(
                membership=membership, actor=request.user, role=role
            ),
            lambda count: (
                ngettext("%(count)d membership changed.", "%(count)d memberships changed.", count)
                % {"count": count}
            ),
        )

    @admin.action(description=_("Remove the selected people from their societies"))
    def remove(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset.select_related("user", "society"),
            lambda membership: services.remove_membership(
                membership=membership, actor=request.user
            ),
            lambda count: (
                ngettext("%(count)d membership removed.", "%(count)d memberships removed.", count)
                % {"count": count}
            ),
        )


class ReferenceDataAdmin(ReadOnly, admin.ModelAdmin):
    """Read-only: countries and vocabularies come from core/data and core/taxonomy.py, so their
    codes stay stable, and load_reference_data would overwrite an edit made here."""


@admin.register(Country)
class CountryAdmin(ReferenceDataAdmin):
    list_display = ["iso3", "name", "region"]
    list_filter = ["region"]
    search_fields = ["iso3"]


@admin.register(Region, Step, Dimension, SupportType)
class TermAdmin(ReferenceDataAdmin):
    list_display = ["code", "name", "position"]


@admin.register(Principle)
class PrincipleAdmin(TermAdmin):
    list_display = ["code", "name", "within_report_scope"]


@admin.register(Notification)
class NotificationAdmin(ReadOnly, admin.ModelAdmin):
    """Read only: failed and waiting emails are visible here; notify() writes the rows."""

    list_display = ["subject", "recipient", "kind", "email_state", "attempts", "created_at"]
    list_filter = ["email_state", "kind"]
    search_fields = ["recipient__email", "key", "subject"]
    date_hierarchy = "created_at"
    list_select_related = ["recipient"]
    # The body is left out: a password link's email holds a secret until it is sent.
    fields = [
        "recipient", "kind", "key", "subject", "url", "created_at", "read_at",
        "email_state", "attempts", "last_error", "sent_at",
    ]  # fmt: skip
    readonly_fields = fields
