"""The demo guideline: three versions (a substantive one and an editorial one after the first)
and translations of its current version in every state."""

import pytest

from advocacy import demo
from advocacy.models import Guideline, SectionTranslation, TranslationState
from core import demo as core_demo

pytestmark = pytest.mark.django_db


def test_the_demo_guideline_has_a_substantive_and_an_editorial_version_and_every_state():
    core_demo.load()
    lines = demo.load()
    guideline = Guideline.objects.get()
    levels = list(guideline.versions.values_list("number", "status", "change_level"))
    assert levels == [
        (1, "superseded", "substantive"),
        (2, "superseded", "substantive"),
        (3, "published", "editorial"),
    ]
    current = SectionTranslation.objects.filter(version__number=3)
    assert set(current.values_list("state", flat=True)) == set(TranslationState.values)
    # The editorial version kept what the substantive one marked.
    assert current.get(section_key="asks", language="ar").state == "needs-update"
    assert current.get(section_key="evidence", language="fr").state == "current"
    assert current.get(section_key="background", language="es").state == "approved"
    adaptations = guideline.adaptations.all()
    assert adaptations.values("society").distinct().count() == 20
    states = {
        "outdated" if adaptation.outdated else adaptation.status for adaptation in adaptations
    }
    assert states == {"draft", "submitted", "approved", "published", "returned", "outdated"}
    assert adaptations.filter(outdated=True).count() == 7
    assert adaptations.filter(version__number=2).count() == 2  # carried forward
    assert "adaptations by 20 societies (7 outdated)" in lines[1]
    assert "already loaded" in demo.load()[0]
    assert "missing" in lines[0]
    assert Guideline.objects.count() == 1
