from django.core.management.base import BaseCommand, CommandError

from core import services
from core.models import Membership, NationalSociety


class Command(BaseCommand):
    help = "Make EMAIL an approved member (or focal point) of the National Society of a country."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--society", required=True, help="ISO 3166 alpha-3 code, e.g. ITA")
        parser.add_argument("--role", choices=Membership.Role.values, default="member")

    def handle(self, *args, email, society, role, **options):
        found = NationalSociety.objects.filter(country_id=society.upper()).order_by("kind").first()
        if found is None:
            raise CommandError(f"No National Society for the country code {society!r}.")
        onboarded, membership = services.add_member(email=email, society=found, role=role)
        self.stdout.write(
            f"{onboarded.user.email} is {membership.get_role_display().lower()} of {found.name}."
        )
        if onboarded.set_password_url:
            self.stdout.write(f"Set-password link (also emailed): {onboarded.set_password_url}")
