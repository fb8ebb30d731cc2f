"""What the database itself guarantees about guideline versions, whatever path a change takes."""

import pytest
from django.db import DatabaseError, IntegrityError, transaction

from advocacy.models import GuidelineVersion, Parameter, Section
from tests.advocacy.factories import make_guideline, make_version

SECTIONS = {"background": ("Background", "Migrants need help."), "asks": ("Asks", "Access.")}

pytestmark = pytest.mark.django_db


def test_edith_cannot_change_a_published_versions_section_even_in_the_database(edith):
    version = make_version(make_guideline(edith), sections=SECTIONS, publish=True)
    section = version.sections.get(key="background")
    section.body = "Something else."
    with pytest.raises(DatabaseError, match="fixed"), transaction.atomic():
        section.save()
    with pytest.raises(DatabaseError, match="fixed"), transaction.atomic():
        Section.objects.create(version=version, key="new", heading="New", body="New.")
    with pytest.raises(DatabaseError, match="fixed"), transaction.atomic():
        Parameter.objects.create(version=version, key="law", label="Law")
    assert version.sections.get(key="background").body == "Migrants need help."


def test_edith_edits_a_draft_versions_sections(edith):
    version = make_version(make_guideline(edith), sections=SECTIONS)
    Section.objects.filter(version=version, key="asks").update(body="Access for all.")
    assert version.sections.get(key="asks").body == "Access for all."


def test_a_published_versions_change_note_cannot_change(edith):
    version = make_version(make_guideline(edith), sections=SECTIONS, publish=True)
    with pytest.raises(DatabaseError), transaction.atomic():
        GuidelineVersion.objects.filter(pk=version.pk).update(change_note="Rewritten")
    # Superseding it is the one change it takes.
    GuidelineVersion.objects.filter(pk=version.pk).update(status="superseded")
    assert GuidelineVersion.objects.get(pk=version.pk).status == "superseded"


def test_a_guideline_has_one_published_version(edith):
    guideline = make_guideline(edith)
    make_version(guideline, publish=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_version(guideline, number=2, publish=True)
