"""The upload virus-scanning hook, against a small stand-in for clamd speaking INSTREAM."""

import socket
import socketserver
import struct
import tempfile
import threading
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.scanning import CHUNK, INFECTED, UNAVAILABLE, scan
from pine.models import Document
from pine.services.projects import document_upload, project_create
from pine.workflow import Status
from tests.pine.factories import ApplicationFactory, member_of

# The standard antivirus test string, put together here so this file does not itself trip scanners.
EICAR = (
    "X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-" + "ANTIVIRUS-TEST-" + "FILE!$H+H*"
).encode()
COMMAND = b"zINSTREAM\0"


class ClamdHandler(socketserver.BaseRequestHandler):
    """Reads one INSTREAM command and its chunks, then answers as clamd would."""

    def exactly(self, size: int) -> bytes:
        data = b""
        while len(data) < size:
            part = self.request.recv(size - len(data))
            if not part:
                raise ConnectionError("the client stopped sending")
            data += part
        return data

    def handle(self) -> None:
        if self.exactly(len(COMMAND)) != COMMAND:
            self.request.sendall(b"UNKNOWN COMMAND\0")
            return
        received, chunks = bytearray(), []
        while length := struct.unpack("!L", self.exactly(4))[0]:
            chunks.append(length)
            received += self.exactly(length)
        self.server.streams.append((bytes(received), chunks))
        found = EICAR in received
        reply = b"stream: Eicar-Test-Signature FOUND\0" if found else b"stream: OK\0"
        self.request.sendall(self.server.reply or reply)


class TCPClamd(socketserver.ThreadingTCPServer):
    daemon_threads = True


class UnixClamd(socketserver.ThreadingUnixStreamServer):
    daemon_threads = True


def serve(server) -> socketserver.BaseServer:
    server.streams, server.reply = [], None
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    ).start()
    return server


@pytest.fixture
def clamd(settings):
    server = serve(TCPClamd(("127.0.0.1", 0), ClamdHandler))
    settings.UPLOAD_SCANNER = "core.scanning.clamav"
    settings.CLAMAV_URL = f"tcp://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_without_a_scanner_configured_nothing_is_scanned(settings, closed_port):
    settings.UPLOAD_SCANNER = ""
    settings.CLAMAV_URL = f"tcp://127.0.0.1:{closed_port}"
    upload = SimpleUploadedFile("notes.csv", b"a,b\n" + EICAR)
    assert scan(upload) is None
    assert upload.read() == b"a,b\n" + EICAR


def test_a_clean_file_passes_and_can_be_read_again_afterwards(clamd):
    upload = SimpleUploadedFile("survey.csv", b"name,answer\nJo,yes\n")
    scan(upload)
    assert clamd.streams == [(b"name,answer\nJo,yes\n", [19])]
    assert upload.read() == b"name,answer\nJo,yes\n"


def test_a_file_with_the_test_virus_is_refused(clamd):
    with pytest.raises(ValidationError) as error:
        scan(SimpleUploadedFile("survey.csv", b"id,notes\n1," + EICAR + b"\n"))
    assert error.value.code == "virus"
    assert error.value.messages == [INFECTED]
    assert "contains a virus" in INFECTED


def test_a_file_larger_than_one_chunk_is_streamed_completely(clamd):
    content = bytes(range(256)) * (CHUNK * 3 // 256) + b"the end"
    scan(SimpleUploadedFile("data.csv", content))
    ((received, chunks),) = clamd.streams
    assert received == content
    assert len(chunks) == 4 and max(chunks) == CHUNK


def test_the_test_virus_after_the_first_chunk_is_still_found(clamd):
    content = b"x" * (CHUNK + 10) + EICAR
    with pytest.raises(ValidationError, match="contains a virus"):
        scan(SimpleUploadedFile("data.csv", content))
    assert clamd.streams[0][0] == content


def test_an_unexpected_reply_from_the_scanner_refuses_the_file(clamd):
    clamd.reply = b"INSTREAM size limit exceeded. ERROR\0"
    with pytest.raises(ValidationError) as error:
        scan(SimpleUploadedFile("survey.csv", b"name,answer\n"))
    assert error.value.code == "scanner_error"
    assert error.value.messages == [UNAVAILABLE]


@pytest.mark.parametrize(
    "url", ["tcp://127.0.0.1:{port}", "unix:///nonexistent/clamd.ctl", "http://127.0.0.1:{port}"]
)
def test_a_scanner_that_cannot_be_reached_refuses_the_file(url, settings, closed_port):
    settings.UPLOAD_SCANNER = "core.scanning.clamav"
    settings.CLAMAV_URL = url.format(port=closed_port)
    with pytest.raises(ValidationError) as error:
        scan(SimpleUploadedFile("survey.csv", b"name,answer\n"))
    assert error.value.code == "scanner_unavailable"
    assert error.value.messages == [UNAVAILABLE]
    assert "could not be checked" in UNAVAILABLE


def test_the_scanner_can_be_reached_through_a_unix_socket(settings):
    directory = Path(tempfile.mkdtemp(prefix="clamd"))  # short: socket paths are limited
    path = directory / "clamd.ctl"
    server = serve(UnixClamd(str(path), ClamdHandler))
    settings.UPLOAD_SCANNER = "core.scanning.clamav"
    settings.CLAMAV_URL = f"unix://{path}"
    try:
        scan(SimpleUploadedFile("survey.csv", b"name,answer\n"))
        with pytest.raises(ValidationError, match="contains a virus"):
            scan(SimpleUploadedFile("survey.csv", EICAR))
    finally:
        server.shutdown()
        server.server_close()
        path.unlink()
        directory.rmdir()
    assert [received for received, _ in server.streams] == [b"name,answer\n", EICAR]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path), "base_url": None},
        },
    }
    return tmp_path


def upload_to_a_project(content: bytes) -> Document:
    project = project_create(application=ApplicationFactory(status=Status.ACCEPTED), user=None)
    return document_upload(
        stage=project.stages.first(),
        user=member_of(project.organisation),
        upload=SimpleUploadedFile("survey.csv", content),
        title="Survey answers",
        kind=Document.Kind.DATA,
    )


@pytest.mark.django_db
def test_an_upload_with_the_test_virus_is_refused_and_nothing_is_stored(clamd, media):
    with pytest.raises(ValidationError) as error:
        upload_to_a_project(b"id,notes\n1," + EICAR + b"\n")
    assert error.value.code == "virus"
    assert clamd.streams  # it really was sent to the scanner
    assert not Document.objects.exists()
    assert [p for p in media.rglob("*") if p.is_file()] == []


@pytest.mark.django_db
def test_a_scanned_clean_upload_is_stored_whole(clamd, media):
    content = b"id,answer\n" + b"1,yes\n" * 20000
    document = upload_to_a_project(content)
    assert clamd.streams[0][0] == content
    assert (media / document.file.name).read_bytes() == content
