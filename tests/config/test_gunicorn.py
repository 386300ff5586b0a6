"""gunicorn.conf.py, as deployed: what a client's headers can and cannot put in the environ."""

import http.client
import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def gunicorn():
    """gunicorn with the project's config, serving the echo app from 127.0.0.1, a trusted address."""
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 - fixed arguments
        [
            sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py",
            "--bind", f"127.0.0.1:{port}", "--workers", "1",
            "tests.config.echo_wsgi:application",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        server.kill()
        pytest.fail("gunicorn did not start")
    yield port
    server.terminate()
    server.wait(timeout=10)


def environ_for(port: int, path: str, headers: dict[str, str]) -> dict:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    assert response.status == 200
    return json.loads(response.read())


def test_a_script_name_header_is_ignored_even_from_a_trusted_address(gunicorn):
    seen = environ_for(gunicorn, "/x/admin/", {"SCRIPT_NAME": "/x"})
    assert seen["SCRIPT_NAME"] == ""
    assert seen["PATH_INFO"] == "/x/admin/"


def test_header_names_with_underscores_are_dropped(gunicorn):
    seen = environ_for(gunicorn, "/", {"X_Forwarded_Proto": "https", "PATH_INFO": "/admin/"})
    assert "HTTP_X_FORWARDED_PROTO" not in seen
    assert seen["PATH_INFO"] == "/"
    assert seen["wsgi.url_scheme"] == "http"


def test_the_proxy_still_tells_the_scheme(gunicorn):
    assert environ_for(gunicorn, "/", {"X-Forwarded-Proto": "https"})["wsgi.url_scheme"] == "https"
