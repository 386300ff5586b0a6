"""Benchmark harness: committed data on PostgreSQL, a real gunicorn, and a results table.

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
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
RESULTS: list[tuple[str, str, str]] = []


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/benchmarks/" in str(item.fspath):
            item.add_marker(pytest.mark.benchmark)


def record(measure: str, value: str, note: str = "") -> None:
    RESULTS.append((measure, value, note))


def pytest_terminal_summary(terminalreporter):
    if not RESULTS:
        return
    width = max(len(m) for m, _, _ in RESULTS)
    terminalreporter.section("benchmark results (one run, same machine)")
    for measure, value, note in RESULTS:
        terminalreporter.write_line(f"{measure:<{width}}  {value:>14}  {note}")


@pytest.fixture(scope="session")
def postgresql(django_db_setup):
    if connection.vendor != "postgresql":
        pytest.skip("Benchmarks run on PostgreSQL: set DATABASE_URL (make bench does).")


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timings_ms(call, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def summary_ms(samples: list[float]) -> str:
    return f"p50 {statistics.median(samples):.1f} ms, p95 {percentile(samples, 0.95):.1f} ms"


class Gunicorn:
    """gunicorn with production settings on a free loopback port, against the test database."""

    def __init__(self, workers: int = 2):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        settings = connection.settings_dict
        env = {
            **os.environ,
            "SECRET_KEY": "benchmark-only-secret-key-" + "x1y2z3" * 8,
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


def throughput(url: str, seconds: int = 5, connections: int = 8) -> float:
    """Requests per second: wrk when installed, otherwise a bounded pool of Python clients."""
    if shutil.which("wrk"):
        output = subprocess.run(  # noqa: S603
            ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", url],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 30,
        ).stdout
        return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))

    deadline = time.monotonic() + seconds

    def client() -> int:
        done = 0
        while time.monotonic() < deadline:
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
                response.read()
            done += 1
        return done

    with ThreadPoolExecutor(connections) as pool:
        total = sum(pool.map(lambda _: client(), range(connections)))
    return total / seconds
