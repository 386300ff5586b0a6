"""Counting the gaps: a cell not evaluated, or rated only at very low or low strength."""

import pytest

from evidence_store import gap_needs, gaps
from evidence_store.models import Intervention
from evidence_store.ratings import Strength
from tests.evidence_store.factories import (
    DraftInterventionFactory,
    InterventionFactory,
    OutcomeFactory,
    OutcomeRatingFactory,
    TopicFactory,
    rated_interventions,
)

pytestmark = pytest.mark.django_db


def _by_pair(cells):
    return {(cell.topic.slug, cell.outcome.slug): cell for cell in cells}


@pytest.fixture
def reference():
    topics = [TopicFactory(slug="protection", name="Child protection"), TopicFactory(slug="care")]
    outcomes = [
        OutcomeFactory(slug="entry", name="Entry into care"),
        OutcomeFactory(slug="stability"),
    ]
    return topics, outcomes


def test_with_no_ratings_every_pair_is_a_gap_not_evaluated(reference):
    topics, _ = reference
    InterventionFactory.create_batch(2, topics=topics[:1])
    cells = gaps.topic_gaps()
    assert len(cells) == 4
    assert all(cell.is_gap and cell.rated == 0 and cell.strongest is None for cell in cells)
    entry = _by_pair(cells)["protection", "entry"]
    assert (entry.interventions, entry.not_evaluated) == (2, 2)
    assert (
        entry.sentence
        == "No intervention for ‘Entry into care’ in ‘Child protection’ has been evaluated."
    )


def test_with_every_rating_strong_nothing_is_a_gap(reference):
    topics, outcomes = reference
    for strength in (Strength.MODERATE, Strength.HIGH):
        intervention = InterventionFactory(topics=topics)
        for outcome in outcomes:
            OutcomeRatingFactory(intervention=intervention, outcome=outcome, strength=strength)
    cells = gaps.topic_gaps()
    assert not any(cell.is_gap for cell in cells)
    assert {cell.strongest for cell in cells} == {Strength.HIGH}
    assert {cell.rated for cell in cells} == {2}
    assert _by_pair(cells)["protection", "entry"].sentence == (
        "The strongest evidence for ‘Entry into care’ in ‘Child protection’ is of high strength."
    )


def test_mixed_strengths_are_a_gap_only_where_nothing_is_above_low(reference):
    topics, outcomes = reference
    low, strong = InterventionFactory(topics=topics[:1]), InterventionFactory(topics=topics[:1])
    OutcomeRatingFactory(intervention=low, outcome=outcomes[0], strength=Strength.LOW)
    OutcomeRatingFactory(intervention=strong, outcome=outcomes[0], strength=Strength.MODERATE)
    OutcomeRatingFactory(intervention=low, outcome=outcomes[1], strength=Strength.VERY_LOW)
    OutcomeRatingFactory(intervention=strong, outcome=outcomes[1], strength=Strength.LOW)
    cells = _by_pair(gaps.topic_gaps())
    entry, stability = cells["protection", "entry"], cells["protection", "stability"]
    assert not entry.is_gap and entry.counts == {Strength.LOW: 1, Strength.MODERATE: 1}
    assert stability.is_gap and stability.strongest == Strength.LOW
    assert stability.strength_counts == [(Strength.LOW, 1), (Strength.VERY_LOW, 1)]
    assert stability.sentence == (
        f"No intervention for ‘{stability.outcome.name}’ in ‘Child protection’ "
        "has more than low-strength evidence."
    )
    # The second topic has no interventions at all: every outcome in it is a gap.
    assert cells["care", "entry"].is_gap and cells["care", "entry"].interventions == 0


def test_drafts_do_not_count_and_an_intervention_in_two_topics_counts_in_each(reference):
    topics, outcomes = reference
    OutcomeRatingFactory(intervention=DraftInterventionFactory(topics=topics), outcome=outcomes[0])
    both = InterventionFactory(topics=topics)
    OutcomeRatingFactory(intervention=both, outcome=outcomes[1], strength=Strength.HIGH)
    cells = _by_pair(gaps.topic_gaps())
    assert cells["protection", "entry"].is_gap and cells["care", "entry"].is_gap
    assert not cells["protection", "stability"].is_gap and not cells["care", "stability"].is_gap
    assert cells["care", "stability"].interventions == 1


def test_a_pair_is_illustrative_when_any_rating_behind_it_is_demo_content(reference):
    topics, outcomes = reference
    intervention = InterventionFactory(topics=topics[:1])
    OutcomeRatingFactory(intervention=intervention, outcome=outcomes[0], illustrative=True)
    OutcomeRatingFactory(intervention=intervention, outcome=outcomes[1])
    cells = _by_pair(gaps.topic_gaps())
    assert cells["protection", "entry"].illustrative
    assert not cells["protection", "stability"].illustrative


def test_links_go_to_the_gap_map_and_the_list_for_the_pair(reference):
    cell = _by_pair(gaps.topic_gaps())["protection", "entry"]
    assert cell.href == "/evidence/gap-map/?topic=protection&outcome=entry"
    assert cell.list_href == "/evidence/?topic=protection&outcome=entry"


def test_topic_gaps_takes_four_queries_whatever_the_number_of_interventions(
    reference, django_assert_num_queries
):
    topics, outcomes = reference
    rated_interventions(30, outcomes, topics[0])
    with django_assert_num_queries(4):
        gaps.topic_gaps()


def test_matrix_lists_an_intervention_under_each_topic_with_its_row_and_column_gaps(reference):
    topics, outcomes = reference
    both = InterventionFactory(name="Both topics", topics=topics)
    OutcomeRatingFactory(intervention=both, outcome=outcomes[0], strength=Strength.HIGH)
    lone = InterventionFactory(name="No topic")
    OutcomeRatingFactory(intervention=lone, outcome=outcomes[1], strength=Strength.VERY_LOW)
    matrix = gaps.matrix(Intervention.objects.published())
    assert [(g.topic and g.topic.slug, [r.name for r in g.rows]) for g in matrix.groups] == [
        ("protection", ["Both topics"]),
        ("care", ["Both topics"]),
        (None, ["No topic"]),
    ]
    row = matrix.groups[0].rows[0]
    assert [cell.is_gap for cell in row.cells] == [False, True] and row.gaps == 1
    assert row.cells[0].href == f"/evidence/{both.slug}/#rating-entry"
    assert row.cells[1].href.endswith("#evaluated-outcomes")
    # Columns count each intervention once, however many topics it is under.
    assert matrix.column_gaps == [1, 2]
    assert (matrix.shown, matrix.total, matrix.truncated) == (2, 2, False)


def test_matrix_shows_only_the_chosen_topics_and_stops_at_its_limit(reference):
    topics, outcomes = reference
    rated_interventions(5, outcomes, topics[0])
    InterventionFactory(topics=topics[1:])
    matrix = gaps.matrix(Intervention.objects.published(), topics=topics[:1], limit=3)
    assert [group.topic for group in matrix.groups] == topics[:1]
    assert (matrix.shown, matrix.total, matrix.truncated) == (3, 6, True)


def test_needs_rank_the_outcomes_and_topics_with_most_gaps_first(reference):
    topics, outcomes = reference
    intervention = InterventionFactory(topics=topics)
    OutcomeRatingFactory(intervention=intervention, outcome=outcomes[1], strength=Strength.HIGH)
    by_outcome, by_topic = gap_needs.needs(gaps.topic_gaps())
    assert [need.sentence for need in by_outcome] == [
        "No intervention has been evaluated on ‘Entry into care’.",
        f"‘{outcomes[1].name}’ has no more than low-strength evidence in 0 of 2 topics.",
    ]
    assert [need.gaps for need in by_topic] == [1, 1]
    assert by_topic[0].sentence == (
        "In ‘Child protection’, 1 of 2 outcomes have no more than low-strength evidence."
    )


def test_an_outcome_rated_only_at_low_strength_is_named_in_words(reference):
    topics, outcomes = reference
    OutcomeRatingFactory(
        intervention=InterventionFactory(topics=topics), outcome=outcomes[0], strength=Strength.LOW
    )
    by_outcome, _ = gap_needs.needs(gaps.topic_gaps())
    assert "No intervention for ‘Entry into care’ has more than low-strength evidence." in [
        need.sentence for need in by_outcome
    ]
