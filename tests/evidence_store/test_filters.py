"""Filters combine: "any of" within a filter, "all of" across filters, on one rating."""

import pytest
from django.http import QueryDict

from evidence_store.filters import filter_interventions
from evidence_store.models import Intervention
from evidence_store.ratings import Effectiveness, Strength
from tests.evidence_store.factories import (
    AgeGroupFactory,
    InterventionFactory,
    OutcomeFactory,
    OutcomeRatingFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def found(query: str) -> list[str]:
    filterset = filter_interventions(QueryDict(query), Intervention.objects.published())
    return list(filterset.qs.values_list("name", flat=True))


@pytest.fixture
def catalogue():
    care, parenting = TopicFactory(slug="care"), TopicFactory(slug="parenting")
    young = AgeGroupFactory(slug="under-5")
    entry, behaviour = OutcomeFactory(slug="entry"), OutcomeFactory(slug="behaviour")
    a = InterventionFactory(name="A", topics=[care], age_groups=[young])
    b = InterventionFactory(name="B", topics=[parenting])
    c = InterventionFactory(name="C", topics=[care, parenting])
    OutcomeRatingFactory(
        intervention=a,
        outcome=entry,
        effectiveness=Effectiveness.TENDS_POSITIVE,
        strength=Strength.LOW,
    )
    OutcomeRatingFactory(
        intervention=a, outcome=behaviour, effectiveness=Effectiveness.MIXED, strength=Strength.HIGH
    )
    OutcomeRatingFactory(
        intervention=b, outcome=entry, effectiveness=Effectiveness.MIXED, strength=Strength.HIGH
    )
    OutcomeRatingFactory(
        intervention=c,
        outcome=behaviour,
        effectiveness=Effectiveness.CONSISTENTLY_POSITIVE,
        strength=Strength.MODERATE,
    )


def test_a_repeated_filter_means_any_of(catalogue):
    assert found("topic=care") == ["A", "C"]
    assert found("topic=care&topic=parenting") == ["A", "B", "C"]


def test_different_filters_must_all_match(catalogue):
    assert found("topic=care&age=under-5") == ["A"]
    assert found("topic=parenting&outcome=entry") == ["B"]


def test_rating_filters_apply_to_the_same_rating(catalogue):
    # A is rated "mixed" on behaviour and "tends to positive" on entry: not mixed on entry.
    assert found("outcome=entry&effectiveness=mixed") == ["B"]
    assert found("effectiveness=mixed&strength=high") == ["A", "B"]
    assert found("outcome=behaviour&strength=high&strength=moderate") == ["A", "C"]


def test_no_matching_rating_finds_nothing(catalogue):
    assert found("outcome=entry&effectiveness=negative") == []


def test_sort_by_effectiveness_puts_the_best_rated_first(catalogue):
    assert found("sort=effectiveness") == ["C", "A", "B"]
    assert found("sort=strength")[0] in {"A", "B"}


def test_drafts_never_match(catalogue):
    InterventionFactory(
        name="Hidden", status=Intervention.Status.DRAFT, topics=[TopicFactory(slug="care")]
    )
    assert "Hidden" not in found("topic=care")


def test_unknown_filter_value_is_reported_and_left_out(catalogue):
    filterset = filter_interventions(
        QueryDict("topic=nope&age=under-5"), Intervention.objects.published()
    )
    assert "topic" in filterset.bad_parameters
    assert list(filterset.qs.values_list("name", flat=True)) == ["A"]


@pytest.mark.parametrize(
    ("query", "name", "message"),
    [
        ("topic=nope", "topic", "“nope” is not one of the topics."),
        ("age=nope", "age", "“nope” is not one of the age groups."),
        ("outcome=nope", "outcome", "“nope” is not one of the outcomes."),
        (
            "effectiveness=best",
            "effectiveness",
            "“best” is not one of the levels of overall effectiveness.",
        ),
        ("strength=huge", "strength", "“huge” is not one of the levels of strength of evidence."),
        ("sort=drop", "sort", "“drop” is not one of the ways to sort the list."),
    ],
)
def test_unknown_filter_values_are_named_in_plain_words(catalogue, query, name, message):
    filterset = filter_interventions(QueryDict(query), Intervention.objects.published())
    assert filterset.bad_parameters[name] == [message]


def test_the_list_page_words_a_left_out_filter_in_the_gov_uk_style(client, catalogue):
    page = client.get("/evidence/?topic=nope").content.decode()
    assert "“nope” is not one of the topics. We have left this filter out." in page
    assert "Select a valid choice" not in page


def test_the_outcome_filter_has_a_label_not_a_placeholder(catalogue):
    filterset = filter_interventions(QueryDict(""), Intervention.objects.published())
    assert filterset.form.fields["outcome"].label == "Outcome"


def test_a_rating_matches_only_when_every_rating_filter_asked_for_it(catalogue):
    filterset = filter_interventions(
        QueryDict("outcome=entry&effectiveness=tends_positive"), Intervention.objects.published()
    )
    a = Intervention.objects.get(name="A")
    matched = {r.outcome.slug: filterset.matches(r) for r in a.ratings.all()}
    assert matched == {"entry": True, "behaviour": False}
    unfiltered = filter_interventions(QueryDict("topic=care"), Intervention.objects.published())
    assert not any(unfiltered.matches(r) for r in a.ratings.all())
