"""Attachments: one check (core/uploads.py) for the extension, the size, the magic bytes and the
whole container; files past the limit are not kept while they arrive; files are only ever
served by the view that checks who may see the practice."""

import importlib
import io
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory, override_settings
from django.urls import clear_url_caches, reverse

import config.urls
from core.uploads import OversizedUpload, UploadLimitHandler, validate_upload
from practices.models import Attachment, Practice
from tests.conftest import login
from tests.practices.factories import make_practice
from tests.practices.test_pages import CREATE, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64

OFFICE_MAIN_PARTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}


def office_file(kind="docx", extra=(), content_types=b"<Types/>", main_part=None) -> bytes:
    """A minimal Office Open XML file: [Content_Types].xml first, as Office writes it, then
    the main part of its kind and any extra (name, bytes) parts."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", b"<Relationships/>")
        archive.writestr(main_part or OFFICE_MAIN_PARTS[kind], b"<document/>")
        for name, content in extra:
            archive.writestr(name, content)
    return buffer.getvalue()


def pdf_with_object_stream(objects: bytes) -> bytes:
    """A PDF (1.5) whose dictionaries sit compressed in an object stream."""
    stream = zlib.compress(objects)
    return (
        b"%PDF-1.5\n1 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length "
        + str(len(stream)).encode()
        + b" >>\nstream\n"
        + stream
        + b"\nendstream\nendobj\n%%EOF\n"
    )


def check(name, content):
    return validate_upload(SimpleUploadedFile(name, content))


def refusal(name, content) -> str:
    with pytest.raises(ValidationError) as refused:
        check(name, content)
    return refused.value.message_dict["file"][0]


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("report.pdf", PDF, "application/pdf"),
        (
            "report.docx",
            office_file("docx"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "figures.xlsx",
            office_file("xlsx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            "slides.pptx",
            office_file("pptx"),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        # An icon inserted by Office 2016 and later is an SVG part: a harmless one is fine.
        (
            "icons.docx",
            office_file("docx", [("word/media/image1.svg", b'<svg><path d="M0 0"/></svg>')]),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("photo.png", PNG, "image/png"),
        ("photo.jpg", JPEG, "image/jpeg"),
        ("photo.JPEG", JPEG, "image/jpeg"),
    ],
)
def test_real_documents_and_images_are_accepted_with_their_content_type(
    name, content, content_type
):
    assert check(name, content) == content_type


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("run.pdf", b"%PDF-1.4\n<script>alert(document.domain)</script>\n%%EOF\n"),
        ("page.pdf", b"%PDF-1.4\n<HTML><body>hello</body></html>\n%%EOF\n"),
        (
            "open.pdf",
            b"%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction 2 0 R >> endobj\n"
            b"2 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\n%%EOF\n",
        ),
        ("short.pdf", b"%PDF-1.4\n1 0 obj << /OpenAction << /S /JS /JS(x) >> >> endobj\n"),
        ("escaped.pdf", b"%PDF-1.4\n1 0 obj << /OpenAction << /S /Java#53cript >> >> endobj\n"),
        ("launch.pdf", b"%PDF-1.4\n1 0 obj << /OpenAction << /S /Launch /F (cmd) >> >>\n"),
        (
            "hidden.pdf",
            pdf_with_object_stream(b"2 0 << /OpenAction << /S /JavaScript /JS (x) >> >>"),
        ),
        ("page.docx", office_file("docx", [("index.html", b"<p>hi</p>")])),
        ("deep.docx", office_file("docx", [("word/media/page.HTM", b"<p>hi</p>")])),
        ("script.pptx", office_file("pptx", [("ppt/run.js", b"alert(1)")])),
        ("macros.docx", office_file("docx", [("word/vbaProject.bin", b"\xd0\xcf\x11\xe0")])),
        (
            "renamed.xlsx",
            office_file(
                "xlsx",
                content_types=b'<Types><Override ContentType="application/'
                b'vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>',
            ),
        ),
        (
            "icon.docx",
            office_file("docx", [("word/media/image1.svg", b"<svg onload='alert(1)'/>")]),
        ),
        ("tail.docx", office_file("docx") + b"<script>alert(1)</script>"),
        ("photo.png", PNG + b"<script>alert(1)</script>"),
        ("photo.jpg", JPEG + b"<html><body>"),
    ],
)
def test_a_file_holding_a_script_a_web_page_or_macros_is_refused(name, content):
    assert "holds a script, a web page or macros" in refusal(name, content)


@pytest.mark.parametrize(
    ("name", "content", "type_name"),
    [
        ("report.pdf", PNG, "PDF"),
        ("report.pdf", b"%PDX-1.4 not a pdf", "PDF"),
        ("notes.docx", b"just some text", "DOCX"),
        # A workbook named .docx, a zip without the parts of its type, a damaged zip.
        ("figures.docx", office_file("xlsx"), "DOCX"),
        ("empty.docx", office_file("docx", main_part="word/other.xml"), "DOCX"),
        ("cut.docx", office_file("docx")[:200], "DOCX"),
        ("photo.png", JPEG, "PNG"),
    ],
)
def test_a_file_whose_content_is_not_its_type_is_refused(name, content, type_name):
    assert refusal(name, content) == f"The file's content is not a {type_name} file."


def test_an_unknown_extension_is_refused_naming_the_types_accepted():
    assert refusal("run.exe", b"MZ\x90\x00") == (
        "Attach a file of one of these types: PDF, DOCX, XLSX, PPTX, PNG, JPG."
    )


def test_the_limit_handler_keeps_nothing_past_the_limit_and_reports_the_size(settings):
    settings.UPLOAD_MAX_BYTES = 10
    handler = UploadLimitHandler(RequestFactory().post("/"))
    handler.new_file("file", "big.pdf", "application/pdf", None)
    assert handler.receive_data_chunk(b"%PDF-1.4", 0) == b"%PDF-1.4"
    assert handler.file_complete(8) is None  # within the limit: the next handler keeps it

    handler.new_file("file", "big.pdf", "application/pdf", None)
    assert handler.receive_data_chunk(b"%PDF-1.4", 0) == b"%PDF-1.4"
    assert handler.receive_data_chunk(b"0123456789", 8) is None  # not passed on
    oversized = handler.file_complete(18)
    assert isinstance(oversized, OversizedUpload)
    assert (oversized.name, oversized.size, oversized.read()) == ("big.pdf", 18, b"")
    with pytest.raises(ValidationError, match="larger than"):
        validate_upload(oversized)


def test_a_polyglot_pdf_on_the_form_is_refused_and_the_form_keeps_what_was_typed(client, alice):
    login(client, alice)
    polyglot = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n<script>alert(1)</script>\n")
    response = client.post(CREATE, form_data(attachment=polyglot))
    assert response.status_code == 400
    page = response.content.decode()
    assert "holds a script, a web page or macros" in page
    assert 'value="Legal clinics for newly arrived migrants"' in page
    assert not Practice.objects.exists()
    assert not Attachment.objects.exists()


def test_an_upload_past_the_limit_on_the_form_keeps_what_was_typed(client, alice, settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    login(client, alice)
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (1024 * 1024))
    response = client.post(CREATE, form_data(attachment=big))
    assert response.status_code == 400
    page = response.content.decode()
    assert "The file is larger than 1 MB." in page
    assert 'value="Legal clinics for newly arrived migrants"' in page
    assert not Attachment.objects.exists()


def test_a_docx_holding_a_web_page_is_a_400_on_the_api(client, alice, society_a):
    draft = make_practice(alice, society_a)
    login(client, alice)
    response = client.post(
        reverse("api:practice-attachments", args=[draft.pk]),
        {"file": SimpleUploadedFile("page.docx", office_file("docx", [("index.html", b"<p>")]))},
    )
    assert response.status_code == 400
    assert "holds a script" in response.json()["errors"]["file"][0]
    assert not draft.attachments.exists()


# --- Served only through the permission view ------------------------------------------------


@pytest.fixture
def drafts_file(alice, society_a):
    draft = make_practice(alice, society_a, title="Alice's secret draft about shelters")
    from practices import services

    return services.add_attachment(
        practice=draft, actor=alice, upload=SimpleUploadedFile("secret.pdf", PDF)
    )


@pytest.fixture
def urls_as_with_debug_on():
    """The URL configuration as `make run` builds it, with DEBUG on."""
    with override_settings(DEBUG=True):
        importlib.reload(config.urls)
        clear_url_caches()
        yield
    importlib.reload(config.urls)
    clear_url_caches()


def test_no_url_pattern_serves_the_media_folder(urls_as_with_debug_on):
    patterns = [str(pattern.pattern) for pattern in config.urls.urlpatterns]
    assert not any("media" in pattern for pattern in patterns)


def test_a_drafts_file_is_not_served_from_media_with_debug_on(
    client, bob, drafts_file, urls_as_with_debug_on
):
    media_url = drafts_file.file.url
    assert media_url.startswith("/media/attachments/")
    assert client.get(media_url).status_code == 404
    login(client, bob)
    assert client.get(media_url).status_code == 404


def test_the_permission_view_denies_bob_and_visitors_a_drafts_file_and_serves_alice(
    client, alice, bob, drafts_file
):
    url = drafts_file.get_absolute_url()
    assert client.get(url).status_code == 404
    login(client, bob)
    assert client.get(url).status_code == 404
    login(client, alice)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


# --- Removing an attachment ---------------------------------------------------------------


def test_alices_removed_attachment_leaves_the_storage_only_after_the_commit(
    alice, drafts_file, django_capture_on_commit_callbacks
):
    from practices import services

    storage, name = drafts_file.file.storage, drafts_file.file.name
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.remove_attachment(attachment=drafts_file, actor=alice)
    assert not Attachment.objects.filter(pk=drafts_file.pk).exists()
    assert storage.exists(name)  # a rollback now would find its file in place
    for callback in callbacks:
        callback()
    assert not storage.exists(name)


def test_bob_cannot_remove_alices_attachment_and_its_file_stays(bob, drafts_file):
    from django.core.exceptions import PermissionDenied

    from practices import services

    with pytest.raises(PermissionDenied):
        services.remove_attachment(attachment=drafts_file, actor=bob)
    assert Attachment.objects.filter(pk=drafts_file.pk).exists()
    assert drafts_file.file.storage.exists(drafts_file.file.name)
