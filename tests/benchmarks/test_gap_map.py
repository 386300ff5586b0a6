"""The gap map at 5,000 interventions: server time of the topic view and the matrix against the
list page, measured side by side in one run. It prints the ratios; it never asserts on time.

Run with `make bench` (PostgreSQL).
"""

import time

import pytest
from django.db import connection
from django.test import Client

from evidence_store.views.gap_map import MATRIX_LIMIT
from tests.benchmarks.conftest import p50_p95, percentile, record
from tests.benchmarks.synthetic_store import SyntheticStore

pytestmark = pytest.mark.django_db

SIZE, REQUESTS = 5_000, 40
TOPIC_AIM = 3  # the topic view's p95 within 3× the list page's
PAGES = {
    "list page": "/evidence/",
    "gap map, topics by outcome": "/evidence/gap-map/?view=topic",
    "gap map, topics by outcome, two topics and a strength": (
        "/evidence/gap-map/?view=topic&topic=topic-1&topic=topic-2&strength=moderate"
    ),
    f"gap map, interventions by outcome (first {MATRIX_LIMIT})": "/evidence/gap-map/",
}


@pytest.fixture(scope="module")
def store(postgresql, django_db_blocker):
    with django_db_blocker.unblock():
        synthetic = SyntheticStore()
        synthetic.grow_to(SIZE)
        yield synthetic
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE evidence_store_intervention, evidence_store_study CASCADE")


def _timed(client: Client, url: str) -> list[float]:
    """Wall time of each GET in milliseconds, after one to warm up; every answer a 200."""
    assert client.get(url).status_code == 200, url
    times = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, url
    return times


def test_topic_view_against_the_list_page_at_5000(store, django_db_blocker):
    client = Client()
    section = f"Gap map, server time (in process, {SIZE:,} interventions)"
    with django_db_blocker.unblock():
        # Interleaved rounds, so a change of load on the machine falls on every page alike.
        timings: dict[str, list[float]] = {name: [] for name in PAGES}
        for _ in range(2):
            for name, url in PAGES.items():
                timings[name] += _timed(client, url)
    listing = percentile(timings["list page"], 0.95)
    for name, samples in timings.items():
        p50, p95 = p50_p95(samples)
        ratio = percentile(samples, 0.95) / listing
        note = f"{p50}; p95 {ratio:.1f}× the list page's"
        if name.startswith("gap map, topics"):
            note += f"; aim {TOPIC_AIM}×: {'met' if ratio <= TOPIC_AIM else 'open'}"
        record(section, name, p95, note)
