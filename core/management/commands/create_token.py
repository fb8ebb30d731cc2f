from django.core.management.base import BaseCommand, CommandError

from core import services
from core.models import User


class Command(BaseCommand):
    help = "Print a new personal API token for EMAIL (shown once; only its hash is stored)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user with the email {email!r}.")
        _token, key = services.create_token(user=user)
        self.stdout.write(key)
