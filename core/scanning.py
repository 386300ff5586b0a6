"""The virus-scanning hook every upload passes through: off unless a scanner is configured.

`UPLOAD_SCANNER` names a callable that takes the uploaded file and raises ValidationError to
refuse it. `clamav` below talks to a ClamAV daemon (clamd) over its INSTREAM protocol; it is
chosen by setting CLAMAV_URL, for example tcp://127.0.0.1:3310 or unix:///run/clamav/clamd.ctl.
"""

import logging
import socket
import struct
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

CHUNK = 64 * 1024
UNAVAILABLE = (
    "The file could not be checked for viruses just now, so it was not saved. Try again later."
)
INFECTED = "The selected file contains a virus, so it was not saved."


def scan(upload: UploadedFile) -> None:
    """Run the configured scanner, if any; it raises ValidationError to refuse the file."""
    scanner = getattr(settings, "UPLOAD_SCANNER", "")
    if not scanner:
        return
    try:
        import_string(scanner)(upload)
    finally:
        upload.seek(0)


def _connect(url: str, timeout: float) -> socket.socket:
    parts = urlsplit(url)
    if parts.scheme == "unix":
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        sock.connect(parts.path)
        return sock
    if parts.scheme == "tcp" and parts.hostname:
        return socket.create_connection((parts.hostname, parts.port or 3310), timeout=timeout)
    raise ValueError(f"CLAMAV_URL must start tcp:// or unix://, not {url!r}")


def clamav_reply(upload: UploadedFile, *, url: str, timeout: float = 30.0) -> str:
    """Stream the file to clamd and return its reply, such as 'stream: OK'."""
    upload.seek(0)
    with _connect(url, timeout) as sock:
        sock.sendall(b"zINSTREAM\0")
        while chunk := upload.read(CHUNK):
            sock.sendall(struct.pack("!L", len(chunk)) + chunk)
        sock.sendall(struct.pack("!L", 0))
        reply = b""
        while not reply.endswith(b"\0"):
            part = sock.recv(4096)
            if not part:
                break
            reply += part
    return reply.rstrip(b"\0").decode("utf-8", "replace").strip()


def clamav(upload: UploadedFile) -> None:
    """Refuse the file if clamd finds something in it, or if clamd cannot be asked."""
    try:
        reply = clamav_reply(upload, url=settings.CLAMAV_URL)
    except (OSError, ValueError):
        logger.exception("Virus scanner unavailable")
        raise ValidationError(UNAVAILABLE, code="scanner_unavailable") from None
    if reply.endswith("FOUND"):
        logger.warning("Upload refused by the virus scanner", extra={"reply": reply})
        raise ValidationError(INFECTED, code="virus")
    if not reply.endswith("OK"):
        logger.error("Virus scanner gave an unexpected reply", extra={"reply": reply})
        raise ValidationError(UNAVAILABLE, code="scanner_error")
