from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvocacyConfig(AppConfig):
    name = "advocacy"
    verbose_name = _("Advocacy guidelines and adaptations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from advocacy import notifications, sections
        from core.sections import register

        notifications.register_kinds()
        register("society", sections.society)
