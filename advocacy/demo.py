"""A demo guideline from the IFRC report's call for "guidelines and parameters for National
Societies to use in their advocacy to be adapted to different contexts": humanitarian access
for migrants regardless of legal status (advocacy/demo_data/).

It is written and published through the services, as the demo editor would: version 1, then
version 2 (substantive: two sections changed, one added) and version 3 (editorial: wording).
Its translations are made by the demo editor (French) and by members of the societies named
as translators (Lebanese Red Cross for Arabic, Colombian Red Cross for Spanish), so that the
current version shows every state: missing, needs update, current and approved. Twenty
societies adapt it, in every state, outdated too (advocacy.demo_adaptations). Loading twice
adds nothing."""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from advocacy import demo_adaptations
from advocacy.models import ChangeLevel, Guideline, SectionTranslation
from advocacy.models.guidelines import TAG_FIELDS
from advocacy.services import guidelines as services
from advocacy.services import translations
from core.models import NationalSociety, User

DEMO_DATA = Path(__file__).resolve().parent / "demo_data"
EDITOR = "edith@demo.example"
# Who translates each language: a person of a society named as translator, or the editor.
TRANSLATORS = {"fr": EDITOR, "es": "lucia@demo.example", "ar": "amal@demo.example"}
TRANSLATING_SOCIETIES = {"es": "COL", "ar": "LBN"}


def _publish(version, editor, level, note=""):
    services.send_to_review(version=version, actor=editor)
    services.publish_version(version=version, actor=editor, change_level=level, change_note=note)
    version.refresh_from_db()
    return version


def _translate(version, key, language, heading, text):
    translator = User.objects.get(email=TRANSLATORS[language])
    translations.save_translation(
        version=version,
        section_key=key,
        language=language,
        actor=translator,
        heading=heading,
        text=text,
    )


@transaction.atomic
def load_guideline(data: dict) -> list[str]:
    if Guideline.objects.filter(slug=data["slug"]).exists():
        return [f"Guideline {data['slug']}: already loaded"]
    editor = User.objects.get(email=EDITOR)
    for language, country in TRANSLATING_SOCIETIES.items():
        society = NationalSociety.objects.national_societies().get(country_id=country)
        translations.name_translator(society=society, language=language, actor=editor)
    guideline = services.create_guideline(
        actor=editor,
        data={key: data[key] for key in ["slug", "title", "summary", "translations", *TAG_FIELDS]},
    )
    Guideline.objects.filter(pk=guideline.pk).update(is_demo=True)

    version = services.create_version(guideline=guideline, actor=editor)
    for section in data["v1"]:
        services.save_section(version=version, actor=editor, key=section["key"], data=section)
    for parameter in data["parameters"]:
        services.save_parameter(version=version, actor=editor, key=parameter["key"], data=parameter)
    v1 = _publish(version, editor, ChangeLevel.SUBSTANTIVE, "First version.")
    for section in data["v1"]:
        for language, (heading, text) in section.get("translations", {}).items():
            _translate(v1, section["key"], language, heading, text)
    demo_adaptations.adapt_first_version(guideline)

    changes = data["v2"]
    version = services.create_version(guideline=guideline, actor=editor)
    for key, section in changes["sections"].items():
        services.save_section(version=version, actor=editor, key=key, data=section)
    for section in changes["added"]:
        services.save_section(version=version, actor=editor, key=section["key"], data=section)
    v2 = _publish(version, editor, ChangeLevel.SUBSTANTIVE, changes["change_note"])
    demo_adaptations.carry_forward(guideline, v2)
    for key, languages in changes["retranslated"].items():
        for language, (heading, text) in languages.items():
            _translate(v2, key, language, heading, text)

    wording = data["v3"]
    version = services.create_version(guideline=guideline, actor=editor)
    for key, section in wording["sections"].items():
        services.save_section(version=version, actor=editor, key=key, data=section)
    v3 = _publish(version, editor, ChangeLevel.EDITORIAL, wording["change_note"])
    for key, language in changes["approved"]:
        translation = SectionTranslation.objects.get(version=v3, section_key=key, language=language)
        translations.approve_translation(translation=translation, actor=editor)

    states = sorted(set(v3.translations.values_list("state", flat=True)))
    return [
        f"Guideline {guideline.slug}: versions 1, 2 (substantive) and 3 (editorial); "
        f"translations of version 3: {', '.join(states)}",
        *demo_adaptations.adapt_current_version(guideline),
    ]


def load() -> list[str]:
    data = json.loads((DEMO_DATA / "humanitarian_access.json").read_text(encoding="utf-8"))
    return load_guideline(data)
