"""gunicorn with production settings on a free loopback port, and a poller of its /healthz."""

import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Variables the settings read that the run sets itself or leaves at their production default,
# so that neither the caller's shell nor a developer's .env file can change what is measured.
CLEARED = [
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_POOL",
    "DATABASE_POOL_MIN_SIZE",
    "DATABASE_POOL_MAX_SIZE",
    "DATABASE_POOL_TIMEOUT",
    "GUNICORN_BIND",
    "GUNICORN_THREADS",
    "GUNICORN_TIMEOUT",
    "FORWARDED_ALLOW_IPS",
    "LOG_LEVEL",
    "WEB_CONCURRENCY",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def app_environment(
    *, database_url: str, media_root: Path, workers: int, extra: dict[str, str]
) -> dict[str, str]:
    """Production settings (DEBUG off, a random key) for this database, as a proxy would see them.

    Values set to "" count as unset in config/settings.py, so they take the production default
    even when a .env file sets them (django-environ never overrides a variable already set).
    """
    env = {key: value for key, value in os.environ.items() if key not in CLEARED}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": "https://evidence.example.org",
            "SECURE_SSL_REDIRECT": "",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(media_root),
            "CACHE_URL": "",
            "CLAMAV_URL": "",
            # No mail server here: anything the run sends is written to the server's log.
            "EMAIL_URL": "consolemail://",
            # The load generator stands in for the TLS proxy, which adds X-Forwarded-For.
            "TRUSTED_PROXY_COUNT": "1",
        }
    )
    if workers:
        env["WEB_CONCURRENCY"] = str(workers)
    env.update(extra)  # settings being tried out, e.g. DATABASE_POOL_TIMEOUT=1
    return env


class Gunicorn:
    """`gunicorn -c gunicorn.conf.py`, as deployed, bound to a free loopback port."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        command = [
            sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py",
            "--bind", f"127.0.0.1:{self.port}",
        ]  # fmt: skip
        with log.open("ab") as output:
            self.process = subprocess.Popen(  # noqa: S603 - our own gunicorn and config
                command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited at start-up; see {log}")
            if health(self.url, timeout=2)[0] == 200:
                return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer /healthz within a minute; see {log}")

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def log_lines(self, containing: str) -> int:
        """How many lines of gunicorn's log contain `containing` (for worker timeouts and boots)."""
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return sum(containing in line for line in text.splitlines())

    def stop(self) -> None:
        if self.alive():
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def health(url: str, timeout: float) -> tuple[int, str]:
    """(status, error) of one /healthz request over plain HTTP, as a proxy's health check makes it."""
    try:
        with urllib.request.urlopen(url + "/healthz", timeout=timeout) as response:  # noqa: S310
            response.read()
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError as error:
        return 0, type(error).__name__


@dataclass
class Poll:
    start: float
    end: float
    status: int
    error: str


class HealthPoller(threading.Thread):
    """Ask /healthz every `interval` seconds, as a load balancer does, and keep every answer.

    Each check runs in its own thread, so a slow answer does not delay the next check.
    """

    def __init__(self, url: str, interval: float = 0.5, timeout: float = 15.0) -> None:
        super().__init__(daemon=True)
        self.url, self.interval, self.timeout = url, interval, timeout
        self.polls: list[Poll] = []
        self._checks: list[threading.Thread] = []
        self._stop_event = threading.Event()

    def _check(self) -> None:
        start = time.time()
        status, error = health(self.url, self.timeout)
        self.polls.append(Poll(start, time.time(), status, error))

    def run(self) -> None:
        while not self._stop_event.is_set():
            check = threading.Thread(target=self._check, daemon=True)
            check.start()
            self._checks.append(check)
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()
        for check in self._checks:
            check.join(timeout=self.timeout + 5)
        self.polls.sort(key=lambda poll: poll.start)
