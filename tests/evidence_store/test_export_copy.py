"""PostgreSQL's COPY writes the outcome-ratings export byte for byte as the Python writer does."""

import pytest
from django.db import connection
from django.http import QueryDict, StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.csv_export import CHUNK_SIZE, csv_lines
from evidence_store import copy_export
from evidence_store.exports import OUTCOME_RATING_VALUES, OUTCOME_RATINGS, outcome_rating_rows
from evidence_store.filters import filter_interventions
from evidence_store.models import Intervention, Outcome, OutcomeRating
from evidence_store.ratings import Effectiveness, Strength
from tests.evidence_store.factories import (
    InterventionFactory,
    OutcomeFactory,
    OutcomeRatingFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="COPY is PostgreSQL's; SQLite has only the Python writer",
)

# Text people could type: every formula character first, numbers that stay numbers and ones
# that do not, quotes, separators and line breaks inside a cell, empty cells and unicode.
HOSTILE = [
    "=HYPERLINK(\"http://evil\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tTabbed",
    "\rCarriage", "\nLine feed", "-12.5", "-12", "12.5.1", "-", "-.5", "-٣", "٣",
    'He said "no", then left', "a,b;c", "two\r\nlines", "one\nline", "\\.", "", " ", "'",
    "Ünïcödé – ‘quotes’ and 👪", "trailing space ", "null", "NULL", "\\N",
]  # fmt: skip


def python_file(params: str) -> bytes:
    """The file as the Python writer (SQLite's) writes it."""
    filterset = filter_interventions(QueryDict(params), Intervention.objects.published())
    rows = outcome_rating_rows(filterset.all_matches(), filterset.rating_filters())
    header, fixed = OUTCOME_RATINGS.header, OUTCOME_RATINGS.fixed_columns
    return "".join(csv_lines(header, rows, fixed)).encode()


def copied(params: str) -> StreamingHttpResponse:
    filterset = filter_interventions(QueryDict(params), Intervention.objects.published())
    return copy_export.outcome_ratings_response(filterset.all_matches(), filterset.rating_filters())


def copied_file(params: str) -> bytes:
    return b"".join(copied(params).streaming_content)


@pytest.fixture
def hostile_ratings():
    care = TopicFactory(slug="care", name="Care")
    outcomes = [OutcomeFactory(slug=f"outcome-{n}", name=f"Outcome {n}") for n in range(3)]
    outcomes.append(OutcomeFactory(slug="-entry", name="=Entry\ninto care"))
    for n, text in enumerate(HOSTILE):
        intervention = InterventionFactory(
            name=text or "Unnamed", slug=f"i-{n}", topics=[care] if n % 2 else []
        )
        for m, outcome in enumerate(outcomes[: 1 + n % len(outcomes)]):
            OutcomeRatingFactory(
                intervention=intervention,
                outcome=outcome,
                effectiveness=Effectiveness.values[(n + m) % 4],
                strength=Strength.values[(n + 2 * m) % 4],
                illustrative=bool((n + m) % 2),
                notes=HOSTILE[(n + m) % len(HOSTILE)],
            )


@postgresql_only
@pytest.mark.parametrize(
    "params",
    [
        "",
        "outcome=-entry",
        "topic=care&effectiveness=negative&effectiveness=tends_positive",
        "q=line&strength=high&strength=low",
        "q=nothing-matches-this",
    ],
)
def test_copy_writes_the_same_bytes_as_the_python_writer(hostile_ratings, params):
    python = python_file(params)
    assert copied_file(params) == python
    assert python.count(b"\r\n") > 1 or "nothing" in params


@postgresql_only
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.text(
        st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
        min_size=1,
        max_size=30,
    ),
    notes=st.text(
        st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=60
    ),
)
def test_copy_and_python_agree_on_any_text(name, notes):
    OutcomeRating.objects.all().delete()
    Intervention.objects.all().delete()
    Outcome.objects.all().delete()
    OutcomeRatingFactory(intervention__name=name, notes=notes, outcome__name=notes or "Outcome")
    assert copied_file("") == python_file("")


def test_the_columns_are_the_exports_columns_in_order():
    assert list(OUTCOME_RATING_VALUES) == OUTCOME_RATINGS.header


@postgresql_only
def test_copy_streams_the_file_in_bounded_chunks():
    outcomes = [OutcomeFactory(slug=f"outcome-{n}") for n in range(12)]
    interventions = Intervention.objects.bulk_create(
        Intervention(name=f"Programme {n}", slug=f"p-{n}", status="published") for n in range(250)
    )
    OutcomeRating.objects.bulk_create(
        OutcomeRating(
            intervention=i, outcome=o, effectiveness="mixed", strength="low", notes="n" * 80
        )
        for i in interventions
        for o in outcomes
    )
    response = copied("")
    chunks = list(response.streaming_content)
    assert len(chunks) > 4  # header, then several chunks: never the whole file at once
    assert max(len(chunk) for chunk in chunks) < CHUNK_SIZE + 1000  # one row more at most
    assert sum(chunk.count(b"\r\n") for chunk in chunks) == 1 + 250 * 12
    assert response["Content-Disposition"] == 'attachment; filename="outcome-ratings.csv"'
    assert response["Cache-Control"] == "no-store"


def test_query_count_does_not_grow_with_the_number_of_ratings(hostile_ratings):
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            copied_file("topic=care&strength=high")
        return len(captured)

    before = count()
    for n in range(20):
        OutcomeRatingFactory(intervention__slug=f"more-{n}", strength=Strength.HIGH)
    assert count() == before


@postgresql_only
def test_the_download_is_written_by_copy_on_postgresql(client, hostile_ratings, monkeypatch):
    calls = []
    original = copy_export.outcome_ratings_response
    monkeypatch.setattr(
        copy_export,
        "outcome_ratings_response",
        lambda *args: calls.append(args) or original(*args),
    )
    response = client.get("/evidence/export/outcome-ratings.csv?topic=care")
    assert b"".join(response.streaming_content) == python_file("topic=care")
    assert len(calls) == 1
