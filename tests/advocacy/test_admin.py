"""The admin shows guidelines and versions without editing them: a published version is never
edited there either."""

import pytest
from django.urls import reverse

from advocacy.services import guidelines as services
from tests.advocacy.factories import publish_through_services
from tests.conftest import login

pytestmark = pytest.mark.django_db


def test_admin_cannot_edit_a_published_version_or_its_sections(client, admin, edith):
    guideline = services.create_guideline(actor=edith, data={"title": "Access"})
    version, _carried = publish_through_services(guideline, edith, {"asks": ("Asks", "Access.")})
    login(client, admin)
    change = reverse("admin:advocacy_guidelineversion_change", args=[version.pk])
    page = client.get(change)
    assert page.status_code == 200
    assert "Access." in page.content.decode()
    assert 'name="sections-0-body"' not in page.content.decode()
    response = client.post(
        change,
        {
            "change_note": "Rewritten",
            "sections-TOTAL_FORMS": "1",
            "sections-INITIAL_FORMS": "1",
            "sections-0-id": version.sections.get().pk,
            "sections-0-body": "Rewritten.",
        },
    )
    assert response.status_code == 403
    version.refresh_from_db()
    assert version.change_note == "" and version.sections.get().body == "Access."
    # Sections have no admin page of their own.
    assert client.get(reverse("admin:index") + "advocacy/section/add/").status_code == 404


def test_admin_sends_a_draft_to_review_through_the_service(client, admin, edith):
    guideline = services.create_guideline(actor=edith, data={"title": "Access"})
    published, _carried = publish_through_services(guideline, edith, {"a": ("A", "B")})
    draft = services.create_version(guideline=guideline, actor=edith)
    login(client, admin)
    response = client.post(
        reverse("admin:advocacy_guidelineversion_changelist"),
        {"action": "send_to_review", "_selected_action": [draft.pk, published.pk]},
        follow=True,
    )
    assert response.status_code == 200
    draft.refresh_from_db()
    published.refresh_from_db()
    assert (draft.status, published.status) == ("in-review", "published")
    # The published one is refused by the workflow, and the admin says why.
    assert "cannot be sent to review" in response.content.decode()


def test_admin_reads_an_adaptation_and_cannot_change_it(client, admin, alice, edith, society_a):
    from advocacy.services import adaptations

    guideline = services.create_guideline(actor=edith, data={"title": "Access"})
    publish_through_services(guideline, edith, {"asks": ("Asks", "Access.")})
    adaptation = adaptations.create_adaptation(
        guideline=guideline, actor=alice, society=society_a, language="it", title="Accesso"
    )
    login(client, admin)
    change = reverse("admin:advocacy_adaptation_change", args=[adaptation.pk])
    page = client.get(change)
    assert page.status_code == 200 and "Accesso" in page.content.decode()
    assert client.post(change, {"title": "Changed", "status": "published"}).status_code == 403
    adaptation.refresh_from_db()
    assert (adaptation.title, adaptation.status) == ("Accesso", "draft")
