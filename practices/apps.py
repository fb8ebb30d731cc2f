from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Smart practices")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import taxonomy
        from core.sections import register
        from practices import notifications, sections
        from practices.models import Language, TargetGroup

        notifications.register_kinds()
        taxonomy.register_choices("language", Language)
        taxonomy.register_choices("target_groups", TargetGroup)

        register("home", sections.home)
        register("society", sections.society)
        register("region", sections.region)
