"""Who translates guideline sections, and who approves them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from advocacy.models import SectionTranslation
from advocacy.services import guidelines as services
from advocacy.services import translations
from tests.advocacy.factories import publish_through_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(edith):
    guideline = services.create_guideline(actor=edith, data={"title": "Access"})
    version, _carried = publish_through_services(
        guideline, edith, {"asks": ("Asks", "Access for all.")}
    )
    return version


def translate(version, actor, language="fr", text="Accès pour tous."):
    return translations.save_translation(
        version=version,
        section_key="asks",
        language=language,
        actor=actor,
        heading="Demandes",
        text=text,
    )


def test_alice_translates_once_editors_name_her_society_for_french(alice, edith, version):
    with pytest.raises(PermissionDenied):
        translate(version, alice)
    translations.name_translator(
        society=alice.memberships.get().society, language="fr", actor=edith
    )
    translation = translate(version, alice)
    assert (translation.state, translation.translator) == ("current", alice)
    assert translation.source_hash == version.sections.get(key="asks").source_hash
    with pytest.raises(PermissionDenied):
        translate(version, alice, language="ar")


def test_bob_cannot_translate_for_a_language_only_society_a_was_named_for(
    alice, bob, edith, version
):
    translations.name_translator(
        society=alice.memberships.get().society, language="fr", actor=edith
    )
    with pytest.raises(PermissionDenied):
        translate(version, bob)
    assert SectionTranslation.objects.get(section_key="asks", language="fr").state == "missing"


def test_alice_cannot_name_translators_or_approve(alice, edith, version):
    with pytest.raises(PermissionDenied):
        translations.name_translator(
            society=alice.memberships.get().society, language="fr", actor=alice
        )
    translation = translate(version, edith)
    with pytest.raises(PermissionDenied):
        translations.approve_translation(translation=translation, actor=alice)
    assert translations.approve_translation(translation=translation, actor=edith).state == (
        "approved"
    )


def test_a_missing_translation_cannot_be_approved(edith, version):
    missing = SectionTranslation.objects.get(section_key="asks", language="es")
    with pytest.raises(ValidationError) as refused:
        translations.approve_translation(translation=missing, actor=edith)
    assert "status" in refused.value.message_dict


def test_a_blank_translation_is_refused(edith, version):
    with pytest.raises(ValidationError) as refused:
        translate(version, edith, text="   ")
    assert "text" in refused.value.message_dict
