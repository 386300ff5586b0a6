"""Earlier versions of an intervention's ratings, rebuilt from their history, and what changed.

A version is named by a calendar date in the service's time zone: the ratings as they stood at the
end of that day. Only days on which the intervention was published count, so no draft leaks out.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from evidence_store.models import Intervention, OutcomeRating
from evidence_store.ratings import Effectiveness, Strength, strength_rank

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class VersionUnavailable(Exception):
    """No version for that date; the message says why, in plain words."""


@dataclass(frozen=True)
class RatingVersion:
    """One outcome's rating as it stood in a version."""

    outcome_id: int
    outcome_name: str
    position: int
    effectiveness: str
    strength: str
    notes: str
    illustrative: bool

    def get_effectiveness_display(self) -> str:
        return Effectiveness(self.effectiveness).label

    def get_strength_display(self) -> str:
        return Strength(self.strength).label


@dataclass(frozen=True)
class RatingChange:
    """An outcome whose rating was added, removed or changed between two versions."""

    outcome_name: str
    kind: str  # "added", "removed" or "changed"
    old: RatingVersion | None = None
    new: RatingVersion | None = None

    @property
    def effectiveness_changed(self) -> bool:
        return bool(self.old and self.new and self.old.effectiveness != self.new.effectiveness)

    @property
    def strength_changed(self) -> bool:
        return bool(self.old and self.new and self.old.strength != self.new.strength)


@dataclass(frozen=True)
class Version:
    """The ratings as they stood at the end of `day`, and how they differ from the version before."""

    day: date
    ratings: list[RatingVersion]
    changes: list[RatingChange] = field(default_factory=list)


def parse_day(text: str) -> date:
    """A date written YYYY-MM-DD; anything else is refused with a reason."""
    if not _ISO_DATE.fullmatch(text):
        raise VersionUnavailable("The date must be written as year-month-day, like 2024-03-31.")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise VersionUnavailable(f"{text} is not a real date.") from None


def end_of_day(day: date) -> datetime:
    """The first moment after `day` ends, in the service's time zone."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def _local_day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def _order(ratings: dict[int, RatingVersion]) -> list[RatingVersion]:
    return sorted(ratings.values(), key=lambda r: (r.position, r.outcome_name))


def _diff(old: list[RatingVersion], new: list[RatingVersion]) -> list[RatingChange]:
    before = {r.outcome_id: r for r in old}
    after = {r.outcome_id: r for r in new}
    changes = []
    for rating in _order({**before, **after}):
        was, now = before.get(rating.outcome_id), after.get(rating.outcome_id)
        if was is None:
            changes.append(RatingChange(now.outcome_name, "added", new=now))
        elif now is None:
            changes.append(RatingChange(was.outcome_name, "removed", old=was))
        elif (was.effectiveness, was.strength) != (now.effectiveness, now.strength):
            changes.append(RatingChange(now.outcome_name, "changed", old=was, new=now))
    return changes


class RatingHistory:
    """An intervention's recorded history, read in two queries, whatever its length."""

    def __init__(self, intervention: Intervention) -> None:
        self.intervention = intervention
        self._statuses = list(
            Intervention.history.filter(id=intervention.pk)
            .order_by("history_date", "history_id")
            .values_list("history_date", "status")
        )
        self._records = list(
            OutcomeRating.history.filter(intervention_id=intervention.pk)
            .select_related("outcome")
            .order_by("history_date", "history_id")
        )

    def first_day(self) -> date | None:
        """The day the intervention's history starts, if it has any."""
        return _local_day(self._statuses[0][0]) if self._statuses else None

    def published_on(self, day: date) -> bool:
        """Whether the intervention was published at the end of `day`."""
        end = end_of_day(day)
        statuses = [status for moment, status in self._statuses if moment < end]
        return bool(statuses) and statuses[-1] == Intervention.Status.PUBLISHED

    def ratings_on(self, day: date) -> list[RatingVersion]:
        """The ratings as they stood at the end of `day`, by outcome, in outcome order."""
        end = end_of_day(day)
        state: dict[int, RatingVersion] = {}
        for record in self._records:
            if record.history_date >= end:
                break
            if record.history_type == "-":
                state.pop(record.id, None)
                continue
            state[record.id] = RatingVersion(
                outcome_id=record.outcome_id,
                outcome_name=record.outcome.name,
                position=record.outcome.position,
                effectiveness=record.effectiveness,
                strength=record.strength,
                notes=record.notes,
                illustrative=record.illustrative,
            )
        return _order(state)

    def versions(self) -> list[Version]:
        """Each published day on which the ratings differed from the day before, oldest first."""
        days = sorted(
            {_local_day(moment) for moment, _ in self._statuses}
            | {_local_day(record.history_date) for record in self._records}
        )
        found: list[Version] = []
        for day in days:
            if not self.published_on(day):
                continue
            ratings = self.ratings_on(day)
            if not found:
                found.append(Version(day, ratings))
            elif changes := _diff(found[-1].ratings, ratings):
                found.append(Version(day, ratings, changes))
        return found

    def version_on(self, day: date) -> Version:
        """The version that stood at the end of `day`, or the reason there is none."""
        first = self.first_day()
        if day > timezone.localdate():
            raise VersionUnavailable("That date is in the future, so there is no version for it.")
        if first is None or day < first:
            raise VersionUnavailable(
                "The evidence store has no record of this intervention on that date."
            )
        if not self.published_on(day):
            raise VersionUnavailable("This intervention was not published on that date.")
        return Version(day, self.ratings_on(day))


def strength_range(ratings: list) -> tuple[str, str] | None:
    """The weakest and strongest strength of evidence among `ratings`, as labels."""
    if not ratings:
        return None
    ranked = sorted(ratings, key=lambda r: strength_rank(r.strength))
    return Strength(ranked[0].strength).label, Strength(ranked[-1].strength).label


def citation_day(versions: list[Version], last_reviewed: date | None) -> date | None:
    """The date to cite the current ratings by: when they were last reviewed, if that was after
    they last changed, otherwise when they last changed."""
    if not versions:
        return None
    changed = versions[-1].day
    if last_reviewed and changed < last_reviewed <= timezone.localdate():
        return last_reviewed
    return changed
