"""The networks in the admin. An editor sets a network up here (its names, kind, regions and
host); its members, requests and coordinators are read-only rows, changed through
networks.services: the manage page for requests, invitations and appointments, and the
actions below."""

import pghistory
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin_actions import ReadOnly, apply_to_each
from networks.models import Network, NetworkCoordinator, NetworkMember, NetworkRequest
from networks.services import networks as services


class MemberInline(ReadOnly, admin.TabularInline):
    model = NetworkMember
    extra = 0
    fields = ["society", "joined_on"]
    readonly_fields = fields


class CoordinatorInline(ReadOnly, admin.TabularInline):
    model = NetworkCoordinator
    extra = 0
    fields = ["user", "appointed_by", "appointed_at"]
    readonly_fields = fields


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "slug", "host_society"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["host_society"]
    inlines = [MemberInline, CoordinatorInline]

    def save_model(self, request, obj, form, change):
        # The history names the editor, as the services' changes do.
        with pghistory.context(user=request.user.pk, action="admin"):
            super().save_model(request, obj, form, change)


@admin.register(NetworkCoordinator)
class NetworkCoordinatorAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["user", "network", "appointed_by", "appointed_at"]
    list_filter = ["network"]
    actions = ["end_appointments"]

    @admin.action(description=_("End the selected appointments"))
    def end_appointments(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset.select_related("user", "network"),
            lambda coordinator: services.remove_coordinator(
                coordinator=coordinator, actor=request.user
            ),
            lambda count: (
                ngettext("%(count)d appointment ended.", "%(count)d appointments ended.", count)
                % {"count": count}
            ),
        )


@admin.register(NetworkRequest)
class NetworkRequestAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["society", "network", "kind", "status", "created_at", "decided_at"]
    list_filter = ["kind", "status", "network"]
