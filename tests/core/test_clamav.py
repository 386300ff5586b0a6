"""Uploads scanned by a real ClamAV daemon, started for these tests with a one-signature database.

The database holds only the EICAR test file's signature (virus databases cannot be downloaded
here), so this proves the whole path: our client, clamd's INSTREAM protocol and its verdict.
"""

import getpass
import hashlib
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.scanning import INFECTED, clamav_reply, scan
from pine.models import Document
from pine.services.projects import document_upload, project_create
from pine.workflow import Status
from tests.pine.factories import ApplicationFactory, member_of

CLAMD = shutil.which("clamd") or "/usr/sbin/clamd"
# The EICAR anti-virus test file, assembled here so this source file is not itself flagged.
EICAR = ("X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*").encode()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pong(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(b"zPING\0")
            return s.recv(16).startswith(b"PONG")
    except OSError:
        return False


@pytest.fixture(scope="module")
def clamd(tmp_path_factory):
    if not Path(CLAMD).exists():
        message = "ClamAV's daemon is not installed (apt-get install clamav-daemon)."
        if os.environ.get("REQUIRE_CLAMAV"):
            pytest.fail(message)
        pytest.skip(message)
    home = tmp_path_factory.mktemp("clamd")
    (home / "db").mkdir()
    (home / "db" / "eicar.hdb").write_text(
        f"{hashlib.md5(EICAR).hexdigest()}:{len(EICAR)}:Eicar-Test-Signature\n"  # noqa: S324 - ClamAV's own signature format
    )
    port = _free_port()
    (home / "clamd.conf").write_text(
        f"Foreground yes\nDatabaseDirectory {home / 'db'}\nTCPSocket {port}\nTCPAddr 127.0.0.1\n"
        f"LogFile {home / 'clamd.log'}\nPidFile {home / 'clamd.pid'}\nUser {getpass.getuser()}\n"
    )
    process = subprocess.Popen(  # noqa: S603 - a fixed program and arguments
        [CLAMD, "-c", str(home / "clamd.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not _pong(port):
            if process.poll() is not None or time.monotonic() > deadline:
                log = (home / "clamd.log").read_text() if (home / "clamd.log").exists() else ""
                pytest.fail(f"clamd did not start:\n{log[-2000:]}")
            time.sleep(0.2)
        yield f"tcp://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_clamd_recognises_the_eicar_test_file_and_passes_a_clean_one(clamd):
    assert clamav_reply(SimpleUploadedFile("x.csv", EICAR), url=clamd).endswith("FOUND")
    assert clamav_reply(SimpleUploadedFile("x.csv", b"name,count\nA,1\n"), url=clamd).endswith("OK")


def test_with_clamav_configured_an_upload_of_eicar_is_refused_and_nothing_stored(
    clamd, settings, db
):
    settings.CLAMAV_URL = clamd
    settings.UPLOAD_SCANNER = "core.scanning.clamav"
    project = project_create(application=ApplicationFactory(status=Status.ACCEPTED), user=None)
    partner = member_of(project.organisation)
    stage = project.stages.first()
    with pytest.raises(ValidationError) as refused:
        document_upload(
            stage=stage,
            user=partner,
            upload=SimpleUploadedFile("survey.csv", EICAR),
            title="Survey",
            kind="data",
        )
    assert refused.value.messages == [INFECTED]
    assert not Document.objects.exists()
    assert not any(p.is_file() for p in Path(settings.MEDIA_ROOT).rglob("*"))
    clean = SimpleUploadedFile("survey.csv", b"question,answer\nQ1,yes\n")
    scan(clean)  # passes, and leaves the file readable from the start
    document = document_upload(stage=stage, user=partner, upload=clean, title="Survey", kind="data")
    assert document.file.read() == b"question,answer\nQ1,yes\n"
