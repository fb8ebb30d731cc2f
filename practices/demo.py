"""Demo practices that mirror the IFRC report in shared/seed: its 59 smart practices and 13 smart
operational elements, with the report's counts by step, region, type of support, principle and
dimension, plus a few drafts and submissions so the editors' review queue has work in it.

Every practice goes through the editorial services, as a member of the owning society would
write it and the demo editor would publish it: with links (the society's website, the Family
Links site where families are concerned), the author as contact person, a public contact
address at demo.example and, for those written in English, French or Spanish, a one-page
summary sheet as a PDF attachment (practices/demo_sheets.py). Loading twice adds nothing; a
later load gives demo practices loaded before these existed their links, contact address and
sheet.

Past 500 lines on purpose: half of it is the table of the report's 72 practices (which society,
where, which theme, language, principles, dimensions), which reads best as rows beside the code
that loads them; the words of the themes are data files (practices/demo_data/).
"""

from __future__ import annotations

import json
import logging
import os
import random
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import NamedTuple

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Case, F, Value, When
from django.test.utils import override_settings
from django.utils import timezone

from core import services as core_services
from core.audience import Visibility
from core.demo import DEFAULT_PASSWORD
from core.models import Membership, NationalSociety, User
from core.taxonomy import Kind
from practices import demo_sheets, services
from practices.models import Practice, Status

# The words of the demo practices, one entry per theme and language (practices/demo_data/).
# A practice is a theme told by one society about one place: the theme gives the title, the
# summary and the substance of each section; FRAMES give the sentences every practice of a
# language shares (how the work started, who runs it, what it costs). Placeholders:
# {Society}/{society} (the society's name at the start of a sentence / inside one), {place},
# {reached}, {volunteers}, {staff}, {start_year}, {review}, {review_year}, {cost}, {equipment}.
DEMO_DATA = Path(__file__).resolve().parent / "demo_data"
FRAMES = json.loads((DEMO_DATA / "frames.json").read_text(encoding="utf-8"))
THEMES = json.loads((DEMO_DATA / "themes.json").read_text(encoding="utf-8"))

DEMO_DOMAIN = "@demo.example"
EDITOR = "edith@demo.example"


class Theme(NamedTuple):
    kind: str
    steps: list[str]
    support_types: list[str]
    target_groups: list[str]


SMART, ELEMENT = Kind.SMART_PRACTICE, Kind.OPERATIONAL_ELEMENT
# What each theme of practices/demo_data/themes.json is about, in taxonomy codes.
THEME_TAGS = {
    "safe-migration-sessions": Theme(SMART, ["origin"], ["awareness-raising"], ["children"]),
    "risk-radio": Theme(SMART, ["origin"], ["awareness-raising"], ["trafficking-survivors"]),
    "pathways-dialogue": Theme(SMART, ["origin"], ["advocacy"], ["returnees"]),
    "rfl-border": Theme(SMART, ["transition-at-borders"], ["protection"], ["children"]),
    "border-service-point": Theme(SMART, ["transition-at-borders"], ["assistance"], ["women"]),
    "rights-at-borders": Theme(
        SMART, ["transition-at-borders"], ["awareness-raising"], ["refugees"]
    ),
    "camp-psychosocial": Theme(SMART, ["migrant-camps"], ["protection"], ["children", "women"]),
    "camp-wash-shelter": Theme(SMART, ["migrant-camps"], ["assistance"], ["refugees"]),
    "camp-hygiene-promotion": Theme(SMART, ["migrant-camps"], ["awareness-raising"], []),
    "arrival-cash": Theme(SMART, ["arrival"], ["assistance"], ["refugees"]),
    "disembarkation-first-aid": Theme(SMART, ["arrival"], ["assistance"], ["irregular-migrants"]),
    "orientation-desks": Theme(SMART, ["arrival"], ["awareness-raising"], ["refugees"]),
    "vulnerability-screening": Theme(
        SMART, ["arrival"], ["protection"], ["unaccompanied-minors", "trafficking-survivors"]
    ),
    "school-workshops": Theme(
        SMART, ["long-term-stay"], ["awareness-raising"], ["children", "host-communities"]
    ),
    "language-cafes": Theme(
        SMART, ["long-term-stay"], ["awareness-raising"], ["refugees", "host-communities"]
    ),
    "health-information": Theme(SMART, ["long-term-stay"], ["awareness-raising"], ["women"]),
    "job-coaching": Theme(SMART, ["long-term-stay"], ["assistance"], ["refugees"]),
    "mobile-clinic": Theme(SMART, ["long-term-stay"], ["assistance"], ["irregular-migrants"]),
    "psychosocial-groups": Theme(SMART, ["long-term-stay"], ["assistance"], ["refugees"]),
    "legal-clinic": Theme(SMART, ["long-term-stay"], ["protection"], ["refugees"]),
    "detention-visits": Theme(SMART, ["long-term-stay"], ["protection"], ["irregular-migrants"]),
    "family-reunification": Theme(SMART, ["long-term-stay"], ["protection"], ["refugees"]),
    "health-access-advocacy": Theme(
        SMART, ["long-term-stay"], ["advocacy"], ["irregular-migrants"]
    ),
    "local-inclusion-advocacy": Theme(SMART, ["long-term-stay"], ["advocacy"], []),
    "safe-return-counselling": Theme(SMART, ["return"], ["protection"], ["returnees"]),
    "reintegration-grants": Theme(
        SMART, ["return"], ["assistance"], ["returnees", "migrant-workers"]
    ),
    "trail-volunteer-training": Theme(SMART, ["across-the-trail"], ["awareness-raising"], []),
    "trail-network": Theme(SMART, ["across-the-trail"], ["advocacy"], []),
    "interpreters-pool": Theme(
        ELEMENT, ["arrival", "long-term-stay"], ["assistance", "protection"], []
    ),
    "migrant-helpline": Theme(ELEMENT, ["long-term-stay"], ["awareness-raising"], []),
    "data-protection": Theme(ELEMENT, ["across-the-trail"], ["protection"], []),
    "cash-platform": Theme(ELEMENT, ["arrival", "long-term-stay"], ["assistance"], []),
    "feedback-mechanism": Theme(ELEMENT, ["migrant-camps", "long-term-stay"], ["protection"], []),
    "volunteer-wellbeing": Theme(ELEMENT, ["across-the-trail"], ["assistance"], []),
    "access-agreement": Theme(ELEMENT, ["transition-at-borders"], ["advocacy"], []),
    "referral-pathways": Theme(ELEMENT, ["arrival"], ["protection"], ["unaccompanied-minors"]),
    "mobile-kits": Theme(ELEMENT, ["transition-at-borders"], ["assistance"], []),
}

DIMENSIONS = {
    "human": "human-capital",
    "physical": "physical-capital",
    "social": "social-capital",
    "financial": "financial-capital",
    "regulatory": "regulatory-governance",
}


class Row(NamedTuple):
    society: str  # ISO3 of the owning society's country
    place: str
    theme: str
    language: str
    principles: str  # besides P1, which every practice in the report carries
    dimensions: str  # keys of DIMENSIONS
    countries: str = ""  # besides the society's own
    status: str = Status.PUBLISHED
    note: str = ""  # the editor's note when changes are requested


# The report's 59 smart practices. Their tags add up to the report's figures exactly (counted
# by tests/practices/test_demo.py): by step long-term-stay 25, arrival 10, transition-at-borders
# 6, migrant-camps 6, origin 5, return 4, across-the-trail 3; by region europe 28, mena 10,
# asia-pacific 8, americas 7, africa 6; by principle P1 59, P6 26, P3 21, P9 16, P4 15, P7 8,
# P5 6, P8 4, P2 3; 100 dimension tags: human 34, physical 29, social 15, financial 12,
# regulatory 10. By type of support awareness-raising 21, assistance 16, protection 16 and
# advocacy 6: the report leaves advocacy blank, and 6 is what makes the four add up to 59.
SMART_PRACTICES = [
    Row("NER", "Agadez", "safe-migration-sessions", "fr", "P3", "human social"),
    Row("ETH", "Dire Dawa", "safe-migration-sessions", "en", "P3", "human"),
    Row("FJI", "Suva", "safe-migration-sessions", "en", "P3 P6", "human"),
    Row("EGY", "أسيوط", "risk-radio", "ar", "P3", "human social"),
    Row("GTM", "Quetzaltenango", "pathways-dialogue", "en", "P5 P6", "regulatory", "MEX USA"),
    Row("GRC", "Evros", "rfl-border", "en", "P4 P7 P9", "social human", "TUR"),
    Row("SRB", "Preševo", "rfl-border", "en", "P4 P7 P9", "physical", "MKD"),
    Row("MAR", "Oujda", "rfl-border", "en", "P4 P7 P9", "social physical", "DZA"),
    Row("COL", "Cúcuta", "border-service-point", "es", "P6 P7 P9", "physical financial", "VEN"),
    Row("MEX", "Tapachula", "border-service-point", "es", "P6 P7 P9", "physical financial", "GTM"),
    Row("MKD", "Gevgelija", "rights-at-borders", "en", "P4 P9", "human", "GRC"),
    Row("LBN", "عكار", "camp-psychosocial", "ar", "P6 P9", "human physical"),
    Row("BGD", "Cox's Bazar", "camp-psychosocial", "en", "P6 P9", "human physical"),
    Row("JOR", "الزعتري", "camp-wash-shelter", "ar", "P6 P9", "physical human"),
    Row("GRC", "Lesvos", "camp-wash-shelter", "en", "P6 P9", "physical"),
    Row("KEN", "Kakuma", "camp-hygiene-promotion", "en", "P2 P9", "physical", "SSD"),
    Row("TUR", "Hatay", "camp-hygiene-promotion", "en", "P9", "physical"),
    Row("DEU", "Berlin", "arrival-cash", "en", "P6 P9", "financial physical"),
    Row("ARG", "Buenos Aires", "arrival-cash", "en", "P6 P9", "financial physical", "VEN"),
    Row("ITA", "Lampedusa", "disembarkation-first-aid", "en", "P6 P9", "physical human"),
    Row("TUN", "Zarzis", "disembarkation-first-aid", "en", "P6 P9", "physical"),
    Row("SWE", "Malmö", "orientation-desks", "en", "P3", "human physical"),
    Row("AUS", "Brisbane", "orientation-desks", "en", "P3", "human physical"),
    Row("PER", "Tumbes", "orientation-desks", "es", "", "human physical", "ECU"),
    Row("ITA", "Catania", "vulnerability-screening", "en", "P4", "human social"),
    Row("LBY", "Tripoli", "vulnerability-screening", "en", "P4", "physical human"),
    Row("ZAF", "Johannesburg", "vulnerability-screening", "en", "P4", "human physical", "ZWE"),
    Row("ITA", "Milan", "school-workshops", "en", "P3", "social human"),
    Row("AUT", "Graz", "school-workshops", "en", "P3", "social"),
    Row("FRA", "Marseille", "school-workshops", "fr", "P3", "social human"),
    Row("SWE", "Gothenburg", "language-cafes", "en", "P2 P3", "social human"),
    Row("NLD", "Utrecht", "language-cafes", "en", "P3", "social"),
    Row("DEU", "Leipzig", "language-cafes", "en", "P3", "social"),
    Row("NZL", "Wellington", "language-cafes", "en", "P3", "social human"),
    Row("JOR", "إربد", "health-information", "ar", "P6", "human physical"),
    Row("EGY", "القاهرة", "health-information", "ar", "P6", "human physical"),
    Row("MYS", "Kuala Lumpur", "health-information", "en", "P6", "human physical"),
    Row("ESP", "Valencia", "job-coaching", "es", "P3", "human financial"),
    Row("ARG", "Mendoza", "job-coaching", "es", "P3", "human financial", "VEN"),
    Row("NOR", "Bergen", "job-coaching", "en", "P3", "human financial"),
    Row("FRA", "Calais", "mobile-clinic", "fr", "P6", "physical human"),
    Row("MAR", "Rabat", "mobile-clinic", "fr", "P6", "physical"),
    Row("LBN", "Beirut", "psychosocial-groups", "en", "P3", "human", "SYR"),
    Row("GBR", "Manchester", "legal-clinic", "en", "P4 P6", "regulatory human"),
    Row("IRL", "Dublin", "legal-clinic", "en", "P4 P6", "regulatory"),
    Row("BEL", "Brussels", "legal-clinic", "en", "P4 P6", "regulatory human"),
    Row("CHE", "Zurich", "detention-visits", "en", "P4 P6", "physical regulatory"),
    Row("AUS", "Sydney", "detention-visits", "en", "P4", "physical"),
    Row("DNK", "Copenhagen", "family-reunification", "en", "P3 P4", "financial social"),
    Row("FRA", "Paris", "health-access-advocacy", "en", "P5 P6", "regulatory physical"),
    Row("ITA", "Rome", "health-access-advocacy", "en", "P5 P6", "regulatory physical"),
    Row("ESP", "Madrid", "local-inclusion-advocacy", "en", "P3 P5", "regulatory social"),
    Row("MEX", "Ciudad Juárez", "safe-return-counselling", "es", "P4 P8", "financial human", "USA"),
    Row("DEU", "Hamburg", "safe-return-counselling", "en", "P4 P8", "financial human"),
    Row("PHL", "Manila", "reintegration-grants", "en", "P3 P6 P8", "financial human"),
    Row("NPL", "Kathmandu", "reintegration-grants", "en", "P3 P8", "financial physical"),
    Row("NER", "Niamey", "trail-volunteer-training", "fr", "P2 P7", "human", "MLI LBY"),
    Row("KEN", "Nairobi", "trail-network", "en", "P5 P6 P7", "regulatory", "ETH SOM"),
    Row("GRC", "Athens", "trail-network", "en", "P5 P6 P7", "regulatory social", "MKD SRB"),
]

OPERATIONAL_ELEMENTS = [
    Row("ITA", "Palermo", "interpreters-pool", "en", "P2 P4", "human social"),
    Row("GBR", "London", "migrant-helpline", "en", "P4", "human"),
    Row("DEU", "Berlin", "data-protection", "en", "P4", "regulatory"),
    Row("TUR", "Ankara", "cash-platform", "en", "P6 P9", "financial", "SYR"),
    Row("GRC", "Thessaloniki", "feedback-mechanism", "en", "P2", "social"),
    Row("SWE", "Stockholm", "volunteer-wellbeing", "en", "", "human"),
    Row("SRB", "Belgrade", "access-agreement", "en", "P5 P6", "regulatory"),
    Row("KEN", "Nairobi", "referral-pathways", "en", "P6", "social regulatory"),
    Row("COL", "Bogotá", "cash-platform", "en", "P6 P9", "financial", "VEN"),
    Row("LBN", "Beirut", "feedback-mechanism", "en", "P2", "social"),
    Row("AUS", "Melbourne", "data-protection", "en", "P4", "regulatory"),
    Row("MEX", "Monterrey", "mobile-kits", "en", "P7 P9", "physical"),
    Row("BGD", "Dhaka", "volunteer-wellbeing", "en", "P9", "human", "MMR"),
]

# Work in progress, so that editors find a review queue and societies their own drafts.
IN_REVIEW = [
    Row("ITA", "Ventimiglia", "rfl-border", "en", "P4 P7", "social", "FRA",
        Status.SUBMITTED),
    Row("KEN", "Mombasa", "orientation-desks", "en", "P3", "human", "", Status.SUBMITTED),
    Row("COL", "Ipiales", "border-service-point", "es", "P6 P7 P9", "physical financial", "ECU",
        Status.SUBMITTED),
    Row("LBN", "صيدا", "health-information", "ar", "P6", "human physical", "",
        Status.CHANGES_REQUESTED,
        "Please add how many people registered with a clinic after the sessions, and which "
        "languages the health promoters speak."),
    Row("ESP", "Almería", "disembarkation-first-aid", "en", "P6 P9", "physical", "",
        Status.CHANGES_REQUESTED,
        "Thank you. Please describe how the teams coordinate with the coast guard, and add the "
        "cost per landing if you know it."),
    Row("ITA", "Turin", "language-cafes", "en", "P3", "social", "", Status.DRAFT),
    Row("FJI", "Lautoka", "safe-migration-sessions", "en", "P3 P6", "human", "", Status.DRAFT),
    Row("FRA", "Lyon", "school-workshops", "fr", "P3", "social", "", Status.DRAFT),
]  # fmt: skip

# The member of each society who writes its demo practices. Societies with a demo person in
# core/demo.py use that person; the others get one here.
EXISTING_AUTHORS = {
    "ITA": "alice@demo.example",
    "KEN": "bob@demo.example",
    "LBN": "amal@demo.example",
    "COL": "lucia@demo.example",
    "FJI": "sione@demo.example",
}
NEW_AUTHORS = {
    "NER": ("moussa", "Moussa Issoufou", "fr"),
    "ETH": ("hanna", "Hanna Tesfaye", "en"),
    "EGY": ("nour", "Nour El-Sayed", "ar"),
    "GTM": ("analucia", "Ana Lucía Pérez", "es"),
    "GRC": ("eleni", "Eleni Papadopoulou", "en"),
    "SRB": ("milan", "Milan Jovanović", "en"),
    "MAR": ("youssef", "Youssef Benali", "fr"),
    "MEX": ("diego", "Diego Hernández", "es"),
    "MKD": ("elena", "Elena Stojanovska", "en"),
    "BGD": ("farhana", "Farhana Rahman", "en"),
    "JOR": ("omar", "Omar Al-Khatib", "ar"),
    "TUR": ("zeynep", "Zeynep Yılmaz", "en"),  # noqa: RUF001 (Turkish dotless i)
    "DEU": ("jonas", "Jonas Becker", "en"),
    "ARG": ("valentina", "Valentina Sosa", "es"),
    "TUN": ("sami", "Sami Trabelsi", "fr"),
    "SWE": ("karin", "Karin Lindqvist", "en"),
    "AUS": ("emily", "Emily Nguyen", "en"),
    "PER": ("rosa", "Rosa Quispe", "es"),
    "LBY": ("ahmed", "Ahmed Al-Mabrouk", "ar"),
    "ZAF": ("thandiwe", "Thandiwe Dlamini", "en"),
    "AUT": ("lukas", "Lukas Gruber", "en"),
    "FRA": ("camille", "Camille Laurent", "fr"),
    "NLD": ("sanne", "Sanne de Vries", "en"),
    "NZL": ("aroha", "Aroha Williams", "en"),
    "MYS": ("nurul", "Nurul Aziz", "en"),
    "ESP": ("marta", "Marta Ruiz", "es"),
    "NOR": ("ingrid", "Ingrid Hansen", "en"),
    "GBR": ("hannah", "Hannah Clarke", "en"),
    "IRL": ("ciara", "Ciara Byrne", "en"),
    "BEL": ("lotte", "Lotte Peeters", "en"),
    "CHE": ("nina", "Nina Keller", "en"),
    "DNK": ("mads", "Mads Nielsen", "en"),
    "NPL": ("sita", "Sita Gurung", "en"),
    "PHL": ("maria", "Maria Santos", "en"),
}

# How a society names itself in the language it writes in (the reference data holds the
# English names).
LOCAL_NAMES = {
    ("NER", "fr"): "La Croix-Rouge nigérienne",
    ("FRA", "fr"): "La Croix-Rouge française",
    ("MAR", "fr"): "Le Croissant-Rouge marocain",
    ("COL", "es"): "La Cruz Roja Colombiana",
    ("MEX", "es"): "La Cruz Roja Mexicana",
    ("PER", "es"): "La Cruz Roja Peruana",
    ("ESP", "es"): "Cruz Roja Española",
    ("ARG", "es"): "La Cruz Roja Argentina",
    ("EGY", "ar"): "الهلال الأحمر المصري",
    ("LBN", "ar"): "الصليب الأحمر اللبناني",
    ("JOR", "ar"): "الهلال الأحمر الأردني",
}
THOUSANDS_SEPARATORS = {"en": ",", "fr": "\u202f", "es": ".", "ar": ","}
# The ICRC's site where families search for relatives lost on the way.
FAMILY_LINKS = "https://familylinks.icrc.org"
FAMILY_THEMES = {"rfl-border", "family-reunification"}
IFRC_WEBSITE = "https://www.ifrc.org"


def already_loaded() -> bool:
    return Practice.objects.filter(is_demo=True, created_by__email__endswith=DEMO_DOMAIN).exists()


def load() -> list[str]:
    if already_loaded():
        lines = ["Demo practices are there already; none added."]
        with _without_notifications(), transaction.atomic():
            completed = _complete_older_demo()
        if completed:
            lines.append(
                f"{completed} demo practices loaded before they had links, a contact address "
                "and a summary sheet got them."
            )
        return lines
    with _without_notifications(), transaction.atomic():
        return _load()


@contextmanager
def _without_notifications():
    """The services email editors and authors after commit, through Celery tasks that run
    in-process when there is no broker. Every demo inbox is at the reserved domain demo.example,
    so those ~80 emails and ~160 task log lines would only bury the accounts printed above."""
    task_log = logging.getLogger("celery.app.trace")
    level = task_log.level
    task_log.setLevel(logging.WARNING)
    try:
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            yield
    finally:
        task_log.setLevel(level)


def _load() -> list[str]:
    societies = {
        society.country_id: society
        for society in NationalSociety.objects.national_societies().select_related("region")
    }
    authors, new_people = _authors(societies)
    editor = User.objects.get(email=EDITOR)

    now = timezone.now()
    published = SMART_PRACTICES + OPERATIONAL_ELEMENTS
    # Spread over the six years before the load, in an order unrelated to the table's.
    age_rank = random.Random(2018).sample(range(len(published)), len(published))
    dates = {}
    for position, row in enumerate(published):
        published_at = now - timedelta(days=12 + age_rank[position] * 31)
        practice = _create(row, societies[row.society], authors[row.society], published_at)
        if demo_sheets.has_sheet(practice):
            _attach_sheet(practice, authors[row.society])
        services.submit_practice(practice=practice, actor=authors[row.society])
        services.publish_practice(practice=practice, actor=editor)
        dates[practice.pk] = published_at
    queue = []
    for row in IN_REVIEW:
        practice = _create(row, societies[row.society], authors[row.society], now)
        if row.status != Status.DRAFT:
            services.submit_practice(practice=practice, actor=authors[row.society])
        if row.status == Status.CHANGES_REQUESTED:
            services.request_changes(practice=practice, actor=editor, note=row.note)
        queue.append(practice.pk)

    # The services neither take is_demo nor backdate; one update does both.
    Practice.objects.filter(pk__in=[*dates, *queue]).update(
        is_demo=True,
        published_at=_by_pk(dates, "published_at", lambda date: date),
        submitted_at=_by_pk(dates, "submitted_at", lambda date: date - timedelta(days=9)),
        created_at=_by_pk(dates, "created_at", lambda date: date - timedelta(days=30)),
        updated_at=_by_pk(dates, "updated_at", lambda date: date),
    )
    counts = {status: sum(row.status == status for row in IN_REVIEW) for status in Status}
    sheets = Practice.objects.filter(pk__in=dates, attachments__isnull=False).distinct().count()
    return [
        f"Demo practices: {len(SMART_PRACTICES)} smart practices and "
        f"{len(OPERATIONAL_ELEMENTS)} smart operational elements published (as in the IFRC "
        f"report); {counts[Status.SUBMITTED]} submitted and {counts[Status.CHANGES_REQUESTED]} "
        f"sent back for changes in the review queue; {counts[Status.DRAFT]} drafts. Each has "
        f"links and a contact; {sheets} carry a one-page summary sheet (PDF).",
        f"{len(new_people)} more demo members wrote them, one per society, with the same "
        f"password (e.g. {new_people[0]}).",
    ]


def _by_pk(dates, field, value):
    whens = [When(pk=pk, then=Value(value(date))) for pk, date in dates.items()]
    return Case(*whens, default=F(field))


def _authors(societies) -> tuple[dict[str, User], list[str]]:
    authors = {iso3: User.objects.get(email=email) for iso3, email in EXISTING_AUTHORS.items()}
    # One hash for everybody: hashing is deliberately slow, and these are demo accounts.
    password = make_password(os.environ.get("DEMO_PASSWORD", DEFAULT_PASSWORD))
    new_people = []
    for iso3, (name, full_name, language) in NEW_AUTHORS.items():
        email = f"{name}{DEMO_DOMAIN}"
        user, _created = User.objects.get_or_create(
            email=email,
            defaults={"full_name": f"{full_name} (demo)", "language": language,
                      "password": password},
        )  # fmt: skip
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        core_services.add_member(email=email, society=societies[iso3], role=Membership.Role.MEMBER)
        authors[iso3] = user
        new_people.append(f"{email}, {societies[iso3].name}")
    return authors, new_people


def _create(row: Row, society: NationalSociety, author: User, published_at) -> Practice:
    theme = THEME_TAGS[row.theme]
    texts = _texts(row, society, published_at.year)
    data = {
        "kind": theme.kind,
        **texts,
        "countries": [row.society, *row.countries.split()],
        "steps": theme.steps,
        "dimensions": [DIMENSIONS[key] for key in row.dimensions.split()],
        "support_types": theme.support_types,
        "principles": ["P1", *row.principles.split()],
        "target_groups": theme.target_groups,
        "language": row.language,
        "visibility": Visibility.PUBLIC,
        **_contacts(society, row.theme),
    }
    return services.create_practice(actor=author, society=society, data=data)


def _contacts(society: NationalSociety, theme: str | None = None) -> dict:
    """Links and the public contact address of a society's demo practice (the author, a
    member, is its contact person already)."""
    links = [society.website or IFRC_WEBSITE]
    if theme in FAMILY_THEMES:
        links.append(FAMILY_LINKS)
    return {"links": links, "contact_email": f"migration.{society.country_id.lower()}{DEMO_DOMAIN}"}


def _attach_sheet(practice: Practice, actor: User) -> None:
    """Through the attachment service, with its checks of the file, as an upload would."""
    upload = SimpleUploadedFile(
        demo_sheets.file_name(practice), demo_sheets.draw(practice), "application/pdf"
    )
    services.add_attachment(practice=practice, actor=actor, upload=upload)


def _complete_older_demo() -> int:
    """Published demo practices with neither links, contact address nor attachment were loaded
    before the demo had them: the demo editor adds them (a practice given any of them since
    keeps what it has)."""
    editor = User.objects.filter(email=EDITOR).first()
    bare = Practice.objects.filter(
        is_demo=True, status=Status.PUBLISHED, links=[], contact_email="", attachments__isnull=True
    ).select_related("society", "society__region")
    if editor is None:
        return 0
    completed = 0
    for practice in bare:
        practice = services.update_practice(
            practice=practice, actor=editor, data=_contacts(practice.society)
        )
        if demo_sheets.has_sheet(practice):
            _attach_sheet(practice, editor)
        completed += 1
    return completed


def _texts(row: Row, society: NationalSociety, published_year: int) -> dict:
    """Title, summary, sections and period of a row, in its language, with the same figures
    every time (the random generator is seeded by the row)."""
    frame, theme = FRAMES[row.language], THEMES[row.theme][row.language]
    rng = random.Random(f"{row.society}/{row.place}/{row.theme}")
    start_year = rng.randint(published_year - 7, published_year - 1)
    ended = rng.random() < 0.25
    separator = THOUSANDS_SEPARATORS[row.language]
    name = LOCAL_NAMES.get((row.society, row.language)) or _english_name(society.name)
    values = {
        "Society": name,
        # Inside a sentence the article is lower-case: "par la Croix-Rouge française".
        "society": name[0].lower() + name[1:] if name.split()[0] in ("The", "La", "Le") else name,
        "place": row.place,
        "start_year": start_year,
        "reached": f"{rng.randrange(400, 12_000, 50):,}".replace(",", separator),
        "volunteers": rng.randint(12, 140),
        "staff": rng.randint(2, 6),
        "review": rng.choice([3, 6]),
        "review_year": min(start_year + rng.randint(1, 3), published_year),
        "cost": f"{rng.randrange(25_000, 450_000, 5_000):,}".replace(",", separator),
        "equipment": rng.choice(frame["equipment"]),
    }

    def fill(text: str) -> str:
        return text.format(**values)

    values["need"] = fill(theme["need"])
    values["items"] = "\n".join(f"- {item}" for item in theme["activities"])
    values["result"] = fill(theme["result"])
    values["evidence"] = fill(rng.choice(frame["evidence"]))
    values["replicate"] = theme["replicate"]
    return {
        "title": fill(theme["title"]),
        "summary": fill(theme["summary"]),
        "context": fill(frame["context"]),
        "activities": fill(frame["activities"]),
        "results": fill(frame["results"]),
        "lessons": f"- {theme['lesson']}\n- {rng.choice(frame['lessons'])}",
        "replication": fill(frame["replication"]),
        "partners": theme["partners"],
        "start_year": start_year,
        "end_year": rng.randint(start_year + 1, published_year) if ended else None,
    }


def _english_name(name: str) -> str:
    return name if name.startswith("The ") else f"The {name}"
