from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from core import services
from core.models import (
    Country,
    Dimension,
    Membership,
    NationalSociety,
    Principle,
    Region,
    Step,
    SupportType,
    User,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["society"]
    readonly_fields = ["requested_at", "decided_at", "decided_by"]


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


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "society", "role", "status", "requested_at", "decided_by"]
    list_filter = ["status", "role", "society__region"]
    search_fields = ["user__email", "society__name"]
    autocomplete_fields = ["user", "society"]
    readonly_fields = ["requested_at", "decided_at", "decided_by"]
    actions = ["approve", "reject"]

    @admin.action(description=_("Approve the selected requests"))
    def approve(self, request, queryset):
        for membership in queryset.pending():
            services.decide_membership(membership=membership, actor=request.user, approve=True)

    @admin.action(description=_("Reject the selected requests"))
    def reject(self, request, queryset):
        for membership in queryset.pending():
            services.decide_membership(membership=membership, actor=request.user, approve=False)


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["iso3", "name", "region"]
    list_filter = ["region"]
    search_fields = ["iso3"]


@admin.register(Region, Step, Dimension, SupportType)
class TermAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "position"]

    def has_add_permission(self, request):
        return False  # vocabularies come from core/taxonomy.py, so their codes stay stable

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Principle)
class PrincipleAdmin(TermAdmin):
    list_display = ["code", "name", "within_report_scope"]
