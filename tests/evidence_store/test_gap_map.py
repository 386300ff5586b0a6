"""The gap map's pages and downloads: filters, bad values, layers, illustrative labels, queries."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from evidence_store import gap_layers
from evidence_store.gap_exports import GAP_EXPORTS
from evidence_store.gap_layers import GapLayer
from evidence_store.ratings import Effectiveness, Strength
from tests.evidence_store.factories import (
    AgeGroupFactory,
    InterventionFactory,
    OutcomeFactory,
    OutcomeRatingFactory,
    TopicFactory,
    rated_interventions,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def store():
    """Two topics, two outcomes, three interventions: one rated high, one low, one not rated."""
    protection = TopicFactory(slug="protection", name="Child protection")
    care = TopicFactory(slug="care", name="Children in care")
    entry = OutcomeFactory(slug="entry", name="Entry into care", position=0)
    stability = OutcomeFactory(slug="stability", name="Placement stability", position=1)
    under_5 = AgeGroupFactory(slug="under-5", name="Under 5")
    strong = InterventionFactory(
        name="Strong one", slug="strong", topics=[protection], age_groups=[under_5]
    )
    OutcomeRatingFactory(
        intervention=strong, outcome=entry,
        effectiveness=Effectiveness.CONSISTENTLY_POSITIVE, strength=Strength.HIGH,
    )  # fmt: skip
    weak = InterventionFactory(name="Weak one", slug="weak", topics=[protection, care])
    OutcomeRatingFactory(
        intervention=weak,
        outcome=stability,
        effectiveness=Effectiveness.MIXED,
        strength=Strength.LOW,
    )
    InterventionFactory(name="Unrated one", slug="unrated", topics=[care])
    return {"protection": protection, "care": care, "entry": entry, "stability": stability}


@pytest.fixture
def no_layers(monkeypatch):
    monkeypatch.setattr(gap_layers, "_builders", {})


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _csv(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_matrix_shows_ratings_in_words_and_not_evaluated_cells(client, store, no_layers):
    page = _page(client, "/evidence/gap-map/")
    assert "<table" in page and 'scope="col"' in page and 'scope="row"' in page
    assert "Consistently positive" in page and "High</span></span> evidence" in page
    assert 'href="/evidence/strong/#rating-entry"' in page
    assert "Not evaluated" in page and 'href="/evidence/unrated/#evaluated-outcomes"' in page
    # The weak one is under both its topics.
    assert page.count(">Weak one</a>") == 2
    assert "See where evidence about interventions for children and families is missing" in page


def test_each_row_and_column_shows_its_gaps(client, store, no_layers):
    page = _page(client, "/evidence/gap-map/")
    # Entry into care: weak and unrated are gaps; placement stability: all three.
    assert 'Entry into care <span class="app-gap-map__count">2 gaps</span>' in page
    assert 'Placement stability <span class="app-gap-map__count">3 gaps</span>' in page
    assert '>Strong one</a> <span class="app-gap-map__count">1 gap</span>' in page


def test_where_evidence_is_needed_names_the_gaps_in_words(client, store, no_layers):
    page = _page(client, "/evidence/gap-map/")
    assert "No intervention for ‘Placement stability’ has more than low-strength evidence." in page


def test_topic_view_counts_ratings_by_strength_and_links_to_the_list(client, store, no_layers):
    page = _page(client, "/evidence/gap-map/?view=topic")
    assert "1 of 2 rated" in page  # child protection, entry into care
    assert 'href="/evidence/?topic=protection&amp;outcome=entry"' in page
    assert 'href="/evidence/gap-map/?topic=care&amp;outcome=entry"' in page  # not evaluated
    assert ">Child protection <span" in page and "2 interventions, 1 gap" in page


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("topic=care", ["Weak one", "Unrated one"], ["Strong one"]),
        ("age=under-5", ["Strong one"], ["Weak one", "Unrated one"]),
        ("strength=moderate", ["Strong one"], ["Weak one", "Unrated one"]),
        ("strength=low&outcome=stability", ["Weak one"], ["Strong one", "Unrated one"]),
    ],
)
def test_filters_narrow_the_interventions(client, store, no_layers, query, shown, hidden):
    page = _page(client, f"/evidence/gap-map/?{query}")
    assert all(f">{name}</a>" in page for name in shown)
    assert not any(f">{name}</a>" in page for name in hidden)


def test_outcome_filter_narrows_the_columns(client, store, no_layers):
    page = _page(client, "/evidence/gap-map/?outcome=stability")
    assert 'id="map-outcome-stability"' in page and 'id="map-outcome-entry"' not in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("topic=nope", "“nope” is not one of the topics."),
        ("age=old", "“old” is not one of the age groups."),
        ("strength=huge", "“huge” is not one of the levels of strength of evidence."),
        ("view=pie", "“pie” is not one of the ways to show the map."),
    ],
)
def test_a_bad_filter_value_is_explained_and_left_out(client, store, no_layers, query, message):
    page = _page(client, f"/evidence/gap-map/?{query}&outcome=entry")
    assert "There is a problem" in page and message in page
    assert "Error: Evidence gap map" in page
    # The good filter still applies.
    assert 'id="map-outcome-entry"' in page and 'id="map-outcome-stability"' not in page


def test_a_layer_marks_its_gaps_in_words_with_its_legend_and_link(client, store, monkeypatch):
    pair = (store["care"].pk, store["entry"].pk)
    layer = GapLayer(
        key="test", legend="Inside a current PINE priority", pairs=frozenset({pair}),
        link_text="Apply to PINE", link_url="/pine/calls/open/",
    )  # fmt: skip
    monkeypatch.setattr(gap_layers, "_builders", {"test": lambda: layer})
    for view in ("matrix", "topic"):
        page = _page(client, f"/evidence/gap-map/?view={view}")
        assert page.count("app-gap-map__cell--marked") == (2 if view == "matrix" else 1)
        assert "◆</span> Inside a current PINE priority</span>" in page
        assert (
            'Does your practice address one of these gaps? <a class="govuk-link" href="/pine/calls/open/">Apply to PINE</a>'
            in page
        )


def test_illustrative_ratings_are_labelled(client, store, no_layers):
    OutcomeRatingFactory(
        intervention=InterventionFactory(name="Demo one", topics=[store["care"]]),
        outcome=store["entry"], illustrative=True,
    )  # fmt: skip
    assert 'app-gap-map__note">Illustrative' in _page(client, "/evidence/gap-map/")
    assert 'app-gap-map__note">Illustrative' in _page(client, "/evidence/gap-map/?view=topic")


def test_matrix_csv_has_a_row_per_intervention_topic_and_outcome(client, store, no_layers):
    rows = _csv(client, "/evidence/gap-map/matrix.csv")
    assert len(rows) == 4 * 2  # weak is under two topics
    strong = next(
        r for r in rows if r["intervention_slug"] == "strong" and r["outcome_slug"] == "entry"
    )
    assert (strong["strength"], strong["effectiveness"], strong["is_gap"]) == (
        "high", "consistently_positive", "false",
    )  # fmt: skip
    unrated = [r for r in rows if r["intervention_slug"] == "unrated"]
    assert {(r["evaluated"], r["strength"], r["is_gap"]) for r in unrated} == {
        ("false", "", "true")
    }
    assert len(_csv(client, "/evidence/gap-map/matrix.csv?topic=care&outcome=entry")) == 2


def test_gaps_csv_has_a_row_per_topic_and_outcome(client, store, no_layers):
    rows = _csv(client, "/evidence/gap-map/gaps.csv")
    assert [(r["topic_slug"], r["outcome_slug"], r["is_gap"]) for r in rows] == [
        ("protection", "entry", "false"),
        ("protection", "stability", "true"),
        ("care", "entry", "true"),
        ("care", "stability", "true"),
    ]
    assert rows[0]["high"] == "1" and rows[0]["rated"] == "1" and rows[0]["strongest"] == "high"


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)
    return len(captured)


@pytest.mark.parametrize(
    "url",
    [
        "/evidence/gap-map/",
        "/evidence/gap-map/?view=topic",
        "/evidence/gap-map/?topic=common&age=none&strength=low&outcome=outcome-1",
        "/evidence/gap-map/?view=topic&topic=common&strength=moderate",
        "/evidence/gap-map/matrix.csv",
        "/evidence/gap-map/gaps.csv?topic=common",
    ],
)
def test_query_count_does_not_grow_with_the_number_of_interventions(
    client, url, no_layers, django_assert_num_queries
):
    outcomes = [OutcomeFactory(slug=f"outcome-{n}") for n in range(3)]
    topic = TopicFactory(slug="common")
    rated_interventions(10, outcomes, topic)
    with_10 = _queries(client, url)
    rated_interventions(190, outcomes, topic, start=10)
    TopicFactory(slug="another")  # more topics cost no more queries either
    with django_assert_num_queries(with_10):
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)


def test_data_dictionary_describes_the_gap_files_and_every_column(client):
    html = client.get("/evidence/data/").content.decode()
    assert 'href="/evidence/gap-map/matrix.csv" download' in html
    assert 'href="/evidence/gap-map/gaps.csv" download' in html
    for export in GAP_EXPORTS.values():
        for column in export.columns:
            assert f"<code>{column.name}</code>" in html
