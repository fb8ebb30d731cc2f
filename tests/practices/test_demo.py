"""The demo data set mirrors the IFRC report's figures exactly (shared/seed), and shows every
feature: links, contacts, attachments, and an editor who logs in with her second factor."""

import io
import re
from collections import Counter

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from django.test import override_settings
from django.urls import reverse

from core.models import User
from core.taxonomy import Kind
from core.uploads import validate_upload
from practices import demo as practices_demo
from practices.models import Attachment, Practice, Status
from practices.search import search
from tests.browser import totp_code

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker, tmp_path_factory):
    """Loaded once for the module (it takes a few seconds), rolled back at the end so other
    test modules start from an empty catalogue; its files go to a folder of their own."""
    media = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock(), transaction.atomic():
        output = io.StringIO()
        call_command("load_demo", stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_output):
    return demo_output


@pytest.fixture
def smart_practices(demo):
    return Practice.objects.published().filter(kind=Kind.SMART_PRACTICE, is_demo=True)


def tag_counts(practices, field):
    return dict(Counter(code for tags in practices.values_list(field, flat=True) for code in tags))


def test_it_publishes_the_reports_59_smart_practices(smart_practices):
    assert smart_practices.count() == 59
    assert (
        Practice.objects.visible_to(AnonymousUser()).filter(kind=Kind.SMART_PRACTICE).count() == 59
    )


def test_its_counts_by_step_match_the_report(smart_practices):
    assert tag_counts(smart_practices, "steps") == {
        "long-term-stay": 25,
        "arrival": 10,
        "transition-at-borders": 6,
        "migrant-camps": 6,
        "origin": 5,
        "return": 4,
        "across-the-trail": 3,
    }
    assert all(len(steps) == 1 for steps in smart_practices.values_list("steps", flat=True))


def test_its_counts_by_region_match_the_report(smart_practices):
    assert dict(Counter(smart_practices.values_list("region_id", flat=True))) == {
        "africa": 6,
        "americas": 7,
        "asia-pacific": 8,
        "europe": 28,
        "mena": 10,
    }
    # The region is the owning society's.
    assert not smart_practices.exclude(region_id=F("society__region__code")).exists()


def test_its_counts_by_type_of_support_match_the_report(smart_practices):
    # The report leaves advocacy blank; 6 makes the four types add up to 59.
    assert tag_counts(smart_practices, "support_types") == {
        "awareness-raising": 21,
        "assistance": 16,
        "protection": 16,
        "advocacy": 6,
    }


def test_its_counts_by_principle_match_the_report(smart_practices):
    assert tag_counts(smart_practices, "principles") == {
        "P1": 59,
        "P6": 26,
        "P3": 21,
        "P9": 16,
        "P4": 15,
        "P7": 8,
        "P5": 6,
        "P8": 4,
        "P2": 3,
    }


def test_its_dimension_shares_match_the_report(smart_practices):
    counts = tag_counts(smart_practices, "dimensions")
    total = sum(counts.values())
    shares = {code: round(100 * count / total) for code, count in counts.items()}
    assert shares == {
        "human-capital": 34,
        "physical-capital": 29,
        "social-capital": 15,
        "financial-capital": 12,
        "regulatory-governance": 10,
    }


def test_it_publishes_13_smart_operational_elements(demo):
    elements = Practice.objects.published().filter(kind=Kind.OPERATIONAL_ELEMENT, is_demo=True)
    assert elements.count() == 13


def test_it_writes_in_four_languages(smart_practices):
    languages = set(smart_practices.values_list("language", flat=True))
    assert languages == {"en", "fr", "es", "ar"}
    # Each is searchable in its own language: "volontaires" meets the French stem.
    found = search(smart_practices, "volontaires")
    assert found.filter(language="fr").exists()
    assert not found.exclude(language="fr").exists()


def test_the_review_queue_has_work_for_edith(demo):
    edith = User.objects.get(email="edith@demo.example")
    waiting = Practice.objects.visible_to(edith).filter(
        status__in=[Status.SUBMITTED, Status.CHANGES_REQUESTED]
    )
    assert waiting.filter(status=Status.SUBMITTED).count() >= 2
    assert waiting.filter(status=Status.CHANGES_REQUESTED).exclude(review_note="").exists()
    assert waiting.values("society").distinct().count() >= 3
    # Drafts stay their society's own until submitted.
    assert not Practice.objects.visible_to(edith).filter(status=Status.DRAFT).exists()
    assert Practice.objects.filter(status=Status.DRAFT, is_demo=True).exists()


def test_every_demo_practice_is_labelled_as_demo(demo):
    assert not Practice.objects.filter(is_demo=False).exists()
    assert Practice.objects.filter(is_demo=True).count() == 59 + 13 + 8


def test_loading_again_adds_nothing(demo):
    before = (Practice.objects.count(), User.objects.count(), Attachment.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (Practice.objects.count(), User.objects.count(), Attachment.objects.count()) == before


def test_every_published_demo_practice_has_links_and_a_contact(demo):
    published = Practice.objects.published().filter(is_demo=True).select_related("society")
    assert published.count() == 72
    for practice in published:
        assert practice.links and all(link.startswith("https://") for link in practice.links)
        assert (
            practice.contact_email
            == f"migration.{practice.society.country_id.lower()}@demo.example"
        )
        assert practice.contact is not None and practice.contact.email.endswith("@demo.example")
    assert published.filter(links__contains=["https://familylinks.icrc.org"]).exists()


def test_demo_practices_in_english_french_and_spanish_carry_a_one_page_pdf_sheet(demo):
    published = Practice.objects.published().filter(is_demo=True)
    with_sheet = published.filter(attachments__isnull=False).distinct()
    assert with_sheet.count() == published.exclude(language="ar").count() > 50
    assert not with_sheet.filter(language="ar").exists()
    for attachment in Attachment.objects.filter(practice__in=with_sheet):
        data = attachment.file.read()
        attachment.file.close()
        # What an upload of the same file would go through: type, size, and no script inside.
        upload = SimpleUploadedFile(attachment.original_name, data, "application/pdf")
        assert validate_upload(upload) == attachment.content_type == "application/pdf"
        assert len(re.findall(rb"/Type\s*/Page\b(?!s)", data)) == 1
        assert attachment.size == len(data) < 20_000
        assert attachment.original_name.endswith(".pdf")


def test_a_visitor_downloads_a_demo_practices_sheet(demo, client):
    attachment = Attachment.objects.filter(practice__language="fr").first()
    page = client.get(attachment.practice.get_absolute_url()).content.decode()
    assert attachment.get_absolute_url() in page
    assert "migration." in page and "@demo.example" in page
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert attachment.original_name.startswith("fiche-pratique-")


def test_a_later_load_completes_demo_practices_loaded_before_they_had_links_and_sheets(demo):
    practice = Practice.objects.published().filter(is_demo=True, language="es").first()
    Practice.objects.filter(pk=practice.pk).update(links=[], contact_email="")
    Attachment.objects.filter(practice=practice).delete()
    assert practices_demo.load() == [
        "Demo practices are there already; none added.",
        "1 demo practices loaded before they had links, a contact address and a summary sheet "
        "got them.",
    ]
    practice.refresh_from_db()
    assert practice.contact_email and practice.links
    assert practice.attachments.get().original_name.startswith("ficha-practica-")
    assert practices_demo.load() == ["Demo practices are there already; none added."]


def test_the_demo_editor_logs_in_with_the_key_and_codes_the_load_prints(demo, client):
    """Editors must use a second factor: the load prints edith's authenticator key and her
    recovery codes, the same at every load."""
    key = re.search(r"authenticator app key: ([A-Z2-7 ]+)\n", demo).group(1).replace(" ", "")
    codes = re.search(r"recovery codes, each for one login without the app: (.+)\n", demo)
    codes = codes.group(1).split()
    assert len(codes) == 10
    again = io.StringIO()
    call_command("load_demo", stdout=again)
    assert f"authenticator app key: {re.search(r'key: (.+)', demo).group(1)}" in again.getvalue()

    edith = User.objects.get(email="edith@demo.example")
    response = client.post(
        reverse("account_login"), {"login": edith.email, "password": "demo-hub-2026"}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": totp_code(key)})
    assert client.session.get("_auth_user_id") == str(edith.pk)
    assert client.get(reverse("practices:review_queue")).status_code == 200

    client.logout()
    client.post(reverse("account_login"), {"login": edith.email, "password": "demo-hub-2026"})
    client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert client.session.get("_auth_user_id") == str(edith.pk)


@pytest.mark.parametrize(
    "written, plain, count",
    [
        ("orientación", "orientacion", 6),
        ("niños", "ninos", 2),
        ("accès", "acces", 2),
        ("exilées", "exilees", 2),
    ],
)
def test_accents_are_optional_in_a_search_of_the_demo(demo, written, plain, count):
    visible = Practice.objects.visible_to(AnonymousUser()).published()
    with_accents = set(search(visible, written).values_list("pk", flat=True))
    assert len(with_accents) == count
    assert set(search(visible, plain).values_list("pk", flat=True)) == with_accents
