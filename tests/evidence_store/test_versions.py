"""Earlier versions of an intervention's ratings are rebuilt from their history, day by day."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from evidence_store.models import Intervention, OutcomeRating
from evidence_store.ratings import Effectiveness, Strength
from evidence_store.versions import (
    RatingHistory,
    VersionUnavailable,
    citation_day,
    end_of_day,
    parse_day,
    strength_range,
)
from tests.evidence_store.factories import InterventionFactory, OutcomeFactory

pytestmark = pytest.mark.django_db


def at(day: date, hour: int = 12) -> datetime:
    """Midday (or `hour`) in London on `day`."""
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def saved(instance, moment: datetime, **changes):
    """Save `instance` with `changes`, recording the change in its history at `moment`."""
    for name, value in changes.items():
        setattr(instance, name, value)
    instance._history_date = moment
    instance.save()
    return instance


def deleted(instance, moment: datetime) -> None:
    instance._history_date = moment
    instance.delete()


def published_on(day: date, **fields) -> Intervention:
    intervention = InterventionFactory(**fields)
    Intervention.history.filter(id=intervention.pk).update(history_date=at(day, 9))
    return intervention


def rating(intervention, outcome, moment, **fields) -> OutcomeRating:
    fields = {"effectiveness": Effectiveness.MIXED, "strength": Strength.LOW, **fields}
    return saved(OutcomeRating(intervention=intervention, outcome=outcome), moment, **fields)


def test_ratings_on_a_day_are_those_that_stood_at_its_end():
    intervention = published_on(date(2024, 3, 1))
    stability, wellbeing = OutcomeFactory(name="Stability"), OutcomeFactory(name="Wellbeing")
    first = rating(intervention, stability, at(date(2024, 3, 1)))
    saved(first, at(date(2024, 4, 2)), effectiveness=Effectiveness.TENDS_POSITIVE)
    second = rating(intervention, wellbeing, at(date(2024, 4, 2)))
    deleted(second, at(date(2024, 5, 3)))

    history = RatingHistory(intervention)

    march = history.ratings_on(date(2024, 3, 31))
    assert [(r.outcome_name, r.effectiveness) for r in march] == [("Stability", "mixed")]
    april = history.ratings_on(date(2024, 4, 2))
    assert [(r.outcome_name, r.effectiveness) for r in april] == [
        ("Stability", "tends_positive"),
        ("Wellbeing", "mixed"),
    ]
    assert [r.outcome_name for r in history.ratings_on(date(2024, 5, 3))] == ["Stability"]


def test_versions_list_what_was_added_changed_and_removed_with_old_and_new_levels():
    intervention = published_on(date(2024, 3, 1))
    stability, wellbeing = OutcomeFactory(name="Stability"), OutcomeFactory(name="Wellbeing")
    first = rating(intervention, stability, at(date(2024, 3, 1)))
    saved(first, at(date(2024, 3, 9)), notes="Notes only: not a change in the ratings.")
    saved(first, at(date(2024, 4, 2)), strength=Strength.HIGH)
    second = rating(intervention, wellbeing, at(date(2024, 4, 2)))
    deleted(second, at(date(2024, 5, 3)))

    versions = RatingHistory(intervention).versions()

    assert [v.day for v in versions] == [date(2024, 3, 1), date(2024, 4, 2), date(2024, 5, 3)]
    assert versions[0].changes == []
    changed, added = versions[1].changes
    assert (changed.outcome_name, changed.kind) == ("Stability", "changed")
    assert (changed.old.strength, changed.new.strength) == ("low", "high")
    assert changed.strength_changed and not changed.effectiveness_changed
    assert (added.outcome_name, added.kind, added.new.effectiveness) == (
        "Wellbeing",
        "added",
        "mixed",
    )
    [removed] = versions[2].changes
    assert (removed.outcome_name, removed.kind, removed.old.strength) == (
        "Wellbeing",
        "removed",
        "low",
    )


def test_changes_made_while_a_draft_appear_only_when_it_is_published_again():
    intervention = published_on(date(2024, 3, 1))
    outcome = OutcomeFactory()
    first = rating(intervention, outcome, at(date(2024, 3, 1)))
    saved(intervention, at(date(2024, 6, 1)), status=Intervention.Status.DRAFT)
    saved(first, at(date(2024, 6, 2)), effectiveness=Effectiveness.NEGATIVE)
    saved(intervention, at(date(2024, 6, 5)), status=Intervention.Status.PUBLISHED)

    history = RatingHistory(intervention)

    assert [v.day for v in history.versions()] == [date(2024, 3, 1), date(2024, 6, 5)]
    with pytest.raises(VersionUnavailable, match="not published"):
        history.version_on(date(2024, 6, 2))
    assert history.version_on(date(2024, 6, 5)).ratings[0].effectiveness == "negative"


def test_a_change_just_after_midnight_in_london_belongs_to_the_new_day():
    intervention = published_on(date(2024, 6, 1))
    first = rating(intervention, OutcomeFactory(), at(date(2024, 6, 1)))
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (BST): the next day's version.
    saved(first, datetime(2024, 6, 30, 23, 30, tzinfo=UTC), strength=Strength.HIGH)

    history = RatingHistory(intervention)

    assert history.ratings_on(date(2024, 6, 30))[0].strength == "low"
    assert history.ratings_on(date(2024, 7, 1))[0].strength == "high"
    assert [v.day for v in history.versions()] == [date(2024, 6, 1), date(2024, 7, 1)]


def test_a_day_ends_at_midnight_london_time_in_summer_and_in_winter():
    assert end_of_day(date(2024, 6, 30)) == datetime(2024, 6, 30, 23, tzinfo=UTC)
    assert end_of_day(date(2024, 12, 30)) == datetime(2024, 12, 31, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2024-1-05", "year-month-day"),
        ("20240105", "year-month-day"),
        ("05-01-2024", "year-month-day"),
        ("yesterday", "year-month-day"),
        ("2024-01-05x", "year-month-day"),
        ("2024-02-30", "not a real date"),
        ("2023-13-01", "not a real date"),
    ],
)
def test_badly_written_or_impossible_dates_are_refused_with_a_reason(text, reason):
    with pytest.raises(VersionUnavailable, match=reason):
        parse_day(text)


def test_a_well_written_date_is_read():
    assert parse_day("2024-02-29") == date(2024, 2, 29)


def test_no_version_before_the_intervention_existed_or_in_the_future():
    intervention = published_on(date(2024, 3, 1))
    history = RatingHistory(intervention)
    with pytest.raises(VersionUnavailable, match="no record"):
        history.version_on(date(2024, 2, 29))
    with pytest.raises(VersionUnavailable, match="future"):
        history.version_on(timezone.localdate() + timedelta(days=1))
    assert history.version_on(date(2024, 3, 1)).ratings == []


def test_strength_range_gives_the_weakest_and_the_strongest_in_words():
    intervention = published_on(date(2024, 3, 1))
    for strength in [Strength.MODERATE, Strength.VERY_LOW, Strength.HIGH]:
        rating(intervention, OutcomeFactory(), at(date(2024, 3, 1)), strength=strength)
    assert strength_range(list(intervention.ratings.all())) == ("Very low", "High")
    assert strength_range([]) is None


def test_the_citation_date_is_the_last_review_if_later_than_the_last_change():
    intervention = published_on(date(2024, 3, 1))
    versions = RatingHistory(intervention).versions()
    assert citation_day(versions, None) == date(2024, 3, 1)
    assert citation_day(versions, date(2024, 4, 1)) == date(2024, 4, 1)
    assert citation_day(versions, date(2023, 1, 1)) == date(2024, 3, 1)
    assert citation_day(versions, timezone.localdate() + timedelta(days=1)) == date(2024, 3, 1)
    assert citation_day([], date(2024, 4, 1)) is None
