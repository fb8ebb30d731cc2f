from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "networks"
    verbose_name = _("Networks, routes and responses")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.sections import register
        from networks import notifications, route_notifications, route_sections, sections

        notifications.register_kinds()
        route_notifications.register_offer_kinds()
        route_notifications.register_trail_kinds()
        register("society", sections.society)
        register("society", route_sections.society_offers)
        register("network", route_sections.network_routes)
        notifications.register_response_kinds()
        register("home", sections.home_responses)
        register("society", sections.society_responses)
        register("network", sections.network_responses)
