"""PINE's layer on the evidence gap map: the cells inside a priority a call open now seeks."""

import io
import json
from datetime import timedelta
from itertools import product
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management.color import no_style
from django.utils import timezone

from evidence_store import demo as evidence_demo
from evidence_store import gap_layers
from pine.demo.priorities import load_priority_links
from pine.gap_layer import covered_pairs, priority_layer, sought_now
from pine.models import Priority
from tests.evidence_store.factories import OutcomeFactory, TopicFactory
from tests.pine.factories import CallFactory, ClosedCallFactory

pytestmark = pytest.mark.django_db
LINKS = Path(settings.BASE_DIR) / "fixtures" / "pine" / "priority_links.json"


@pytest.fixture
def grid():
    """Three topics and three outcomes: a gap map of nine cells."""
    return TopicFactory.create_batch(3), OutcomeFactory.create_batch(3)


def _priority(name: str, topics=(), outcomes=()) -> Priority:
    priority = Priority.objects.create(name=name, slug=name.lower().replace(" ", "-"))
    priority.topics.set(topics)
    priority.outcomes.set(outcomes)
    return priority


def _pairs(topics, outcomes) -> set[tuple[int, int]]:
    return {(t.pk, o.pk) for t, o in product(topics, outcomes)}


def _ids(grid) -> tuple[list[int], list[int]]:
    topics, outcomes = grid
    return [t.pk for t in topics], [o.pk for o in outcomes]


def test_priority_with_topics_and_outcomes_covers_each_topic_for_each_outcome(grid):
    topics, outcomes = grid
    priority = _priority("Both", topics[:2], outcomes[1:])
    assert covered_pairs(priority, *_ids(grid)) == _pairs(topics[:2], outcomes[1:])


def test_priority_with_outcomes_only_covers_them_in_every_topic(grid):
    topics, outcomes = grid
    priority = _priority("Outcomes only", outcomes=outcomes[:1])
    assert covered_pairs(priority, *_ids(grid)) == _pairs(topics, outcomes[:1])


def test_priority_with_topics_only_covers_every_outcome_in_them(grid):
    topics, outcomes = grid
    priority = _priority("Topics only", topics=topics[2:])
    assert covered_pairs(priority, *_ids(grid)) == _pairs(topics[2:], outcomes)


def test_priority_with_neither_covers_nothing(grid):
    assert covered_pairs(_priority("Neither"), *_ids(grid)) == set()


def test_layer_is_registered_and_marks_the_cells_of_the_open_calls_priorities(grid):
    topics, outcomes = grid
    call = CallFactory()
    call.priorities.set(
        [
            _priority("Both", topics[:1], outcomes[:2]),
            _priority("Outcomes only", outcomes=outcomes[2:]),
            _priority("Neither"),
        ]
    )
    layer = {layer.key: layer for layer in gap_layers.layers()}["pine"]
    assert layer.pairs == _pairs(topics[:1], outcomes[:2]) | _pairs(topics, outcomes[2:])
    assert layer.legend == "Inside a current PINE priority"
    assert layer.link_text == "Apply to PINE"
    assert layer.link_url == call.get_absolute_url() == f"/pine/calls/{call.slug}/"


def test_priorities_sought_only_by_a_closed_call_are_not_current(grid):
    topics, outcomes = grid
    CallFactory().priorities.set([_priority("Current", topics[:1], outcomes[:1])])
    ClosedCallFactory().priorities.set([_priority("Past", topics[1:], outcomes[1:])])
    assert priority_layer().pairs == _pairs(topics[:1], outcomes[:1])


def test_open_call_that_names_no_priorities_seeks_all_of_them(grid):
    topics, outcomes = grid
    _priority("One", topics[:1], outcomes[:1])
    _priority("Two", topics[2:], outcomes[2:])
    call = CallFactory()
    layer = priority_layer()
    assert layer.pairs == _pairs(topics[:1], outcomes[:1]) | _pairs(topics[2:], outcomes[2:])
    assert layer.link_url == call.get_absolute_url()


def test_without_an_open_call_there_is_no_layer(grid):
    topics, outcomes = grid
    ClosedCallFactory().priorities.set([_priority("Past", topics, outcomes)])
    assert priority_layer() is None
    assert "pine" not in {layer.key for layer in gap_layers.layers()}


def test_open_call_whose_priorities_cover_nothing_gives_no_layer(grid):
    CallFactory().priorities.set([_priority("Neither")])
    assert priority_layer() is None


def test_layer_links_to_the_soonest_closing_call_that_seeks_a_covering_priority(grid):
    topics, outcomes = grid
    now = timezone.now()
    covering = _priority("Covering", topics, outcomes)
    CallFactory(closes_at=now + timedelta(days=5)).priorities.set([_priority("Neither")])
    soonest = CallFactory(closes_at=now + timedelta(days=20))
    later = CallFactory(closes_at=now + timedelta(days=40))
    for call in (soonest, later):
        call.priorities.set([covering])
    assert priority_layer().link_url == soonest.get_absolute_url()
    assert sought_now().call == soonest


def _many_priorities(count: int, grid) -> None:
    topics, outcomes = grid
    call = CallFactory()
    for n in range(count):
        priority = _priority(f"Priority {n}", topics[: n % 3 + 1], outcomes[n % 2 :])
        call.priorities.add(priority)


@pytest.mark.parametrize("count", [1, 12])
def test_building_the_layer_takes_the_same_queries_however_many_priorities(
    grid, count, django_assert_num_queries
):
    _many_priorities(count, grid)
    # Open calls, the priorities they name, those priorities with their topics and outcomes,
    # and every topic and outcome.
    with django_assert_num_queries(7):
        layer = priority_layer()
    assert len(layer.pairs) > 0


def test_demo_priorities_cover_every_topic_and_outcome_the_fixture_names():
    evidence_demo.load(stdout=io.StringIO(), style=no_style())
    load_priority_links(LINKS)
    links = json.loads(LINKS.read_text(encoding="utf-8"))["priorities"]
    assert set(links) < set(Priority.objects.values_list("slug", flat=True))
    for slug, linked in links.items():
        priority = Priority.objects.get(slug=slug)
        assert sorted(priority.topics.values_list("slug", flat=True)) == sorted(linked["topics"])
        assert sorted(priority.outcomes.values_list("slug", flat=True)) == sorted(
            linked["outcomes"]
        )
    assert not Priority.objects.get(slug="workforce").topics.exists()
