from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from core import services
from core.models import User


class Command(BaseCommand):
    help = (
        "Print a new personal API token for EMAIL (shown once; only its hash is stored). "
        "An administrator's act on the server, for any account: editors and staff can only "
        "use it once their account has two-factor authentication."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", default="token", help="what the token is for")
        parser.add_argument(
            "--days",
            type=int,
            default=settings.API_TOKEN_DAYS,
            help=f"days until it expires (default {settings.API_TOKEN_DAYS})",
        )

    def handle(self, *args, email, name, days, **options):
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user with the email {email!r}.")
        try:
            token, key = services.create_token(user=user, name=name, days=days)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(key)
        self.stderr.write(f"{token.name}: expires {token.expiry:%Y-%m-%d %H:%M} UTC")
