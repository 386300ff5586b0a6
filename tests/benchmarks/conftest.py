"""Benchmark harness: committed data on PostgreSQL, a real gunicorn, and one results table.

Benchmarks print ratios measured side by side in one run; they never assert on seconds.
"""

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
# Rows of the results table, grouped by section in the order sections first appear.
RESULTS: dict[str, list[tuple[str, str, str]]] = {}
STARTED = time.monotonic()
LOAD_AT_START = os.getloadavg()[0]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/benchmarks/" in str(item.fspath):
            item.add_marker(pytest.mark.benchmark)


def record(section: str, measure: str, value: str, note: str = "") -> None:
    RESULTS.setdefault(section, []).append((measure, value, note))


def pytest_terminal_summary(terminalreporter):
    if not RESULTS:
        return
    minutes, seconds = divmod(round(time.monotonic() - STARTED), 60)
    record(
        "Run",
        f"this machine: {os.cpu_count()} cores, shared",
        f"load {LOAD_AT_START:.1f} → {os.getloadavg()[0]:.1f}",
        "1-minute load average at start and end; other test suites run here at the same time",
    )
    record(
        "Run",
        "whole benchmark run",
        f"{minutes} min {seconds:02} s",
        "test database included",
    )
    rows = [("measure", "result", "note")]
    for section, results in RESULTS.items():
        rows.append((f"**{section}**", "", ""))
        rows.extend(results)
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    terminalreporter.section("benchmark results (one run, same machine)")
    for number, (measure, value, note) in enumerate(rows):
        terminalreporter.write_line(
            f"| {measure:<{widths[0]}} | {value:>{widths[1]}} | {note:<{widths[2]}} |".rstrip()
        )
        if number == 0:
            terminalreporter.write_line(
                f"|{'-' * (widths[0] + 2)}|{'-' * (widths[1] + 1)}:|{'-' * (widths[2] + 2)}|"
            )


@pytest.fixture(scope="session")
def postgresql(django_db_setup):
    if connection.vendor != "postgresql":
        pytest.skip("Benchmarks run on PostgreSQL: set DATABASE_URL (make bench does).")


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def cpu_ns() -> int | None:
    """CPU time used so far by this process and its PostgreSQL backend, in nanoseconds.

    Unlike wall time, it hardly changes with what else the machine is doing. None when the
    database is not on this machine (its backend's counters cannot be read).
    """
    connection.ensure_connection()
    backend = Path(f"/proc/{connection.connection.info.backend_pid}")
    local = connection.settings_dict["HOST"] in ("", "localhost", "127.0.0.1", "::1")
    try:
        if not local or (backend / "comm").read_text().strip() != "postgres":
            return None
        database = int((backend / "schedstat").read_text().split()[0])
    except OSError:
        return None
    return time.process_time_ns() + database


@contextmanager
def serial_queries():
    """Keep PostgreSQL from handing work to parallel workers, whose CPU time cpu_ns cannot see."""
    with connection.cursor() as cursor:
        cursor.execute("SET max_parallel_workers_per_gather = 0")
        try:
            yield
        finally:
            cursor.execute("RESET max_parallel_workers_per_gather")


def p50_p95(samples: list[float]) -> tuple[str, str]:
    """The median and 95th percentile of timings in milliseconds, as table cells."""

    def ms(value: float) -> str:
        return f"{value:,.0f} ms" if value >= 10 else f"{value:.1f} ms"

    return f"p50 {ms(statistics.median(samples))}", f"p95 {ms(percentile(samples, 0.95))}"


# gunicorn's key: a session made in this process for it must be signed with the same one.
SECRET_KEY = "benchmark-only-secret-key-" + "x1y2z3" * 8


class Gunicorn:
    """gunicorn with production settings on a free loopback port, against the test database."""

    def __init__(self, workers: int = 2):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        settings = connection.settings_dict
        env = {
            **os.environ,
            "SECRET_KEY": SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": (
                f"postgres://{settings['USER'] or 'postgres'}@{settings['HOST'] or '127.0.0.1'}:"
                f"{settings['PORT'] or 5432}/{settings['NAME']}"
            ),
            "WEB_CONCURRENCY": str(workers),
            "LOG_LEVEL": "WARNING",
        }
        env.pop("DEBUG", None)
        self.workers = workers
        self.process = subprocess.Popen(  # noqa: S603 - our own gunicorn and config
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--access-logfile",
                "/dev/null",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


def load_tool(seconds: int = 5, connections: int = 8) -> str:
    """How throughput is driven, for the table's notes."""
    if shutil.which("wrk"):
        return f"wrk -t2 -c{connections} -d{seconds}s"
    return f"{connections} Python clients for {seconds} s (wrk not installed)"


def throughput(
    url: str, seconds: int = 5, connections: int = 8, headers: dict[str, str] | None = None
) -> float:
    """Requests per second: wrk when installed, otherwise a bounded pool of Python clients.

    `headers` go with every request (a session cookie, to measure a signed-in page)."""
    headers = headers or {}
    if shutil.which("wrk"):
        extra = [arg for name, value in headers.items() for arg in ("-H", f"{name}: {value}")]
        output = subprocess.run(  # noqa: S603
            ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", *extra, url],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 30,
        ).stdout
        if re.search(r"Non-2xx or 3xx responses", output):
            raise RuntimeError(f"{url} answered with errors under load:\n{output}")
        return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))

    deadline = time.monotonic() + seconds

    def client() -> int:
        done = 0
        while time.monotonic() < deadline:
            request = urllib.request.Request(url, headers=headers)  # noqa: S310
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                response.read()
            done += 1
        return done

    with ThreadPoolExecutor(connections) as pool:
        total = sum(pool.map(lambda _: client(), range(connections)))
    return total / seconds
