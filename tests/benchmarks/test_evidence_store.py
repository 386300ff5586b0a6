"""Evidence store at scale: server time, throughput against /healthz, first-load page weight,
the export against COPY, and how search grows from 5,000 to 50,000 interventions.

Run with `make bench`. Every figure is compared with another taken in the same run. The tests
run in file order, each on the data of the step before, which only ever grows.
"""

import os
import time
import tracemalloc
import urllib.error
import urllib.request
from itertools import cycle, islice

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, override_settings

from evidence_store.models import OutcomeRating
from tests.benchmarks.conftest import (
    SECRET_KEY,
    Gunicorn,
    cpu_ns,
    load_tool,
    p50_p95,
    percentile,
    record,
    serial_queries,
    throughput,
)
from tests.benchmarks.page_weight import KB, chromium_available, first_load_weights
from tests.benchmarks.synthetic_store import SyntheticStore

# Data is committed by the module's fixtures (so gunicorn sees it); each test runs in a transaction.
pytestmark = pytest.mark.django_db

SMALL, EXPORT_SIZE, LARGE = 5_000, 16_667, 50_000  # 16,667 × 6 ≈ 100,000 ratings to export
# Common words: every synthetic intervention matches, so each search ranks them all (worst case).
SEARCHES = ["family support", "parenting -group", '"foster care"', "therapy court", "crisis"]
# A number is in one intervention's name only: what the GIN index does for a selective search.
ONE_MATCH_SEARCHES = [f"programme {n}" for n in (42, 1234, 2500, 3333, 4999)]
SEARCH_REQUESTS, CPU_REQUESTS = 50, 25
LIST_PAGE = (
    "/evidence/?topic=topic-1&topic=topic-2&outcome=outcome-3&strength=high&sort=effectiveness"
)
INTERVENTION_PAGE = "/evidence/synthetic-42/"
EVENTS = 12  # upcoming events, each with 60 places taken and 10 people waiting
PAGES = {"home page": "/", "list page": "/evidence/", "intervention page": INTERVENTION_PAGE}
LIST_AIM, EXPORT_AIM, WEIGHT_AIM_KB = 0.25, 0.5, 150
LIST_HTML_AIM_KB = 40  # the list page's HTML for one page of 20 results, uncompressed
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


def _against_aim(ratio: float, aim: float) -> str:
    return f"aim {aim}×: {'met' if ratio >= aim else 'open'}"


@pytest.fixture(scope="module")
def store(postgresql, django_db_blocker):
    with django_db_blocker.unblock():
        synthetic = SyntheticStore()
        synthetic.grow_to(SMALL)
        yield synthetic
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE evidence_store_intervention, evidence_store_study CASCADE")


@pytest.fixture(scope="module")
def export_store(store, django_db_blocker):
    with django_db_blocker.unblock():
        store.grow_to(EXPORT_SIZE)
    return store


@pytest.fixture(scope="module")
def large_store(export_store, django_db_blocker):
    with django_db_blocker.unblock():
        export_store.grow_to(LARGE)
    return export_store


@pytest.fixture(scope="module")
def movement(store, django_db_blocker):
    """Events with places taken and a waiting list, and a person signed in with places at three
    of them: what the events pages and the account home show. Returns the session cookie."""
    from importlib import import_module

    from movement.models import Registration
    from tests.movement.factories import EventFactory, RegistrationFactory, WaitingFactory

    with django_db_blocker.unblock():
        events = [EventFactory(capacity=60, slug=f"bench-event-{n}") for n in range(EVENTS)]
        for event in events:
            RegistrationFactory.create_batch(60, event=event)
            WaitingFactory.create_batch(10, event=event)
        person = Registration.objects.filter(event=events[0]).first().user
        for event in events[1:3]:
            WaitingFactory(event=event, user=person)
        # Signed with gunicorn's key, which signs sessions and the person's session hash.
        with override_settings(SECRET_KEY=SECRET_KEY):
            session = import_module(settings.SESSION_ENGINE).SessionStore()
            session.update(
                {
                    "_auth_user_id": str(person.pk),
                    "_auth_user_backend": settings.AUTHENTICATION_BACKENDS[0],
                    "_auth_user_hash": person.get_session_auth_hash(),
                }
            )
            session.create()
        yield {"Cookie": f"__Host-sessionid={session.session_key}"}
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE movement_registration, movement_event CASCADE")


@pytest.fixture(scope="module")
def gunicorn(store):
    server = Gunicorn(workers=2)
    yield server
    server.stop()


def _timed_gets(client: Client, urls: list[str]) -> tuple[list[float], list[float]]:
    """Wall time and CPU time (see cpu_ns) of each GET in turn, in milliseconds.

    Every answer must be a 200. The CPU times are empty when they cannot be read.
    """
    wall, cpu = [], []
    for url in urls:
        cpu_started, started = cpu_ns(), time.perf_counter()
        response = client.get(url)
        wall.append((time.perf_counter() - started) * 1000)
        if cpu_started is not None:
            cpu.append((cpu_ns() - cpu_started) / 1e6)
        assert response.status_code == 200, url
    return wall, cpu


# The same search repeated would be answered from the page's cached fragment; searching is what
# these rows measure, so the fragments are not kept while they run.
NO_FRAGMENTS = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}


def _measure_search(store: SyntheticStore) -> None:
    """Server time of searches at the store's current size; against 5,000 when larger.

    Wall time is taken as in production. CPU time, steadier on a shared machine, is taken in a
    second pass with parallel query off, so that all the database's work is counted.
    """
    client = Client()
    section = "Search, server time (in process, page fragments not cached)"
    for name, queries in (("ranked search", SEARCHES), ("one-match search", ONE_MATCH_SEARCHES)):
        urls = [f"/evidence/?q={query}" for query in queries]
        _timed_gets(client, urls)  # warm up
        wall, _ = _timed_gets(client, list(islice(cycle(urls), SEARCH_REQUESTS)))
        load = os.getloadavg()[0]
        with serial_queries():
            _, cpu = _timed_gets(client, list(islice(cycle(urls), CPU_REQUESTS)))
        store.searches[name, store.size] = wall, cpu
        p50, p95 = p50_p95(wall)
        cpu_note = f"; CPU time {p50_p95(cpu)[1]}" if cpu else ""
        record(
            section,
            f"{name}, {store.size:,} interventions",
            p95,
            f"{p50}{cpu_note}; {SEARCH_REQUESTS} requests, load average {load:.1f}",
        )
        if store.size != SMALL and (name, SMALL) in store.searches:
            small_wall, small_cpu = store.searches[name, SMALL]
            cpu_note = f"; CPU time p95 {_growth(small_cpu, cpu):.1f}×" if cpu and small_cpu else ""
            record(
                section,
                f"{name}, {store.size:,} against {SMALL:,}",
                f"p95 {_growth(small_wall, wall):.1f}×",
                f"for {store.size // SMALL}× the interventions{cpu_note}",
            )


def _growth(before: list[float], after: list[float]) -> float:
    return percentile(after, 0.95) / percentile(before, 0.95)


def test_server_time_of_list_and_search_at_5000(store, django_db_blocker):
    client = Client()
    with django_db_blocker.unblock():
        health, _ = _timed_gets(client, ["/healthz"] * 50)
        listing, _ = _timed_gets(client, [LIST_PAGE] * 51)
        del listing[0]  # it warmed up, and cached its fragment
        with override_settings(CACHES={**settings.CACHES, "fragments": NO_FRAGMENTS}):
            rendered, _ = _timed_gets(client, [LIST_PAGE] * 50)
        record("Server time (in process, Django test client)", "/healthz", *p50_p95(health))
        record(
            "Server time (in process, Django test client)",
            "list filtered by two topics, an outcome and a strength (fragment cached)",
            *p50_p95(listing),
        )
        record(
            "Server time (in process, Django test client)",
            "the same list, its fragment rendered every time",
            *p50_p95(rendered),
        )
        html = client.get("/evidence/").content
        record(
            "List page HTML (uncompressed)",
            "/evidence/, 20 results of 6 ratings each",
            f"{len(html):,} bytes",
            f"{len(html) / KB:.1f} KB; aim {LIST_HTML_AIM_KB} KB: "
            f"{'met' if len(html) <= LIST_HTML_AIM_KB * KB else 'open'}",
        )
        with override_settings(CACHES={**settings.CACHES, "fragments": NO_FRAGMENTS}):
            _measure_search(store)


def _answers_200(url: str, headers: dict[str, str]) -> None:
    """A page under load must be the page itself: wrk counts a redirect to sign in as a success."""

    class NoRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirects)
    try:
        response = opener.open(urllib.request.Request(url, headers=headers), timeout=10)  # noqa: S310
    except urllib.error.HTTPError as error:
        raise AssertionError(
            f"{url} answered {error.code} {error.headers.get('Location')}"
        ) from None
    assert response.status == 200, f"{url} answered {response.status}"


def test_throughput_against_healthz_under_gunicorn(gunicorn, movement):
    throughput(gunicorn.url + "/healthz", seconds=2)  # warm the workers and their pools
    _answers_200(gunicorn.url + "/accounts/", movement)
    health_before = throughput(gunicorn.url + "/healthz")
    home = throughput(gunicorn.url + "/")
    listing = throughput(gunicorn.url + "/evidence/")
    filtered = throughput(gunicorn.url + LIST_PAGE)
    detail = throughput(gunicorn.url + INTERVENTION_PAGE)
    gap_map = throughput(gunicorn.url + "/evidence/gap-map/?view=topic")
    events = throughput(gunicorn.url + "/movement/events/")
    event = throughput(gunicorn.url + "/movement/events/bench-event-0/")
    account_home = throughput(gunicorn.url + "/accounts/", headers=movement)
    health_after = throughput(gunicorn.url + "/healthz")
    # The reference is taken before and after the pages, so a change of load in between shows.
    health = (health_before + health_after) / 2
    section = "Throughput under gunicorn (5,000 interventions)"
    record(
        section,
        "/healthz",
        f"{health:,.0f} req/s",
        f"the reference: {health_before:,.0f} before the pages, {health_after:,.0f} after; "
        f"production settings, {gunicorn.workers} sync workers, {load_tool()}",
    )
    record(section, "home page against /healthz", f"{home / health:.2f}×", f"{home:,.0f} req/s")
    record(
        section,
        "list page (/evidence/) against /healthz",
        f"{listing / health:.2f}×",
        f"{listing:,.0f} req/s; {_against_aim(listing / health, LIST_AIM)}",
    )
    record(
        section,
        "filtered list against /healthz",
        f"{filtered / health:.2f}×",
        f"{filtered:,.0f} req/s",
    )
    record(
        section,
        f"intervention page ({INTERVENTION_PAGE}) against /healthz",
        f"{detail / health:.2f}×",
        f"{detail:,.0f} req/s",
    )
    for name, rate in (
        ("gap map, topics by outcome (/evidence/gap-map/?view=topic)", gap_map),
        (f"events list (/movement/events/, {EVENTS} events)", events),
        ("one event's page (60 places taken, 10 waiting)", event),
        ("account home, signed in, with places at three events", account_home),
    ):
        record(section, f"{name} against /healthz", f"{rate / health:.2f}×", f"{rate:,.0f} req/s")


def test_first_load_page_weight_in_chromium(gunicorn):
    section = "First-load page weight in Chromium (transferred, KB of 1,024 bytes)"
    if not chromium_available():
        record(section, "not measured", "", "Chromium is not installed at /usr/bin/chromium")
        pytest.skip("Chromium is not installed at /usr/bin/chromium (make browser installs it).")
    weights = first_load_weights(gunicorn.url, list(PAGES.values()))
    for name, path in PAGES.items():
        weight = weights[path]
        transferred = weight.transferred.total() / KB
        verdict = "met" if transferred <= WEIGHT_AIM_KB else "open"
        record(
            section,
            f"{name} ({path})",
            f"{transferred:.0f} KB",
            f"aim {WEIGHT_AIM_KB} KB: {verdict}; {weight.breakdown()}; "
            f"{weight.decoded.total() / KB:.0f} KB decoded; {weight.requests} requests",
        )


def test_outcome_ratings_export_against_copy(export_store, django_db_blocker):
    with django_db_blocker.unblock():
        rows = OutcomeRating.objects.count()

        started = time.perf_counter()
        with connection.cursor() as cursor, cursor.copy(EXPORT_SQL) as copy:
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
    section = f"Outcome-ratings export ({rows:,} rows)"
    record(
        section,
        "PostgreSQL COPY of the same columns",
        f"{copy_rate:,.0f} rows/s",
        f"the reference; {copied / 1e6:.1f} MB",
    )
    record(
        section,
        "/evidence/export/outcome-ratings.csv against COPY",
        f"{export_rate / copy_rate:.2f}×",
        f"{export_rate:,.0f} rows/s; {_against_aim(export_rate / copy_rate, EXPORT_AIM)}",
    )
    record(
        section,
        "export's peak Python memory",
        f"{peak / 1e6:.1f} MB",
        f"{exported / 1e6:.1f} MB streamed",
    )


def test_search_at_50000(large_store, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        override_settings(CACHES={**settings.CACHES, "fragments": NO_FRAGMENTS}),
    ):
        _measure_search(large_store)
        broad = Client().get(f"/evidence/?q={SEARCHES[0]}").content.decode()
        record(
            "Search, server time (in process, page fragments not cached)",
            f"broad search at {large_store.size:,}: the count it shows",
            "More than 1,000" if "More than 1,000" in broad else "an exact count",
            "ranking reads the first 1,000 matches only (evidence_store/search.py)",
        )
