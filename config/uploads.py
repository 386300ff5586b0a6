"""Checks every uploaded file must pass: size, extension, and what its content really is.

The extension alone proves nothing, so each allowed kind is recognised by its bytes: a renamed
executable is refused. Files are then stored under a name the server chooses.
"""

import codecs
import logging
import re
import uuid
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Kind:
    label: str
    content_type: str


KINDS = {
    ".pdf": Kind("PDF", "application/pdf"),
    ".docx": Kind(
        "Word document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
    ".xlsx": Kind(
        "Excel spreadsheet", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ),
    ".odt": Kind("OpenDocument text", "application/vnd.oasis.opendocument.text"),
    ".csv": Kind("CSV file", "text/csv"),
}
ALLOWED_LIST = "PDF, DOCX, XLSX, ODT or CSV"


# Everything that opening or reading a malformed archive can raise: each means "not a real file
# of this kind", never a server error.
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, RuntimeError, NotImplementedError, EOFError, UnicodeDecodeError, zlib.error)  # fmt: skip
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def _office_file(extension: str, upload: UploadedFile) -> bool:
    """Whether the file is the kind of zip archive a DOCX, XLSX or ODT file is.

    Only the archive's directory is read, and at most a few bytes of one entry, so a small
    file that would unpack to gigabytes is refused without being unpacked.
    """
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if extension == ".docx":
                return "[Content_Types].xml" in names and "word/document.xml" in names
            if extension == ".xlsx":
                return "[Content_Types].xml" in names and "xl/workbook.xml" in names
            # ODF: the first entry is "mimetype", stored uncompressed, holding the media type.
            first = archive.infolist()[0] if names else None
            if first is None or first.filename != "mimetype":
                return False
            if first.compress_type != zipfile.ZIP_STORED or first.file_size != len(ODT_MIMETYPE):
                return False
            with archive.open(first) as entry:
                return entry.read(len(ODT_MIMETYPE) + 1) == ODT_MIMETYPE
    except ZIP_ERRORS:
        return False


def _utf8_text(upload: UploadedFile) -> bool:
    """Whether the whole file is UTF-8 text with no NUL bytes, read a chunk at a time."""
    upload.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for chunk in upload.chunks():
            if b"\x00" in chunk:
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _looks_like(extension: str, upload: UploadedFile) -> bool:
    upload.seek(0)
    head = upload.read(8)
    if extension == ".pdf":
        return head.startswith(b"%PDF-")
    if extension == ".csv":
        return _utf8_text(upload)
    if not head.startswith(b"PK\x03\x04"):
        return False
    return _office_file(extension, upload)


def validate_upload(upload: UploadedFile) -> Kind:
    """Return the file's kind, or raise ValidationError saying plainly what is wrong."""
    if upload.size == 0:
        raise ValidationError("The selected file is empty.", code="empty")
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError("The selected file must be smaller than 20MB.", code="too_large")
    extension = PurePath(upload.name or "").suffix.lower()
    kind = KINDS.get(extension)
    if kind is None:
        raise ValidationError(f"The selected file must be a {ALLOWED_LIST}.", code="extension")
    try:
        matches = _looks_like(extension, upload)
    finally:
        upload.seek(0)
    if not matches and extension == ".csv":
        raise ValidationError(
            "The selected file is not a CSV file saved as UTF-8. In Excel, save it as "
            "'CSV UTF-8 (Comma delimited)' and upload that.",
            code="content",
        )
    if not matches:
        raise ValidationError(
            f"The selected file is not a real {kind.label}. Save it again as a {ALLOWED_LIST} "
            "and upload that.",
            code="content",
        )
    return kind


def server_chosen_name(directory: str, original_name: str) -> str:
    """A random storage name that keeps only the (already checked) extension."""
    return f"{directory}/{uuid.uuid4().hex}{PurePath(original_name).suffix.lower()}"


def safe_download_name(title: str, original_name: str) -> str:
    """A filename for Content-Disposition: letters, digits, spaces, dots, dashes only."""
    stem = re.sub(r"[^\w .-]+", "-", title).strip(" .-") or "file"
    return f"{stem[:100]}{PurePath(original_name).suffix.lower()}"


def attachment_response(
    stored: FieldFile, *, title: str, original_name: str, content_type: str
) -> FileResponse:
    """A stored private file as a download that is never cached; 404 if the file has gone."""
    try:
        handle = stored.open("rb")
    except OSError as error:
        logger.error("Stored file missing", extra={"file": stored.name})
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=safe_download_name(title, original_name),
        content_type=content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response
