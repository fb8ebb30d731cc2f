"""Societies' adaptations: who writes, submits, approves and publishes them; how a substantive
version outdates them and tells the focal points once; carrying one forward."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from advocacy.models import Adaptation, AdaptationStatus
from advocacy.services import adaptations as services
from advocacy.services import guidelines
from core.models import Notification
from tests.advocacy.factories import publish_through_services

pytestmark = pytest.mark.django_db

V1 = {
    "background": ("Background", "Migrants face barriers to essential services."),
    "key-messages": ("Key messages", "Access to assistance regardless of legal status."),
    "asks": ("Asks", "States should guarantee safe access."),
}


def write_version(guideline, editor, sections, *, level="substantive", parameters=None):
    """The next version with `sections` (all adaptable, key messages marked) and `parameters`
    ({key: required}), published by `editor`."""
    version = guidelines.create_version(guideline=guideline, actor=editor)
    for key in set(version.sections.values_list("key", flat=True)) - set(sections):
        guidelines.remove_section(version=version, actor=editor, key=key)
    for key, (heading, body) in sections.items():
        guidelines.save_section(
            version=version,
            actor=editor,
            key=key,
            data={
                "heading": heading,
                "body": body,
                "adaptable": key != "background",
                "key_message": key == "key-messages",
            },
        )
    parameters = {"legal-framework": True} if parameters is None else parameters
    for key in set(version.parameters.values_list("key", flat=True)) - set(parameters):
        guidelines.remove_parameter(version=version, actor=editor, key=key)
    for key, required in parameters.items():
        guidelines.save_parameter(
            version=version, actor=editor, key=key, data={"label": key, "required": required}
        )
    guidelines.send_to_review(version=version, actor=editor)
    guidelines.publish_version(version=version, actor=editor, change_level=level)
    version.refresh_from_db()
    return version


@pytest.fixture
def guideline(edith):
    guideline = guidelines.create_guideline(
        actor=edith, data={"title": "Humanitarian access for migrants"}
    )
    write_version(guideline, edith, V1)
    return guideline


@pytest.fixture
def draft(guideline, alice, society_a):
    return services.create_adaptation(
        guideline=guideline, actor=alice, society=society_a, language="it"
    )


def filled(adaptation, actor, **sections):
    return services.update_adaptation(
        adaptation=adaptation,
        actor=actor,
        data={
            "parameters": {"legal-framework": "Legislative Decree 286/1998"},
            "sections": sections,
        },
    )


def test_alice_adapts_the_published_version_in_italian(draft, guideline):
    assert draft.version == guideline.versions.get(status="published")
    assert (draft.language, draft.status) == ("it", AdaptationStatus.DRAFT)


def test_a_language_code_is_checked_and_written_as_bcp47_writes_it(guideline, alice, society_a):
    adaptation = services.create_adaptation(
        guideline=guideline, actor=alice, society=society_a, language="pt-br"
    )
    assert adaptation.language == "pt-BR"
    for wrong in ["klingon", "xx", "fr_FR!", "\x00", ""]:
        with pytest.raises(ValidationError) as refused:
            services.create_adaptation(
                guideline=guideline, actor=alice, society=society_a, language=wrong
            )
        assert "language" in refused.value.message_dict


def test_alice_adapts_a_version_once_per_language(draft, guideline, alice, society_a):
    with pytest.raises(ValidationError) as refused:
        services.create_adaptation(
            guideline=guideline, actor=alice, society=society_a, language="it"
        )
    assert "already adapts version 1" in refused.value.message_dict["language"][0]


def test_bob_cannot_adapt_for_society_a(guideline, bob, society_a):
    with pytest.raises(PermissionDenied):
        services.create_adaptation(guideline=guideline, actor=bob, society=society_a, language="fr")


def test_bob_cannot_see_or_write_alices_draft(draft, bob, edith):
    assert not Adaptation.objects.visible_to(bob).filter(pk=draft.pk).exists()
    # A society's draft is its own: editors see it once it is submitted.
    assert not Adaptation.objects.visible_to(edith).filter(pk=draft.pk).exists()
    with pytest.raises(PermissionDenied):
        services.update_adaptation(adaptation=draft, actor=bob, data={"title": "Mine"})
    with pytest.raises(PermissionDenied):
        services.submit_adaptation(adaptation=draft, actor=bob)


def test_alice_fills_parameters_and_rewrites_adaptable_sections_only(draft, alice):
    filled(draft, alice, asks="Italy should guarantee safe access.")
    assert draft.parameter_values.get().text == "Legislative Decree 286/1998"
    assert draft.sections.get().section_key == "asks"
    with pytest.raises(ValidationError) as refused:
        services.update_adaptation(
            adaptation=draft,
            actor=alice,
            data={"sections": {"background": "Ours"}, "parameters": {"nope": "x"}},
        )
    assert set(refused.value.message_dict) == {"sections", "parameters"}
    with pytest.raises(ValidationError) as refused:
        services.update_adaptation(adaptation=draft, actor=alice, data={"title": "A\x00B"})
    assert "title" in refused.value.message_dict


def test_alice_submits_once_every_required_parameter_is_filled(draft, alice):
    with pytest.raises(ValidationError) as refused:
        services.submit_adaptation(adaptation=draft, actor=alice)
    assert "legal-framework" in refused.value.message_dict["parameters"][0]
    filled(draft, alice)
    assert services.submit_adaptation(adaptation=draft, actor=alice).status == "submitted"


def test_alice_cannot_approve_her_own_societys_adaptation(draft, alice, fiona, edith):
    filled(draft, alice)
    services.submit_adaptation(adaptation=draft, actor=alice)
    with pytest.raises(PermissionDenied):
        services.approve_adaptation(adaptation=draft, actor=alice)
    # fiona is a focal point, but this guideline does not allow self approval.
    with pytest.raises(PermissionDenied):
        services.approve_adaptation(adaptation=draft, actor=fiona)
    approved = services.approve_adaptation(adaptation=draft, actor=edith)
    assert (approved.status, approved.approved_by) == ("approved", edith)
    assert services.publish_adaptation(adaptation=draft, actor=alice).status == "published"


def test_fiona_approves_where_the_guideline_allows_self_approval_and_alice_still_cannot(
    draft, guideline, alice, fiona, edith
):
    guidelines.update_guideline(
        guideline=guideline, actor=edith, data={"allows_self_approval": True}
    )
    filled(draft, alice)
    services.submit_adaptation(adaptation=draft, actor=alice)
    with pytest.raises(PermissionDenied):
        services.approve_adaptation(adaptation=draft, actor=alice)
    assert services.approve_adaptation(adaptation=draft, actor=fiona).status == "approved"


def test_bob_cannot_approve_or_publish_society_as_adaptation(draft, alice, bob, edith):
    filled(draft, alice)
    services.submit_adaptation(adaptation=draft, actor=alice)
    with pytest.raises(PermissionDenied):
        services.approve_adaptation(adaptation=draft, actor=bob)
    services.approve_adaptation(adaptation=draft, actor=edith)
    with pytest.raises(PermissionDenied):
        services.publish_adaptation(adaptation=draft, actor=bob)


def test_edith_returns_an_adaptation_with_a_note_and_alice_resubmits(draft, alice, edith):
    filled(draft, alice)
    services.submit_adaptation(adaptation=draft, actor=alice)
    with pytest.raises(ValidationError) as refused:
        services.return_adaptation(adaptation=draft, actor=edith, note="  ")
    assert "note" in refused.value.message_dict
    returned = services.return_adaptation(adaptation=draft, actor=edith, note="Cite the law.")
    assert (returned.status, returned.return_note) == ("returned", "Cite the law.")
    services.update_adaptation(adaptation=draft, actor=alice, data={"title": "Accesso"})
    assert services.submit_adaptation(adaptation=draft, actor=alice).status == "submitted"


def test_a_published_adaptation_cannot_be_edited_by_its_society(draft, alice, edith):
    filled(draft, alice)
    services.submit_adaptation(adaptation=draft, actor=alice)
    with pytest.raises(PermissionDenied):
        services.update_adaptation(adaptation=draft, actor=alice, data={"title": "Later"})


# --- Outdated by a substantive version ---------------------------------------------------------


def published_adaptation(guideline, alice, edith, society, language="it", **sections):
    adaptation = services.create_adaptation(
        guideline=guideline, actor=alice, society=society, language=language
    )
    filled(adaptation, alice, **sections)
    services.submit_adaptation(adaptation=adaptation, actor=alice)
    services.approve_adaptation(adaptation=adaptation, actor=edith)
    return services.publish_adaptation(adaptation=adaptation, actor=alice)


def test_a_substantive_version_outdates_exactly_the_earlier_adaptations_and_tells_fiona_once(
    guideline, alice, fiona, bob, edith, society_a, society_b, django_capture_on_commit_callbacks
):
    ours = published_adaptation(guideline, alice, edith, society_a)
    theirs = services.create_adaptation(
        guideline=guideline, actor=bob, society=society_b, language="sw"
    )
    changed = {**V1, "asks": ("Asks", "States must guarantee safe and dignified access.")}
    with django_capture_on_commit_callbacks(execute=True):
        version = write_version(guideline, edith, changed)
    later = services.create_adaptation(
        guideline=guideline, actor=alice, society=society_a, language="fr"
    )
    outdated = set(Adaptation.objects.filter(outdated=True).values_list("pk", flat=True))
    assert outdated == {ours.pk, theirs.pk}
    assert later.pk not in outdated
    ours.refresh_from_db()
    assert (ours.status, ours.outdated_since_version) == ("published", version)
    told = Notification.objects.filter(kind="adaptation-outdated")
    assert list(told.filter(key__contains=f":{ours.pk}:").values_list("recipient", flat=True)) == [
        fiona.pk
    ]
    # The task run again tells nobody twice.
    assert services.mark_adaptations_outdated(version_id=version.pk) == []
    assert told.filter(recipient=fiona).count() == 1


def test_an_editorial_version_outdates_no_adaptation(guideline, alice, edith, society_a):
    ours = published_adaptation(guideline, alice, edith, society_a)
    typo = {**V1, "asks": ("Asks", "States should guarantee safe access!")}
    version = write_version(guideline, edith, typo, level="editorial")
    assert services.mark_adaptations_outdated(version_id=version.pk) == []
    ours.refresh_from_db()
    assert not ours.outdated


def test_an_outdated_adaptation_takes_no_step_forward(guideline, alice, edith, society_a):
    adaptation = services.create_adaptation(
        guideline=guideline, actor=alice, society=society_a, language="it"
    )
    filled(adaptation, alice)
    version = write_version(guideline, edith, {**V1, "asks": ("Asks", "New asks.")})
    services.mark_adaptations_outdated(version_id=version.pk)
    with pytest.raises(ValidationError) as refused:
        services.submit_adaptation(adaptation=adaptation, actor=alice)
    assert "carry it forward" in refused.value.message_dict["status"][0]


def test_carrying_forward_keeps_parameters_and_unchanged_sections_and_asks_again_for_the_changed(
    guideline, alice, edith, bob, society_a
):
    old = published_adaptation(
        guideline,
        alice,
        edith,
        society_a,
        asks="Italy should guarantee safe access.",
        **{"key-messages": "Assistance for all, whatever their status."},
    )
    changed = {**V1, "asks": ("Asks", "States must guarantee safe and dignified access.")}
    version = write_version(
        guideline, edith, changed, parameters={"legal-framework": True, "statistics": False}
    )
    services.mark_adaptations_outdated(version_id=version.pk)
    old.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.carry_forward(adaptation=old, actor=bob)
    carried = services.carry_forward(adaptation=old, actor=alice)
    assert (carried.version, carried.status, carried.language) == (version, "draft", "it")
    assert dict(carried.parameter_values.values_list("parameter_key", "text")) == {
        "legal-framework": "Legislative Decree 286/1998"
    }
    # The key messages did not change and come along; the asks changed and are asked again.
    assert list(carried.sections.values_list("section_key", flat=True)) == ["key-messages"]
    assert services.earlier_adaptation(carried) == old
    with pytest.raises(ValidationError):
        services.carry_forward(adaptation=old, actor=alice)
    assert services.submit_adaptation(adaptation=carried, actor=alice).status == "submitted"


# --- Endorsements ------------------------------------------------------------------------------


def test_fiona_endorses_a_key_message_for_society_a_and_alice_cannot(
    guideline, alice, fiona, society_a, edith
):
    version = guideline.versions.get(status="published")
    with pytest.raises(PermissionDenied):
        services.endorse(version=version, actor=alice, society=society_a)
    endorsement = services.endorse(
        version=version, actor=fiona, society=society_a, section_key="key-messages"
    )
    assert endorsement.endorsed_by == fiona
    assert (
        services.endorse(
            version=version, actor=fiona, society=society_a, section_key="key-messages"
        )
        == endorsement
    )
    with pytest.raises(ValidationError):
        services.endorse(version=version, actor=fiona, society=society_a, section_key="asks")
    with pytest.raises(PermissionDenied):
        services.set_endorsements_closed(guideline=guideline, actor=fiona, closed=True)
    services.set_endorsements_closed(guideline=guideline, actor=edith, closed=True)
    with pytest.raises(ValidationError):
        services.endorse(version=version, actor=fiona, society=society_a)


def test_bob_cannot_endorse_for_society_a(guideline, bob, society_a):
    version = guideline.versions.get(status="published")
    with pytest.raises(PermissionDenied):
        services.endorse(version=version, actor=bob, society=society_a)
    with pytest.raises(PermissionDenied):
        services.withdraw_endorsement(version=version, actor=bob, society=society_a)


def test_publish_through_services_helper_still_outdates(guideline, alice, edith, society_a):
    ours = published_adaptation(guideline, alice, edith, society_a)
    version, _carried = publish_through_services(guideline, edith, {**V1, "asks": ("A", "B")})
    assert services.mark_adaptations_outdated(version_id=version.pk) == [ours.pk]
