"""Loads the reference data: regions, taxonomy, countries, National Societies, editors group.

Called by the data migration (with historical models) and by `manage.py load_reference_data`
(with the current ones). Vocabulary rows follow core/taxonomy.py exactly; countries follow
core/data/country_regions.json; National Societies listed in core/data/national_societies.json
are created when missing but never overwritten, so a focal point's edits to their society's
profile survive a reload.

Each society's names in French, Spanish and Arabic (`names`) are the ones in use: its own
official name where it works in that language (Croix-Rouge française, Cruz Roja Mexicana,
جمعية الهلال الأحمر المصري), otherwise the name the IFRC gives it in that language, and where
neither is known to us the English name put into the language's usual pattern (Société de la
Croix-Rouge de…, Sociedad de la Cruz Roja de…, جمعية الصليب الأحمر…). A language a society
has no name for yet is filled in at the next load; a name already there is left alone.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.apps import apps as global_apps
from django.conf import settings
from django.utils.text import slugify
from django_countries import countries as country_names

from core import taxonomy

DATA_DIR = Path(__file__).resolve().parent / "data"
SECRETARIAT = {
    "slug": "ifrc-secretariat",
    "name": "IFRC Secretariat",
    "names": {
        "fr": "Secrétariat de la FICR",
        "es": "Secretaría de la FICR",
        "ar": "الأمانة العامة للاتحاد الدولي",
    },
    "country": "CHE",
    "website": "https://www.ifrc.org",
}


def read_json(name: str):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def sync_reference_data(apps=global_apps) -> dict[str, int]:
    model = apps.get_model
    terms = {
        "Region": [(code, name, {}) for code, name in taxonomy.REGIONS],
        "Step": [(code, name, {}) for code, name in taxonomy.STEPS],
        "Dimension": [(code, name, {}) for code, name in taxonomy.DIMENSIONS],
        "SupportType": [(code, name, {}) for code, name in taxonomy.SUPPORT_TYPES],
        "Principle": [
            (code, name, {"description": description, "within_report_scope": in_scope})
            for code, name, description, in_scope in taxonomy.PRINCIPLES
        ],
    }
    counts = {}
    for model_name, rows in terms.items():
        term_model = model("core", model_name)
        for position, (code, name, extra) in enumerate(rows):
            term_model.objects.update_or_create(
                code=code, defaults={"name": name, "position": position, **extra}
            )
        counts[model_name] = term_model.objects.count()

    Region = model("core", "Region")
    Country = model("core", "Country")
    regions = {region.code: region for region in Region.objects.all()}
    for iso3, region_code in read_json("country_regions.json").items():
        iso2 = country_names.alpha2(iso3)
        Country.objects.update_or_create(
            iso3=iso3, defaults={"country": iso2, "region": regions[region_code]}
        )
    counts["Country"] = Country.objects.count()

    NationalSociety = model("core", "NationalSociety")
    countries = {country.iso3: country for country in Country.objects.all()}
    for row in read_json("national_societies.json"):
        country = countries[row["country"]]
        NationalSociety.objects.get_or_create(
            country=country,
            kind="national-society",
            defaults={
                "name": row["name"],
                "slug": slugify(row["name"])[:80],
                "region": country.region,
                "website": row.get("website", ""),
                "email_domains": row.get("email_domains", []),
            },
        )
    NationalSociety.objects.get_or_create(
        slug=SECRETARIAT["slug"],
        defaults={
            "name": SECRETARIAT["name"],
            "kind": "secretariat",
            "country": countries[SECRETARIAT["country"]],
            "region": None,
            "website": SECRETARIAT["website"],
        },
    )
    counts["NationalSociety"] = NationalSociety.objects.filter(kind="national-society").count()
    # The data migration that loads the first societies runs before they had names.
    if _name_field(NationalSociety):
        fill_society_names(apps)

    model("auth", "Group").objects.get_or_create(name=settings.EDITORS_GROUP)
    return counts


def _name_field(model) -> str | None:
    """Where the (possibly historical) society model keeps its names in other languages: from
    core.0005 in `translations`, {language: {"name": name}}; in core.0004, flat in `names`."""
    fields = {field.name for field in model._meta.get_fields()}
    return next((name for name in ("translations", "names") if name in fields), None)


def fill_society_names(apps=global_apps) -> int:
    """Gives each society the names in other languages it lacks; returns how many changed."""
    NationalSociety = apps.get_model("core", "NationalSociety")
    field = _name_field(NationalSociety)
    by_country = {row["country"]: row["names"] for row in read_json("national_societies.json")}
    changed = 0
    for society in NationalSociety.objects.all():
        if society.kind == "secretariat":
            names = SECRETARIAT["names"] if society.slug == SECRETARIAT["slug"] else {}
        else:
            names = by_country.get(society.country_id, {})
        stored = getattr(society, field)
        if field == "translations":
            have = {language: texts.get("name") for language, texts in stored.items()}
        else:
            have = stored
        missing = {language: name for language, name in names.items() if not have.get(language)}
        if not missing:
            continue
        if field == "translations":
            stored = {
                **stored,
                **{
                    language: {**stored.get(language, {}), "name": name}
                    for language, name in missing.items()
                },
            }
        else:
            stored = {**stored, **missing}
        setattr(society, field, stored)
        society.save(update_fields=[field])
        changed += 1
    return changed
