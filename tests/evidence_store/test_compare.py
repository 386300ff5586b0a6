"""Comparing interventions: which of those asked for are shown, what is wrong, and the rows."""

import pytest

from evidence_store import compare
from evidence_store.ratings import Effectiveness
from tests.evidence_store.factories import (
    DraftInterventionFactory,
    InterventionFactory,
    OutcomeFactory,
    OutcomeRatingFactory,
)

pytestmark = pytest.mark.django_db


def test_interventions_keep_the_order_asked_for_each_once():
    InterventionFactory(slug="a")
    InterventionFactory(slug="b")
    result = compare.comparison([" b ", "a", "b", "", "  "])
    assert result.slugs == ["b", "a"]
    assert [i.slug for i in result.interventions] == ["b", "a"]
    assert not result.too_few and not result.too_many and result.choice_error == ""


def test_drafts_and_missing_interventions_are_unknown():
    InterventionFactory(slug="a")
    InterventionFactory(slug="b")
    DraftInterventionFactory(slug="draft")
    result = compare.comparison(["a", "draft", "nope", "b"])
    assert [i.slug for i in result.interventions] == ["a", "b"]
    assert result.unknown == ["draft", "nope"]
    assert result.choice_error == "Some of the interventions you asked for do not exist."


def test_more_than_the_most_shows_the_first_ones_and_says_so():
    slugs = [f"i-{n}" for n in range(compare.COMPARE_MAX + 1)]
    for slug in slugs:
        InterventionFactory(slug=slug)
    result = compare.comparison(reversed(slugs))
    assert [i.slug for i in result.interventions] == slugs[::-1][: compare.COMPARE_MAX]
    assert result.too_many
    assert result.choice_error == f"Choose no more than {compare.COMPARE_MAX}."


def test_one_is_too_few_but_asking_for_none_is_no_error():
    InterventionFactory(slug="a")
    one = compare.comparison(["a"])
    assert one.too_few and one.choice_error == f"Choose at least {compare.COMPARE_MIN}."
    none = compare.comparison([])
    assert none.too_few and none.choice_error == ""


def test_values_not_shaped_like_slugs_never_reach_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        result = compare.comparison(["../../etc", "x" * 5000, "café"])
    assert result.unknown == ["../../etc", "x" * 5000, "café"]
    assert result.interventions == []


def test_rating_rows_follow_the_outcomes_order_and_leave_gaps():
    later = OutcomeFactory(name="Re-referral", position=2)
    first = OutcomeFactory(name="Placement stability", position=1)
    a_later = OutcomeRatingFactory(outcome=later, intervention__slug="a")
    a_first = OutcomeRatingFactory(outcome=first, intervention=a_later.intervention)
    b_later = OutcomeRatingFactory(
        outcome=later, intervention__slug="b", effectiveness=Effectiveness.NEGATIVE
    )
    rows = compare.comparison(["a", "b"]).rating_rows
    assert rows == [(first, [a_first, None]), (later, [a_later, b_later])]


def test_the_choices_are_published_interventions_by_name():
    InterventionFactory(name="Kinship care")
    InterventionFactory(name="Family group conferences")
    DraftInterventionFactory(name="Secret draft")
    assert [i.name for i in compare.choices()] == ["Family group conferences", "Kinship care"]
