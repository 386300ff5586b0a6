"""The practice list's search and filters: every word must match, repeatable filters mean
"any of", status and finding go by the author's published finding, and values that are not
choices are reported and left out."""

import pytest
from django.http import QueryDict

from movement.models import Post, PracticeTest, Result
from movement.practice_filters import filter_practice_tests, for_listing
from tests.evidence_store.factories import OutcomeFactory, TopicFactory
from tests.movement.factories import PracticeTestFactory
from tests.movement.practice_factories import FindingFactory, TrialFactory

pytestmark = pytest.mark.django_db


def titles(query: str) -> set[str]:
    filterset = filter_practice_tests(QueryDict(query), PracticeTest.objects.visible())
    return {test.title for test in filterset.qs}


def test_every_search_word_must_appear_somewhere():
    PracticeTestFactory(title="Walking meetings", why="Teenagers talk more side by side.")
    PracticeTestFactory(title="Walking to school")
    assert titles("q=walking teenagers") == {"Walking meetings"}
    assert titles('q="side by side"') == {"Walking meetings"}


def test_repeated_topics_mean_any_of_them():
    one, two = TopicFactory(slug="one"), TopicFactory(slug="two")
    PracticeTestFactory(title="A").topics.add(one)
    PracticeTestFactory(title="B").topics.add(two)
    PracticeTestFactory(title="C")
    assert titles("topic=one&topic=two") == {"A", "B"}


def test_outcome_filter():
    outcome = OutcomeFactory(slug="entry-into-care")
    PracticeTestFactory(title="A").outcomes.add(outcome)
    PracticeTestFactory(title="B")
    assert titles("outcome=entry-into-care") == {"A"}


def test_status_and_finding_go_by_the_authors_published_finding():
    FindingFactory(practice_test=PracticeTestFactory(title="Helped"), result=Result.HELPED)
    FindingFactory(practice_test=PracticeTestFactory(title="Did not"), result=Result.DID_NOT)
    FindingFactory(practice_test=PracticeTestFactory(title="Held"), state=Post.State.HELD)
    PracticeTestFactory(title="Going")
    assert titles("status=finished") == {"Helped", "Did not"}
    assert titles("status=testing") == {"Held", "Going"}
    assert titles("status=testing&status=finished") == {"Helped", "Did not", "Held", "Going"}
    assert titles("finding=did_not") == {"Did not"}


def test_values_that_are_not_choices_are_reported_and_left_out():
    PracticeTestFactory(title="A")
    filterset = filter_practice_tests(
        QueryDict("status=sideways&topic=nope"), PracticeTest.objects.visible()
    )
    assert set(filterset.bad_parameters) == {"status", "topic"}
    assert {t.title for t in filterset.qs} == {"A"}


def test_a_very_long_search_is_cut_rather_than_refused():
    PracticeTestFactory(title="A")
    assert titles("q=" + "a " * 5000) == {"A"}


def test_the_listing_counts_tries_and_carries_the_result():
    test = PracticeTestFactory()
    FindingFactory(practice_test=test, result=Result.UNCLEAR)
    TrialFactory(practice_test=test)
    row = for_listing(PracticeTest.objects.all()).get()
    assert (row.tried_by, row.result) == (1, "unclear")
