"""Checks every uploaded file must pass: size, extension, and what its content really is.

The extension alone proves nothing, so each allowed kind is recognised by its bytes: a renamed
executable is refused. Files are then stored under a name the server chooses.
"""

import io
import logging
import re
import uuid
import zipfile
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


def _zip_names(head: bytes, upload: UploadedFile) -> set[str] | None:
    if not head.startswith(b"PK\x03\x04"):
        return None
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return None


def _odt_mimetype(upload: UploadedFile) -> bytes:
    upload.seek(0)
    with zipfile.ZipFile(upload) as archive:
        return archive.read("mimetype").strip()


def _looks_like(extension: str, upload: UploadedFile) -> bool:
    upload.seek(0)
    head = upload.read(8192)
    if extension == ".pdf":
        return head.startswith(b"%PDF-")
    if extension == ".csv":
        if b"\x00" in head:
            return False
        try:
            io.TextIOWrapper(io.BytesIO(head), encoding="utf-8").read()
        except UnicodeDecodeError:
            # A multi-byte character may be cut at the end of the sample.
            try:
                head[:-4].decode("utf-8")
            except UnicodeDecodeError:
                return False
        return True
    names = _zip_names(head, upload)
    if names is None or ("[Content_Types].xml" not in names and extension != ".odt"):
        return False
    if extension == ".docx":
        return "word/document.xml" in names
    if extension == ".xlsx":
        return "xl/workbook.xml" in names
    if extension == ".odt":
        return "mimetype" in names and _odt_mimetype(upload) == KINDS[".odt"].content_type.encode()
    return False


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
