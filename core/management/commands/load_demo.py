from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand

from core.models import User


class Command(BaseCommand):
    help = "Load the demo data set: each installed app's `demo.load()`, core first."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already holds accounts (used by `make run`).",
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and User.objects.exists():
            self.stdout.write("The database holds content already; no demo data loaded.")
            return
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo"
            if app_config.path.startswith(str(self._project_root())) and find_spec(module_name):
                for line in import_module(module_name).load():
                    self.stdout.write(line)

    def _project_root(self):
        from django.conf import settings

        return settings.BASE_DIR
