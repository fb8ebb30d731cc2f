from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports and data points")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.sections import register
        from reports import notifications, sections

        notifications.register_kinds()

        register("home", sections.home)
