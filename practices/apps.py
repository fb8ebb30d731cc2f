from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Smart practices")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.sections import register
        from practices import notifications, sections

        notifications.register_kinds()

        register("home", sections.home)
        register("society", sections.society)
        register("region", sections.region)
