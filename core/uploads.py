"""One check for every uploaded file, and the limit on uploads while they arrive.

A file is accepted when its extension is one the caller allows, its size is within the limit,
its first bytes are those of that type (by `filetype`) and, where checking the whole container
is cheap, nothing in it could run in a browser or an office suite: an Office file is a zip with
the parts its type requires and no web page, script or macro; a PDF has no JavaScript; an image
holds no HTML. What the user called the file is never used to store it (`stored_name`).
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.translation import gettext as _


class ActiveContent(Exception):
    """The file holds something that could run (a script, a web page, a macro)."""


class BrokenContainer(Exception):
    """The file's inside is not what its type requires."""


# What makes a browser that sniffs the bytes run them as a web page.
MARKUP = re.compile(rb"<\s*(script|html|!doctype\s+html)\b", re.IGNORECASE)


# --- Office Open XML (DOCX, XLSX, PPTX) --------------------------------------------------------

# Parts a browser would render or an office suite would run; none belongs in a document.
ACTIVE_PART = re.compile(
    r"(\.(html?|xhtml|mht|mhtml|hta|js|mjs|vbs|svgz|exe|dll|bat|cmd|ps1)|vbaproject\.bin)$",
    re.IGNORECASE,
)
# Office 2016 and later keep inserted icons as SVG parts: accepted unless they hold a script,
# an event handler or a javascript: link. Each is read whole, so their size is bounded.
SVG_PART = re.compile(r"\.svg$", re.IGNORECASE)
SVG_ACTIVE = re.compile(rb"<\s*script\b|\son[a-z]+\s*=|javascript:", re.IGNORECASE)
LARGEST_READ_PART = 1024 * 1024


def office_check(main_part: str) -> Callable[[bytes], None]:
    def check(data: bytes) -> None:
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            names = archive.namelist()
        except (zipfile.BadZipFile, ValueError, OSError):
            raise BrokenContainer from None
        if "[Content_Types].xml" not in names or main_part not in names:
            raise BrokenContainer
        # A web page may also hide in a part stored uncompressed, or after the archive.
        if any(ACTIVE_PART.search(name) for name in names) or MARKUP.search(data):
            raise ActiveContent
        content_types = _read_part(archive, "[Content_Types].xml").lower()
        # A macro-enabled document renamed .docx declares its macros here.
        if b"macroenabled" in content_types or b"vbaproject" in content_types:
            raise ActiveContent
        for name in names:
            if SVG_PART.search(name) and SVG_ACTIVE.search(_read_part(archive, name)):
                raise ActiveContent

    return check


def _read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > LARGEST_READ_PART:
        raise BrokenContainer
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, zlib.error, ValueError, OSError, NotImplementedError):
        raise BrokenContainer from None


# --- PDF ---------------------------------------------------------------------------------------

# Names of actions that run code: JavaScript (also as the action an /OpenAction or /AA points
# to) and launching a program.
PDF_ACTIVE_NAMES = {b"JavaScript", b"JS", b"Launch"}
PDF_NAME_END = rb"(?![^\s/<>\[\]()%{}])"
PDF_ACTIVE_NAME = re.compile(rb"/(?:JavaScript|JS|Launch)" + PDF_NAME_END)
# A name written with #xx escapes (`/Java#53cript`), which readers decode.
PDF_ESCAPED_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]*#[0-9A-Fa-f]{2}[^\s/<>\[\]()%{}]*)")
PDF_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm\b")
# Decompressing object streams is bounded, so a small file cannot unfold into gigabytes.
PDF_INFLATE_BUDGET = 64 * 1024 * 1024


def pdf_check(data: bytes) -> None:
    if not data.startswith(b"%PDF-"):
        raise BrokenContainer
    for text in [data, *_pdf_object_streams(data)]:
        if MARKUP.search(text) or _pdf_has_active_name(text):
            raise ActiveContent


def _pdf_has_active_name(text: bytes) -> bool:
    if PDF_ACTIVE_NAME.search(text):
        return True
    for match in PDF_ESCAPED_NAME.finditer(text):
        name = re.sub(rb"#([0-9A-Fa-f]{2})", lambda hex_: bytes([int(hex_[1], 16)]), match[1])
        if name in PDF_ACTIVE_NAMES:
            return True
    return False


def _pdf_object_streams(data: bytes):
    """The decompressed object streams: since PDF 1.5 a document's dictionaries (its actions
    among them) may sit inside these rather than in plain sight."""
    budget = PDF_INFLATE_BUDGET
    for match in PDF_OBJECT_STREAM.finditer(data):
        start = data.find(b"stream", match.end())
        if start < 0:
            return
        start += len(b"stream")
        start += 2 if data[start : start + 2] == b"\r\n" else 1
        end = data.find(b"endstream", start)
        if end < 0:
            return
        inflater = zlib.decompressobj()
        try:
            text = inflater.decompress(data[start:end], budget)
        except zlib.error:
            continue  # not Flate-encoded: a reader could not use it either
        budget -= len(text)
        yield text
        if budget <= 0:
            return


# --- Images ----------------------------------------------------------------------------------


def image_check(data: bytes) -> None:
    # An image served to a browser that sniffs it as HTML would run its script.
    if MARKUP.search(data):
        raise ActiveContent


@dataclass(frozen=True)
class FileType:
    mime: str
    check: Callable[[bytes], None]


FILE_TYPES = {
    ".pdf": FileType("application/pdf", pdf_check),
    ".docx": FileType(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        office_check("word/document.xml"),
    ),
    ".xlsx": FileType(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        office_check("xl/workbook.xml"),
    ),
    ".pptx": FileType(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        office_check("ppt/presentation.xml"),
    ),
    ".png": FileType("image/png", image_check),
    ".jpg": FileType("image/jpeg", image_check),
    ".jpeg": FileType("image/jpeg", image_check),
}
DOCUMENTS_AND_IMAGES = tuple(FILE_TYPES)


def validate_upload(upload, *, extensions=DOCUMENTS_AND_IMAGES, max_bytes=None) -> str:
    """Checks an uploaded file (see the module's docstring) and returns its content type.
    Raises ValidationError({"file": [...]}) saying what is wrong, in words for its sender."""
    max_bytes = max_bytes or settings.UPLOAD_MAX_BYTES
    extension = PurePath(upload.name or "").suffix.lower()
    if extension not in extensions:
        types = ", ".join(name[1:].upper() for name in extensions if name != ".jpeg")
        raise ValidationError(
            {"file": [_("Attach a file of one of these types: %(types)s.") % {"types": types}]}
        )
    if upload.size > max_bytes:
        megabytes = f"{max_bytes / 1024 / 1024:g}"
        raise ValidationError(
            {"file": [_("The file is larger than %(megabytes)s MB.") % {"megabytes": megabytes}]}
        )
    file_type = FILE_TYPES[extension]
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    type_name = extension[1:].upper()
    kind = filetype.guess(data[:8192])
    try:
        if kind is None or kind.mime != file_type.mime:
            raise BrokenContainer
        file_type.check(data)
    except BrokenContainer:
        raise ValidationError(
            {"file": [_("The file's content is not a %(type)s file.") % {"type": type_name}]}
        ) from None
    except ActiveContent:
        raise ValidationError(
            {
                "file": [
                    _(
                        "The %(type)s file holds a script, a web page or macros; save it again "
                        "without them."
                    )
                    % {"type": type_name}
                ]
            }
        ) from None
    return file_type.mime


def stored_name(folder: str, filename: str) -> str:
    """The name a file is stored under: chosen by the server, keeping only the extension."""
    return f"{folder}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


# --- While the body arrives ---------------------------------------------------------------------


class OversizedUpload(UploadedFile):
    """What is left of a file that passed the limit while it arrived: its name and how many
    bytes were sent, none of them kept, so the form or serializer says it is too large and
    keeps everything else that was typed."""

    def __init__(self, name: str, size: int, content_type: str | None):
        super().__init__(io.BytesIO(), name=name, content_type=content_type, size=size)


class UploadLimitHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: once a file passes UPLOAD_MAX_BYTES, none of its further
    bytes is stored. (core.edge has already refused a request whose Content-Length exceeds what
    any form may send, so the rest of the body is bounded.)"""

    def new_file(
        self,
        field_name,
        file_name,
        content_type,
        content_length,
        charset=None,
        content_type_extra=None,
    ):
        super().new_file(
            field_name, file_name, content_type, content_length, charset, content_type_extra
        )
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.UPLOAD_MAX_BYTES:
            return None  # the handlers after this one store nothing more
        return raw_data

    def file_complete(self, file_size):
        if self.received > settings.UPLOAD_MAX_BYTES:
            return OversizedUpload(self.file_name, self.received, self.content_type)
        return None  # the next handler (memory or temporary file) holds the file
