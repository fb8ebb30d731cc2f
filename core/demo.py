"""Demo people, so a new machine shows a working platform. Every demo account uses the
reserved domain demo.example and the password in DEMO_PASSWORD (default below).

Editors must log in with a second factor: the demo editor has an authenticator (TOTP) from the
first load, and every load prints its key, to add to an authenticator app, and her unused
recovery codes, each good for one login without the app. Demo accounts are public by design;
nothing of the kind is printed for anyone else."""

import os
from urllib.parse import quote

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.db import transaction

from core import services
from core.models import Membership, NationalSociety, User

DEFAULT_PASSWORD = "demo-hub-2026"

PEOPLE = [
    # email, full name, society country, role
    ("alice@demo.example", "Alice Martin (demo)", "ITA", Membership.Role.MEMBER),
    ("fiona@demo.example", "Fiona Rossi (demo)", "ITA", Membership.Role.FOCAL_POINT),
    ("bob@demo.example", "Bob Otieno (demo)", "KEN", Membership.Role.MEMBER),
    ("amal@demo.example", "Amal Haddad (demo)", "LBN", Membership.Role.FOCAL_POINT),
    ("lucia@demo.example", "Lucía Gómez (demo)", "COL", Membership.Role.FOCAL_POINT),
    ("sione@demo.example", "Sione Taufa (demo)", "FJI", Membership.Role.FOCAL_POINT),
    # The networks' demo appoints her to coordinate a network (networks/demo.py).
    ("nadia@demo.example", "Nadia Alexiou (demo)", "GRC", Membership.Role.MEMBER),
]
PENDING = [("carlos@demo.example", "Carlos Bianchi (demo)", "ITA")]
EDITORS = [("edith@demo.example", "Edith Moreau (demo, IFRC editor)")]


def _person(email: str, full_name: str, password: str) -> User:
    user, _created = User.objects.get_or_create(email=email, defaults={"full_name": full_name})
    user.set_password(password)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


@transaction.atomic
def load() -> list[str]:
    password = os.environ.get("DEMO_PASSWORD", DEFAULT_PASSWORD)
    lines = []
    for email, full_name, country, role in PEOPLE:
        society = NationalSociety.objects.national_societies().get(country_id=country)
        _person(email, full_name, password)
        services.add_member(email=email, society=society, role=role)
        lines.append(f"{email}: {role.label.lower()} of {society.name}")
    for email, full_name, country in PENDING:
        society = NationalSociety.objects.national_societies().get(country_id=country)
        user = _person(email, full_name, password)
        services.request_membership(user=user, society=society)
        lines.append(f"{email}: waiting for approval by {society.name}")
    for email, full_name in EDITORS:
        editor = _person(email, full_name, password)
        services.add_editor(email=email)
        lines.append(f"{email}: IFRC editor, who logs in with a second factor:")
        lines.extend(_second_factor(editor))
    lines.append(f"Password of every demo account: {password}")
    return lines


def _second_factor(user: User) -> list[str]:
    """The user's authenticator app key, created at the first load and the same at each one
    after, and the recovery codes not used yet."""
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if totp is None:
        secret = generate_totp_secret()
        TOTP.activate(user, secret)
    else:
        secret = decrypt(totp.data["secret"])
    codes = RecoveryCodes.activate(user).get_unused_codes()
    issuer = settings.MFA_TOTP_ISSUER
    uri = (
        f"otpauth://totp/{quote(issuer)}:{quote(user.email)}?secret={secret}&issuer={quote(issuer)}"
    )
    key = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return [
        f"  authenticator app key: {key}",
        f"  (or this link, for apps that read one: {uri})",
        "  recovery codes, each for one login without the app: " + " ".join(codes),
    ]
