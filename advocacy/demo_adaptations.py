"""The demo guideline's adaptations by twenty societies, in every state, and endorsements of its
key messages (advocacy.demo calls these between its versions).

Seven societies adapt version 1; version 2 (substantive) outdates them, their focal points are
told, and two carry their adaptation forward. Thirteen more adapt the published version after
version 3 (editorial, which outdates nothing): drafts, submitted, approved, published and one
returned with a note. Each is written by a member of its society through the services, as it
would be on the site; languages are the societies' own where they are not the site's four."""

from __future__ import annotations

from advocacy.models import Guideline, GuidelineVersion
from advocacy.services import adaptations as services
from core import services as core_services
from core.models import Membership, NationalSociety, User
from practices.demo import DEMO_DOMAIN, EXISTING_AUTHORS, NEW_AUTHORS

EDITOR = "edith@demo.example"
# (country, language, state) of the adaptations of version 1, outdated by version 2.
FIRST = [
    ("ITA", "it", "published"),
    ("LBN", "ar", "published"),
    ("COL", "es", "published"),
    ("FJI", "en", "approved"),
    ("KEN", "sw", "submitted"),
    ("NER", "fr", "published"),
    ("ETH", "am", "draft"),
]
# Carried forward to version 2, and whether submitted again.
CARRIED = [("ITA", True), ("COL", False)]
# Of the published version, after the editorial one.
CURRENT = [
    ("EGY", "ar", "published"),
    ("GTM", "es", "published"),
    ("GRC", "el", "published"),
    ("MAR", "fr", "published"),
    ("SRB", "sr-Latn", "approved"),
    ("MEX", "es", "approved"),
    ("MKD", "mk", "submitted"),
    ("BGD", "bn", "submitted"),
    ("JOR", "ar", "submitted"),
    ("TUR", "tr", "returned"),
    ("DEU", "de", "draft"),
    ("ARG", "es", "draft"),
    ("TUN", "fr", "draft"),
]
ENDORSING = ["LBN", "COL", "FJI", "ITA"]
RETURN_NOTE = "Please name the national law you cite and give the year of your statistics."


def _author(country: str, society: NationalSociety) -> User:
    if country in EXISTING_AUTHORS:
        return User.objects.get(email=EXISTING_AUTHORS[country])
    name, full_name, language = NEW_AUTHORS[country]
    email = f"{name}{DEMO_DOMAIN}"
    if not Membership.objects.approved().filter(user__email=email, society=society).exists():
        onboarded, _membership = core_services.add_member(
            email=email, society=society, role=Membership.Role.MEMBER
        )
        User.objects.filter(pk=onboarded.user.pk, full_name="").update(
            full_name=f"{full_name} (demo)", language=language
        )
    return User.objects.get(email=email)


def _society(country: str) -> NationalSociety:
    return NationalSociety.objects.national_societies().get(country_id=country)


def _texts(society: NationalSociety) -> dict:
    name = society.name
    return {
        "parameters": {
            "national-legal-framework": f"The immigration and health laws in force where {name} "
            "works guarantee emergency care to everyone; other services depend on legal status.",
            "local-statistics": f"In 2025, {name} reached migrants at its help points along the "
            "main routes (figures from its annual report).",
            "national-service-name": f"{name} Migrant Help Desk",
        },
        "sections": {
            "national-context": f"{name} meets migrants at borders, in transit and in cities; "
            "fear of being reported keeps many away from clinics.",
        },
    }


def _adapt(guideline: Guideline, country: str, language: str, state: str, editor: User):
    society = _society(country)
    author = _author(country, society)
    adaptation = services.create_adaptation(
        guideline=guideline, actor=author, society=society, language=language
    )
    services.update_adaptation(adaptation=adaptation, actor=author, data=_texts(society))
    if state == "draft":
        return adaptation
    services.submit_adaptation(adaptation=adaptation, actor=author)
    if state == "returned":
        return services.return_adaptation(adaptation=adaptation, actor=editor, note=RETURN_NOTE)
    if state == "submitted":
        return adaptation
    services.approve_adaptation(adaptation=adaptation, actor=editor)
    if state == "approved":
        return adaptation
    return services.publish_adaptation(adaptation=adaptation, actor=author)


def adapt_first_version(guideline: Guideline) -> None:
    editor = User.objects.get(email=EDITOR)
    for country, language, state in FIRST:
        _adapt(guideline, country, language, state, editor)


def carry_forward(guideline: Guideline, version: GuidelineVersion) -> None:
    """After the substantive version 2: the adaptations of version 1 are outdated (the task
    queued by the publish would do it after commit; done here so that two can be carried)."""
    services.mark_adaptations_outdated(version_id=version.pk)
    for country, submit in CARRIED:
        society = _society(country)
        author = _author(country, society)
        old = guideline.adaptations.get(society=society, version__number__lt=version.number)
        carried = services.carry_forward(adaptation=old, actor=author)
        if submit:
            services.submit_adaptation(adaptation=carried, actor=author)


def adapt_current_version(guideline: Guideline) -> list[str]:
    editor = User.objects.get(email=EDITOR)
    for country, language, state in CURRENT:
        _adapt(guideline, country, language, state, editor)
    version = guideline.versions.get(status="published")
    for country in ENDORSING:
        society = _society(country)
        focal_point = Membership.objects.approved().filter(
            society=society, role=Membership.Role.FOCAL_POINT
        )
        for membership in focal_point.select_related("user")[:1]:
            services.endorse(
                version=version,
                actor=membership.user,
                society=society,
                section_key="key-messages",
            )
    adaptations = guideline.adaptations.all()
    outdated = adaptations.filter(outdated=True).count()
    return [
        f"Guideline {guideline.slug}: adaptations by "
        f"{adaptations.values('society').distinct().count()} societies "
        f"({outdated} outdated), endorsements by {version.endorsements.count()}"
    ]
