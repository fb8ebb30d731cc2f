"""Writing and publishing guideline versions, and what publishing does to translations."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from advocacy.models import Adaptation, GuidelineVersion, SectionTranslation, VersionStatus
from advocacy.services import guidelines as services
from advocacy.services import translations
from tests.advocacy.factories import publish_through_services

pytestmark = pytest.mark.django_db

V1 = {
    "background": ("Background", "Migrants face barriers to essential services."),
    "key-messages": ("Key messages", "Access to assistance regardless of legal status."),
    "asks": ("Asks", "States should guarantee safe access."),
}


@pytest.fixture
def guideline(edith):
    return services.create_guideline(
        actor=edith,
        data={"title": "Humanitarian access for migrants", "principles": ["P1", "P4"]},
    )


def translate_everything(version, editor):
    for section in version.sections.all():
        for language in ["fr", "es", "ar"]:
            translations.save_translation(
                version=version,
                section_key=section.key,
                language=language,
                actor=editor,
                heading=f"{section.heading} ({language})",
                text=f"{section.body} ({language})",
            )


def states(version):
    return {
        (row.section_key, row.language): row.state
        for row in SectionTranslation.objects.filter(version=version)
    }


def test_edith_creates_a_guideline_only_editors_see_until_published(edith, alice, guideline):
    from advocacy.models import Guideline

    assert guideline.slug == "humanitarian-access-for-migrants"
    assert guideline.owner == edith
    assert list(Guideline.objects.visible_to(alice)) == []
    publish_through_services(guideline, edith, V1)
    assert list(Guideline.objects.visible_to(alice)) == [guideline]


def test_alice_cannot_create_or_write_a_guideline(alice, edith, guideline):
    with pytest.raises(PermissionDenied):
        services.create_guideline(actor=alice, data={"title": "Mine"})
    version = services.create_version(guideline=guideline, actor=edith)
    with pytest.raises(PermissionDenied):
        services.save_section(
            version=version, actor=alice, key="asks", data={"heading": "A", "body": "B"}
        )


def test_only_editors_publish_a_version(fiona, edith, guideline):
    version = services.create_version(guideline=guideline, actor=edith)
    services.save_section(
        version=version, actor=edith, key="asks", data={"heading": "Asks", "body": "Access."}
    )
    services.send_to_review(version=version, actor=edith)
    with pytest.raises(PermissionDenied):
        services.publish_version(version=version, actor=fiona, change_level="substantive")
    version.refresh_from_db()
    assert version.status == VersionStatus.IN_REVIEW


def test_a_new_version_starts_from_the_published_one(edith, guideline):
    v1, _carried = publish_through_services(guideline, edith, V1, parameters=["law"])
    v2 = services.create_version(guideline=guideline, actor=edith)
    assert v2.number == 2 and v2.created_from == v1
    assert [s.key for s in v2.sections.all()] == ["background", "key-messages", "asks"]
    assert list(v2.parameters.values_list("key", flat=True)) == ["law"]
    with pytest.raises(ValidationError) as refused:
        services.create_version(guideline=guideline, actor=edith)
    assert "status" in refused.value.message_dict


def test_publishing_supersedes_the_version_before(edith, guideline):
    v1, _carried = publish_through_services(guideline, edith, V1)
    v2, _carried = publish_through_services(guideline, edith, V1, level="editorial")
    v1.refresh_from_db()
    assert (v1.status, v2.status) == (VersionStatus.SUPERSEDED, VersionStatus.PUBLISHED)


def test_a_published_version_cannot_be_edited_through_the_services(edith, guideline):
    v1, _carried = publish_through_services(guideline, edith, V1)
    with pytest.raises(ValidationError) as refused:
        services.save_section(version=v1, actor=edith, key="asks", data={"body": "Other."})
    assert "fixed" in str(refused.value)
    with pytest.raises(ValidationError):
        services.remove_section(version=v1, actor=edith, key="asks")
    assert v1.sections.get(key="asks").body == "States should guarantee safe access."


def test_publishing_needs_a_change_level(edith, guideline):
    version = services.create_version(guideline=guideline, actor=edith)
    services.save_section(version=version, actor=edith, key="a", data={"heading": "A", "body": "B"})
    services.send_to_review(version=version, actor=edith)
    with pytest.raises(ValidationError) as refused:
        services.publish_version(version=version, actor=edith, change_level="big")
    assert "change_level" in refused.value.message_dict


def test_a_substantive_version_marks_exactly_the_changed_sections_translations(edith, guideline):
    v1, _carried = publish_through_services(guideline, edith, V1)
    translate_everything(v1, edith)
    changed = {**V1, "asks": ("Asks", "States must guarantee safe and dignified access.")}
    v2, carried = publish_through_services(guideline, edith, changed)
    found = states(v2)
    assert {pair for pair, state in found.items() if state == "needs-update"} == {
        ("asks", "fr"),
        ("asks", "es"),
        ("asks", "ar"),
    }
    assert {state for pair, state in found.items() if pair[0] != "asks"} == {"current"}
    assert sorted(carried.needs_update) == [("asks", "ar"), ("asks", "es"), ("asks", "fr")]
    # The old translation stays, with what it was made from, for the diff since then.
    kept = SectionTranslation.objects.get(version=v2, section_key="asks", language="fr")
    assert kept.text == "States should guarantee safe access. (fr)"
    assert kept.source_version == v1


def test_an_editorial_version_leaves_every_translation_current(edith, guideline):
    v1, _carried = publish_through_services(guideline, edith, V1)
    translate_everything(v1, edith)
    typo = {**V1, "asks": ("Asks", "States should guarantee safe access!")}
    v2, carried = publish_through_services(guideline, edith, typo, level="editorial")
    assert set(states(v2).values()) == {"current"}
    assert carried.needs_update == [] and len(carried.kept) == 9


def test_reverting_a_section_restores_its_translation(edith, guideline):
    v1, _carried = publish_through_services(guideline, edith, V1)
    translate_everything(v1, edith)
    approved = SectionTranslation.objects.get(version=v1, section_key="asks", language="ar")
    translations.approve_translation(translation=approved, actor=edith)
    changed = {**V1, "asks": ("Asks", "A different ask.")}
    v2, _carried = publish_through_services(guideline, edith, changed)
    assert states(v2)[("asks", "ar")] == "needs-update"
    v3, carried = publish_through_services(guideline, edith, V1)
    found = states(v3)
    assert found[("asks", "ar")] == "approved"
    assert found[("asks", "fr")] == "current"
    assert ("asks", "fr") in carried.restored
    assert set(found.values()) <= {"current", "approved"}


def test_a_new_section_has_no_translation_yet(edith, guideline):
    v1, _carried = publish_through_services(guideline, edith, V1)
    translate_everything(v1, edith)
    more = {**V1, "evidence": ("Evidence", "Studies show it.")}
    v2, _carried = publish_through_services(guideline, edith, more)
    assert states(v2)[("evidence", "es")] == "missing"


def test_a_substantive_version_outdates_exactly_the_adaptations_of_earlier_versions(
    edith, society_a, society_b, alice, guideline, django_capture_on_commit_callbacks
):
    v1, _carried = publish_through_services(guideline, edith, V1)
    older = Adaptation.objects.create(
        guideline=guideline, version=v1, society=society_a, language="it", created_by=alice
    )
    with django_capture_on_commit_callbacks(execute=True):
        v2, _carried = publish_through_services(guideline, edith, V1, level="editorial")
    assert not Adaptation.objects.get(pk=older.pk).outdated
    newer = Adaptation.objects.create(
        guideline=guideline, version=v2, society=society_b, language="fr"
    )
    changed = {**V1, "asks": ("Asks", "A new ask.")}
    with django_capture_on_commit_callbacks(execute=True):
        v3, _carried = publish_through_services(guideline, edith, changed)
    outdated = Adaptation.objects.filter(outdated=True)
    assert set(outdated) == {older, newer}
    assert {a.outdated_since_version for a in outdated} == {v3}
    assert not GuidelineVersion.objects.filter(status="published").exclude(pk=v3.pk).exists()
