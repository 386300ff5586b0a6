"""The active filters' labels and removal links, and the words that say why a result matched."""

import pytest
from django.http import QueryDict

from evidence_store.filter_tags import active_filters, clear_query, match_reason
from evidence_store.filters import filter_interventions
from evidence_store.models import Intervention
from evidence_store.ratings import Effectiveness, Strength
from tests.evidence_store.factories import OutcomeFactory, OutcomeRatingFactory, TopicFactory

pytestmark = pytest.mark.django_db


def filtered(query: str):
    params = QueryDict(query)
    return params, filter_interventions(params, Intervention.objects.published())


def test_each_value_of_each_filter_gets_a_label_and_a_query_without_it():
    TopicFactory(slug="care", name="Care")
    OutcomeFactory(slug="entry", name="Entry into care")
    params, filterset = filtered("topic=care&outcome=entry&strength=high&page=3&sort=name")
    tags = {tag.label: tag.query for tag in active_filters(params, filterset)}
    assert tags == {
        "Topic: Care": "outcome=entry&strength=high&sort=name",
        "Outcome: Entry into care": "topic=care&strength=high&sort=name",
        "Strength of evidence: High": "topic=care&outcome=entry&sort=name",
    }


def test_a_value_that_was_left_out_gets_no_tag():
    params, filterset = filtered("topic=nope&effectiveness=mixed")
    labels = [tag.label for tag in active_filters(params, filterset)]
    assert labels == ["Overall effectiveness: Mixed or no effect"]


def test_clearing_the_filters_keeps_only_a_chosen_sort():
    assert clear_query(filtered("topic=x&q=care&sort=name")[1]) == "sort=name"
    assert clear_query(filtered("q=care&sort=nonsense")[1]) == ""


def test_the_reason_names_the_levels_asked_for_and_the_outcome():
    rating = OutcomeRatingFactory(
        outcome__name="Entry into care",
        effectiveness=Effectiveness.TENDS_POSITIVE,
        strength=Strength.MODERATE,
    )
    both = filtered("effectiveness=tends_positive&strength=moderate")[1]
    assert match_reason([rating], both) == (
        "Tends to positive with moderate strength of evidence for ‘Entry into care’"
    )
    outcome_only = filtered(f"outcome={rating.outcome.slug}")[1]
    assert match_reason([rating, rating], outcome_only) == (
        "Rated for ‘Entry into care’; Rated for ‘Entry into care’"
    )
