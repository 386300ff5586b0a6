"""Evidence store at scale: search and list latency, throughput against /healthz, export against COPY.

Run with `make bench`. Every figure is compared with another taken in the same run.
"""

import time
import tracemalloc

import pytest
from django.db import connection
from django.test import Client

from evidence_store.models import Intervention, OutcomeRating
from tests.benchmarks.conftest import Gunicorn, record, summary_ms, throughput, timings_ms
from tests.benchmarks.synthetic import make_interventions, make_studies

# The data is committed by the module fixture (so gunicorn sees it); each test runs in a transaction.
pytestmark = pytest.mark.django_db

SEARCHES = ["family support", "parenting -group", '"foster care"', "therapy court", "crisis"]
LIST_PAGE = (
    "/evidence/?topic=topic-1&topic=topic-2&outcome=outcome-3&strength=high&sort=effectiveness"
)
EXPORT_SQL = """
COPY (
  SELECT i.slug, i.name, o.slug, o.name, r.effectiveness,
         CASE r.effectiveness WHEN 'negative' THEN 'Negative effect' WHEN 'mixed' THEN 'Mixed or no effect'
              WHEN 'tends_positive' THEN 'Tends to positive' ELSE 'Consistently positive' END,
         CASE r.effectiveness WHEN 'negative' THEN '−' WHEN 'mixed' THEN '0'
              WHEN 'tends_positive' THEN '+' ELSE '++' END,
         CASE r.effectiveness WHEN 'negative' THEN 0 WHEN 'mixed' THEN 1
              WHEN 'tends_positive' THEN 2 ELSE 3 END,
         r.strength,
         CASE r.strength WHEN 'very_low' THEN 'Very low' WHEN 'low' THEN 'Low'
              WHEN 'moderate' THEN 'Moderate' ELSE 'High' END,
         CASE r.strength WHEN 'very_low' THEN 0 WHEN 'low' THEN 1 WHEN 'moderate' THEN 2 ELSE 3 END,
         r.illustrative, r.notes
  FROM evidence_store_outcomerating r
  JOIN evidence_store_intervention i ON i.id = r.intervention_id
  JOIN evidence_store_outcome o ON o.id = r.outcome_id
  WHERE i.status = 'published'
  ORDER BY i.name, o.position, o.name
) TO STDOUT WITH (FORMAT csv, HEADER)
"""


@pytest.fixture(scope="module")
def scale(postgresql, django_db_blocker):
    """5,000 interventions with six ratings each and 20,000 studies, committed for gunicorn."""
    with django_db_blocker.unblock():
        started = time.perf_counter()
        make_interventions(5000)
        make_studies(20000)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        record("synthetic data (5,000 interventions, 30,000 ratings, 20,000 studies)",
               f"{time.perf_counter() - started:.1f} s", "to generate")  # fmt: skip
        yield
        for model in (OutcomeRating, Intervention):
            model.objects.all().delete()
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE evidence_store_study CASCADE")


def _get(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200


def test_search_and_filtered_list_latency(scale, django_db_blocker):
    client = Client()
    with django_db_blocker.unblock():
        for query in SEARCHES:  # warm up
            _get(client, f"/evidence/?q={query}")
        queries = iter(SEARCHES * 20)
        search = timings_ms(lambda: _get(client, f"/evidence/?q={next(queries)}"), 100)
        listing = timings_ms(lambda: _get(client, LIST_PAGE), 50)
        health = timings_ms(lambda: _get(client, "/healthz"), 50)
    record(
        "ranked search, server time (5,000 interventions)",
        summary_ms(search).split(",")[0],
        summary_ms(search).split(",")[1].strip(),
    )
    record(
        "filtered list page, server time",
        summary_ms(listing).split(",")[0],
        summary_ms(listing).split(",")[1].strip(),
    )
    record(
        "/healthz, server time (reference)",
        summary_ms(health).split(",")[0],
        summary_ms(health).split(",")[1].strip(),
    )


def test_list_page_throughput_against_healthz_under_gunicorn(scale):
    server = Gunicorn(workers=2)
    try:
        throughput(server.url + "/healthz", seconds=2)  # warm the workers and their pools
        health = throughput(server.url + "/healthz")
        home = throughput(server.url + "/")
        listing = throughput(server.url + "/evidence/")
        filtered = throughput(server.url + LIST_PAGE)
        detail = throughput(server.url + "/evidence/synthetic-42/")
    finally:
        server.stop()
    record("gunicorn /healthz", f"{health:.0f} req/s", "2 workers, 8 connections, 5 s")
    record(
        "gunicorn home page vs /healthz", f"{home / health:.2f}×", f"{home:.0f} req/s (plain page)"
    )
    record(
        "gunicorn /evidence/ vs /healthz",
        f"{listing / health:.2f}×",
        f"{listing:.0f} req/s (aim: 0.25× or better)",
    )
    record(
        "gunicorn filtered list vs /healthz", f"{filtered / health:.2f}×", f"{filtered:.0f} req/s"
    )
    record(
        "gunicorn intervention page vs /healthz", f"{detail / health:.2f}×", f"{detail:.0f} req/s"
    )


def test_outcome_ratings_export_against_copy_at_100000_rows(scale, django_db_blocker):
    with django_db_blocker.unblock():
        make_interventions(11667, start=5000)  # 16,667 × 6 ≈ 100,000 ratings
        rows = OutcomeRating.objects.count()

        started = time.perf_counter()
        with connection.cursor() as cursor, cursor.connection.cursor().copy(EXPORT_SQL) as copy:
            copied = sum(len(block) for block in copy)
        copy_seconds = time.perf_counter() - started

        client = Client()
        started = time.perf_counter()
        response = client.get("/evidence/export/outcome-ratings.csv")
        exported = sum(len(chunk) for chunk in response.streaming_content)
        export_seconds = time.perf_counter() - started
        # Memory is traced in a second pass, because tracing slows Python down.
        tracemalloc.start()
        response = client.get("/evidence/export/outcome-ratings.csv")
        sum(len(chunk) for chunk in response.streaming_content)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    copy_rate, export_rate = rows / copy_seconds, rows / export_seconds
    record(
        "PostgreSQL COPY of the same columns",
        f"{copy_rate:,.0f} rows/s",
        f"{rows:,} rows, {copied / 1e6:.1f} MB",
    )
    record(
        "outcome-ratings export vs COPY",
        f"{export_rate / copy_rate:.2f}×",
        f"{export_rate:,.0f} rows/s (aim: 0.5× or better)",
    )
    record(
        "outcome-ratings export peak Python memory",
        f"{peak / 1e6:.1f} MB",
        f"{exported / 1e6:.1f} MB streamed",
    )
