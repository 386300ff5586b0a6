"""Checks every uploaded file must pass: size, extension, and what its content really is.

The extension alone proves nothing, so each allowed kind is recognised by its bytes: a renamed
executable is refused, and so are office files that unpack too far and PDFs that carry scripts.
Files are then stored under a name the server chooses.
"""

import codecs
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

from core.pdf_content import ACTIVE, NOT_A_PDF, UNCHECKABLE, pdf_problem

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# The largest request body any form takes: one file and the form's other fields. A larger one is
# refused before it is read (config.middleware.RefuseOversizeBodiesMiddleware).
MAX_REQUEST_BYTES = MAX_UPLOAD_BYTES + 64 * 1024


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


ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# A real document opens to at most a few times its size. These refuse "zip bombs": a small file
# that would unpack to gigabytes in whatever opens it.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 100  # uncompressed to compressed, for any entry over RATIO_FROM_BYTES
RATIO_FROM_BYTES = 1024 * 1024
MAX_ENTRIES = 5000
CHUNK_BYTES = 1024 * 1024

# Why a file's content is refused.
NOT_REAL, UNPACKS_TOO_FAR = "content", "unpacks_too_far"


def _is_office_kind(extension: str, archive: zipfile.ZipFile) -> bool:
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


def _unpacks_too_far(entries: list[zipfile.ZipInfo]) -> bool:
    """Judged from the archive's directory alone, before anything is unpacked."""
    return (
        len(entries) > MAX_ENTRIES
        or sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES
        or any(
            entry.file_size > RATIO_FROM_BYTES
            and entry.file_size > MAX_RATIO * max(entry.compress_size, 1)
            for entry in entries
        )
    )


def _read_through(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> None:
    """Read every entry a chunk at a time, so that a directory that lies about sizes is caught.

    zipfile stops each entry at its declared size and checks its CRC, raising BadZipFile on a
    mismatch; nothing is kept in memory beyond one chunk.
    """
    for entry in entries:
        with archive.open(entry) as unpacked:
            while unpacked.read(CHUNK_BYTES):
                pass


def _office_problem(extension: str, upload: UploadedFile) -> str | None:
    """None for a real DOCX, XLSX or ODT file, else NOT_REAL or UNPACKS_TOO_FAR."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            if not _is_office_kind(extension, archive):
                return NOT_REAL
            entries = archive.infolist()
            if _unpacks_too_far(entries):
                return UNPACKS_TOO_FAR
            _read_through(archive, entries)
    except Exception:  # zipfile's errors, and each compressor's own (lzma, bz2, zlib)
        return NOT_REAL
    return None


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


def _content_problem(extension: str, upload: UploadedFile) -> str | None:
    upload.seek(0)
    if extension == ".pdf":
        return pdf_problem(upload.read())
    if extension == ".csv":
        return None if _utf8_text(upload) else NOT_REAL
    if not upload.read(4).startswith(b"PK\x03\x04"):
        return NOT_REAL
    return _office_problem(extension, upload)


def _refusal(problem: str, extension: str, kind: Kind) -> str:
    if problem == NOT_REAL and extension == ".csv":
        return (
            "The selected file is not a CSV file saved as UTF-8. In Excel, save it as "
            "'CSV UTF-8 (Comma delimited)' and upload that."
        )
    return {
        NOT_REAL: f"The selected file is not a real {kind.label}. Save it again as a "
        f"{ALLOWED_LIST} and upload that.",
        UNPACKS_TOO_FAR: f"The selected file would take up more than 100MB once opened, or is "
        f"packed far more tightly than a real {kind.label}. Save it again and upload that.",
        ACTIVE: "The selected PDF contains scripts or actions that run when it is opened. Save "
        "it again as a plain PDF (for example, print it to PDF) and upload that.",
        UNCHECKABLE: "The selected PDF is encrypted, or saved in a way we cannot check. Save it "
        "again as a plain PDF without a password and upload that.",
    }[problem]


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
        problem = _content_problem(extension, upload)
    finally:
        upload.seek(0)
    if problem == NOT_A_PDF:
        problem = NOT_REAL
    if problem:
        raise ValidationError(_refusal(problem, extension, kind), code=problem)
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
