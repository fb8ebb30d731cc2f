"""Demo data points: six indicators drawn from the IFRC report's call for "guidance on what data
to collect in a systematic and comparable way", a 2025 reporting period that has closed and a
2026 period open today, and the values of twenty National Societies in every state of the
workflow (validated, submitted, returned with a note, draft).

Everything goes through reports.services, as the demo editor and the societies' demo members
(those practices/demo.py creates) would do it on the site; only the dates of sending and review
are set afterwards, as the services stamp them with the time of the load. The numbers come from
a seeded random generator, so every load gives the same figures; loading twice adds nothing.

Then the demo editor compiles and publishes a practices overview and the 2025 data compilation,
so the reports pages have something to show from the start (a later load publishes them where a
demo loaded before had none).
"""

from __future__ import annotations

import datetime
import json
import random
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from django.db import transaction
from django.db.models import Case, F, Value, When
from django.urls import reverse
from django.utils import timezone

from core.models import NationalSociety, User
from practices.demo import EDITOR, EXISTING_AUTHORS, NEW_AUTHORS
from reports import services
from reports.models import (
    Indicator,
    Report,
    ReportingPeriod,
    ReportKind,
    ReportStatus,
    Submission,
    SubmissionStatus,
)

DRAFT = SubmissionStatus.DRAFT
SUBMITTED = SubmissionStatus.SUBMITTED
VALIDATED = SubmissionStatus.VALIDATED
RETURNED = SubmissionStatus.RETURNED

# The six indicators (reports/demo_data/indicators.json) and their text in the site's other
# languages (indicator_translations.json), as an IFRC translator would write it (French and
# Spanish as the IFRC uses them, Arabic in the UN's usage: "31 كانون الأول/ديسمبر").
DEMO_DATA = Path(__file__).resolve().parent / "demo_data"
INDICATORS = json.loads((DEMO_DATA / "indicators.json").read_text(encoding="utf-8"))
TRANSLATIONS = json.loads((DEMO_DATA / "indicator_translations.json").read_text(encoding="utf-8"))


# The 2026 period adds Restoring Family Links; the 2025 one asked for the other five.
PERIOD_2025_CODES = [indicator["code"] for indicator in INDICATORS[:5]]
PERIOD_2026_CODES = [indicator["code"] for indicator in INDICATORS]


class Society(NamedTuple):
    reached: int  # people reached in 2025: the scale of every other figure
    status_2025: str | None  # None: no values for the period
    status_2026: str | None


# Twenty of the societies whose demo members practices/demo.py created.
SOCIETIES = {
    "ITA": Society(68_000, VALIDATED, DRAFT),
    "GRC": Society(41_000, VALIDATED, VALIDATED),
    "DEU": Society(52_000, VALIDATED, RETURNED),
    "SWE": Society(9_500, VALIDATED, DRAFT),
    "ESP": Society(37_000, VALIDATED, SUBMITTED),
    "TUR": Society(240_000, VALIDATED, VALIDATED),
    "LBN": Society(58_000, VALIDATED, SUBMITTED),
    "JOR": Society(44_000, VALIDATED, None),
    "EGY": Society(21_000, VALIDATED, DRAFT),
    "KEN": Society(26_000, VALIDATED, SUBMITTED),
    "ETH": Society(15_000, RETURNED, SUBMITTED),
    "NER": Society(18_000, VALIDATED, RETURNED),
    "ZAF": Society(12_000, None, DRAFT),
    "COL": Society(150_000, VALIDATED, VALIDATED),
    "MEX": Society(83_000, VALIDATED, SUBMITTED),
    "BGD": Society(310_000, VALIDATED, SUBMITTED),
    "FJI": Society(1_200, None, DRAFT),
    "AUS": Society(7_800, VALIDATED, VALIDATED),
    "PHL": Society(19_000, VALIDATED, None),
    "NPL": Society(6_500, VALIDATED, SUBMITTED),
}

RETURN_NOTES = {
    ("2025", "ETH"): (
        "Thank you. The registers at Dire Dawa record age: please add the age breakdown of the "
        "people reached, and say in the source note which branches are included."
    ),
    ("2026", "DEU"): (
        "The number of volunteers is 40 per cent above last year's. Please check whether the "
        "volunteers of the reception centres are counted twice, and explain in the source note."
    ),
    ("2026", "NER"): (
        "The spending looks like an amount in CFA francs rather than Swiss francs. Please "
        "convert it at the UN rate of 31 December."
    ),
}

SOURCE_NOTES = {
    "migrants-reached": "Registers of {branches} branches, consolidated by headquarters.",
    "migration-volunteers": "Volunteer database: volunteers with a migration activity in {year}.",
    "branches-with-focal-point": "{with_focal_point} of {branches} branches.",
    "migration-spending": "Financial statements {year}, migration programme lines.",
    "service-points": "List of service points kept by the migration focal point.",
    "family-links-restored": "Restoring Family Links caseload and phone-service logbook.",
}


def _dates(today: datetime.date) -> dict[str, tuple[datetime.date, datetime.date]]:
    """The 2026 period is open today, whenever the demo is loaded; the 2025 one has closed."""
    opens_2026 = min(datetime.date(2026, 10, 1), today - datetime.timedelta(days=14))
    closes_2026 = max(datetime.date(2027, 3, 31), today + datetime.timedelta(days=60))
    closes_2025 = min(datetime.date(2026, 3, 31), today - datetime.timedelta(days=1))
    opens_2025 = min(datetime.date(2025, 10, 1), closes_2025 - datetime.timedelta(days=180))
    return {"2025": (opens_2025, closes_2025), "2026": (opens_2026, closes_2026)}


def _french_typography(text: str) -> str:
    """French puts a no-break space before : ; ? and ! and writes a curly apostrophe; both are
    typed plainly above, where they could not be told apart from a space and a quote."""
    for sign in ":;?!":
        text = text.replace(f" {sign}", f"\u00a0{sign}")
    return text.replace("'", "\u2019")


def translations(code: str) -> dict[str, dict[str, str]]:
    """A demo indicator's text in French, Spanish and Arabic, as save_indicator takes it."""
    texts = TRANSLATIONS[code]
    return {
        language: {
            field: _french_typography(text) if language == "fr" else text
            for field, text in texts[language].items()
        }
        for language in texts
    }


def already_loaded() -> bool:
    codes = [indicator["code"] for indicator in INDICATORS]
    return (
        Indicator.objects.filter(code__in=codes).exists()
        or ReportingPeriod.objects.filter(label__in=["2025", "2026"]).exists()
    )


def load() -> list[str]:
    if already_loaded():
        lines = ["Demo indicators and reporting periods are there already; none added."]
        translated = _fill_translations()
        if translated:
            lines.append(
                "Demo indicators translated into French, Spanish and Arabic: "
                + ", ".join(translated)
                + "."
            )
        return lines + _publish_reports()
    members = _members()
    if members is None:
        return ["No demo data points: load the demo practices first (their members enter them)."]
    with transaction.atomic():
        lines = _load(members)
    return lines + _publish_reports()


def _publish_reports() -> list[str]:
    """A published practices overview (every public practice) and data compilation of the
    closed 2025 period, unless the demo has published one of each already. They are compiled
    here, by the service a worker calls: the queued task then finds them done."""
    editor = User.objects.filter(email=EDITOR).first()
    period = ReportingPeriod.objects.filter(label="2025").first()
    if editor is None or period is None:
        return []
    requests = {
        ReportKind.PRACTICES_OVERVIEW: {},
        ReportKind.DATA_COMPILATION: {"period": period},
    }
    published = []
    for kind, extra in requests.items():
        if Report.objects.filter(kind=kind, published_at__isnull=False).exists():
            continue
        report, _created = services.request_report(actor=editor, kind=kind, **extra)
        services.compile_report(report_id=report.pk)
        report.refresh_from_db()
        if report.status == ReportStatus.DONE:
            services.publish_report(report=report, actor=editor)
            path = reverse("reports:detail", args=[report.pk])
            published.append(f"{report.get_kind_display().lower()} ({path})")
    if not published:
        return []
    return ["Demo reports compiled and published: " + " and ".join(published) + "."]


def _fill_translations() -> list[str]:
    """Demo indicators loaded before they had translations get them; an indicator an editor
    has translated already keeps its text."""
    editor = User.objects.filter(email=EDITOR).first()
    if editor is None:
        return []
    untranslated = list(Indicator.objects.filter(code__in=TRANSLATIONS, translations={}))
    with transaction.atomic():
        for indicator in untranslated:
            services.save_indicator(
                actor=editor,
                data={"translations": translations(indicator.code)},
                indicator=indicator,
            )
    return [indicator.code for indicator in untranslated]


def _members() -> dict[str, User] | None:
    emails = {
        iso3: EXISTING_AUTHORS.get(iso3) or f"{NEW_AUTHORS[iso3][0]}@demo.example"
        for iso3 in SOCIETIES
    }
    people = {user.email: user for user in User.objects.filter(email__in=emails.values())}
    if len(people) < len(emails):
        return None
    return {iso3: people[email] for iso3, email in emails.items()}


def _load(members: dict[str, User]) -> list[str]:
    editor = User.objects.get(email=EDITOR)
    today = timezone.localdate()
    dates = _dates(today)
    indicators = {
        data["code"]: services.save_indicator(
            actor=editor, data={**data, "translations": translations(data["code"])}
        )
        for data in INDICATORS
    }
    societies = {
        society.country_id: society
        for society in NationalSociety.objects.national_societies().filter(country_id__in=SOCIETIES)
    }
    # Values go in while a period is open; the 2025 period is closed once they are in.
    opens_2025, closes_2025 = dates["2025"]
    period_2025 = services.save_period(
        actor=editor,
        data={"label": "2025", "opens_on": opens_2025, "closes_on": today},
        indicators=[indicators[code] for code in PERIOD_2025_CODES],
    )
    opens_2026, closes_2026 = dates["2026"]
    period_2026 = services.save_period(
        actor=editor,
        data={"label": "2026", "opens_on": opens_2026, "closes_on": closes_2026},
        indicators=[indicators[code] for code in PERIOD_2026_CODES],
    )
    sent_at: dict[int, datetime.datetime] = {}
    for period, codes in [(period_2025, PERIOD_2025_CODES), (period_2026, PERIOD_2026_CODES)]:
        for iso3, society in SOCIETIES.items():
            status = society.status_2025 if period is period_2025 else society.status_2026
            if status is None:
                continue
            submission = _enter(
                period, societies[iso3], members[iso3], editor, codes, iso3, society, status
            )
            sent_at[submission.pk] = _sent_at(period.label, iso3, dates[period.label], today)
    services.save_period(actor=editor, data={"closes_on": closes_2025}, period=period_2025)
    _backdate(sent_at)

    counts = {
        status: Submission.objects.filter(period=period_2026, status=status).count()
        for status in SubmissionStatus
    }
    return [
        f"Demo data points: {len(INDICATORS)} indicators; period 2025 (closed on "
        f"{closes_2025:%d %b %Y}) with the values of "
        f"{period_2025.submissions.count()} societies; period 2026 (open until "
        f"{closes_2026:%d %b %Y}) with {counts[VALIDATED]} validated, {counts[SUBMITTED]} "
        f"waiting for review, {counts[RETURNED]} returned and {counts[DRAFT]} drafts.",
        "Enter values as alice@demo.example (Italian Red Cross, a draft for 2026); review them "
        f"as {EDITOR}.",
    ]


def _enter(period, national_society, member, editor, codes, iso3, society, status) -> Submission:
    submission = services.start_submission(actor=member, society=national_society, period=period)
    values = _values(period.label, iso3, society.reached, codes)
    if status == DRAFT:
        # A draft is work in progress: the first indicators only.
        values = {code: values[code] for code in codes[:3]}
    services.save_values(submission=submission, actor=member, values=values)
    if status == DRAFT:
        return submission
    services.submit_submission(submission=submission, actor=member)
    if status == VALIDATED:
        services.validate_submission(submission=submission, actor=editor)
    elif status == RETURNED:
        services.return_submission(
            submission=submission, actor=editor, note=RETURN_NOTES[(period.label, iso3)]
        )
    return submission


def _values(label: str, iso3: str, reached_2025: int, codes: list[str]) -> dict[str, dict]:
    """One society's values for a period: plausible, and consistent (no breakdown above its
    total), the same at every load."""
    rng = random.Random(f"{iso3}/{label}")
    growth = 1 if label == "2025" else rng.uniform(0.85, 1.25)
    total = _round(reached_2025 * growth)
    branches = max(3, min(120, reached_2025 // random.Random(iso3).randint(800, 2500)))
    with_focal_point = rng.randint(max(1, branches // 5), max(1, branches * 9 // 10))
    placeholders = {
        "branches": branches,
        "with_focal_point": with_focal_point,
        "year": label,
    }

    reached = {"total": total, **_by_sex(rng, total)}
    # Some societies do not register age; Ethiopia's 2025 values were returned for it.
    if rng.random() < 0.8 and (label, iso3) != ("2025", "ETH"):
        reached.update(_by_age(rng, total))
    volunteers_total = max(15, round(total / rng.uniform(60, 160)))
    if (label, iso3) == ("2026", "DEU"):  # what the editors' note questions
        volunteers_total = round(volunteers_total * 1.4)
    volunteers = {"total": volunteers_total, **_by_sex(rng, volunteers_total, unknown=False)}
    spending = _round(total * rng.uniform(18, 70), 1000)
    if (label, iso3) == ("2026", "NER"):
        spending = spending * 600  # CFA francs instead of Swiss francs, as the note says
    family_links = _round(total * rng.uniform(0.01, 0.05))
    values = {
        "migrants-reached": reached,
        "migration-volunteers": volunteers,
        "branches-with-focal-point": {"total": Decimal(f"{100 * with_focal_point / branches:.1f}")},
        "migration-spending": {"total": spending},
        "service-points": {"total": max(1, round(total / rng.uniform(2500, 9000)))},
        "family-links-restored": {
            "total": family_links,
            **_by_sex(rng, family_links),
            **_by_age(rng, family_links),
        },
    }
    return {
        code: {
            **{field: str(number) for field, number in values[code].items()},
            "source_note": SOURCE_NOTES[code].format(**placeholders),
        }
        for code in codes
    }


def _round(number: float, step: int = 10) -> int:
    """A figure as a society reports it: to the nearest ten (or thousand), never zero."""
    if number < step:
        return max(1, round(number))
    return round(number / step) * step


def _by_sex(rng: random.Random, total: int, *, unknown: bool = True) -> dict[str, int]:
    female = round(total * rng.uniform(0.38, 0.56))
    other = round(total * rng.uniform(0, 0.003))
    not_known = round(total * rng.uniform(0, 0.08)) if unknown else 0
    groups = {"sex_female": female, "sex_male": total - female - other - not_known}
    if other:
        groups["sex_other"] = other
    if not_known:
        groups["sex_unknown"] = not_known
    return groups


def _by_age(rng: random.Random, total: int) -> dict[str, int]:
    """The age groups, leaving part of the total unknown (the form's groups may add up to
    less than the total)."""
    children = round(total * rng.uniform(0.18, 0.38))
    older = round(total * rng.uniform(0.03, 0.09))
    not_known = round(total * rng.uniform(0, 0.12))
    adults = max(0, total - children - older - not_known)
    return {"age_children": children, "age_adults": adults, "age_older_people": older}


def _sent_at(label: str, iso3: str, window, today: datetime.date) -> datetime.datetime:
    """When the society sent its values: in the period's last two months before the load."""
    opens_on, closes_on = window
    rng = random.Random(f"{iso3}/{label}/sent")
    last = min(today - datetime.timedelta(days=1), closes_on)
    first = max(opens_on, last - datetime.timedelta(days=60))
    day = first + datetime.timedelta(days=rng.randint(0, max(0, (last - first).days - 1)))
    moment = datetime.datetime.combine(day, datetime.time(rng.randint(8, 17), rng.randint(0, 59)))
    return timezone.make_aware(moment)


def _backdate(sent_at: dict[int, datetime.datetime]) -> None:
    """The services stamp sending and review with the time of the load: spread them over the
    period, so that the review queue reads oldest first as it would."""
    now = timezone.now()
    reviewed_at = {
        pk: min(now, moment + datetime.timedelta(days=9)) for pk, moment in sent_at.items()
    }
    Submission.objects.filter(pk__in=sent_at, submitted_at__isnull=False).update(
        submitted_at=Case(
            *[When(pk=pk, then=Value(moment)) for pk, moment in sent_at.items()],
            default=F("submitted_at"),
        ),
        reviewed_at=Case(
            *[
                When(pk=pk, reviewed_at__isnull=False, then=Value(moment))
                for pk, moment in reviewed_at.items()
            ],
            default=F("reviewed_at"),
        ),
    )
