from django.core.management.base import BaseCommand

from core import services


class Command(BaseCommand):
    help = "Make EMAIL an IFRC editor (two-factor authentication is required at first login)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        onboarded = services.add_editor(email=email)
        self.stdout.write(f"{onboarded.user.email} is an IFRC editor.")
        if onboarded.set_password_url:
            self.stdout.write(f"Set-password link (also emailed): {onboarded.set_password_url}")
