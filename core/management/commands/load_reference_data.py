from django.core.management.base import BaseCommand

from core.reference import sync_reference_data


class Command(BaseCommand):
    help = "Load or refresh regions, taxonomy, countries and National Societies (idempotent)."

    def handle(self, *args, **options):
        counts = sync_reference_data()
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(f"Reference data loaded: {summary}.")
