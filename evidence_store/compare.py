"""Comparing published interventions side by side: which were asked for, and their ratings."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from evidence_store.models import Intervention, Outcome, OutcomeRating

COMPARE_MIN, COMPARE_MAX = 2, 4
_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")


@dataclass(frozen=True)
class Comparison:
    slugs: list[str]  # as asked for, in order, each once
    interventions: list[Intervention]  # the first COMPARE_MAX of those found, in that order
    unknown: list[str]  # asked for, but not a published intervention
    rating_rows: list[tuple[Outcome, list[OutcomeRating | None]]]  # None: not evaluated

    @property
    def too_many(self) -> bool:
        return len(self.slugs) > COMPARE_MAX

    @property
    def too_few(self) -> bool:
        return len(self.interventions) < COMPARE_MIN

    @property
    def choice_error(self) -> str:
        """What is wrong with the choice, in words; "" when nothing is, or nothing was chosen."""
        problems = []
        if self.unknown:
            problems.append("Some of the interventions you asked for do not exist.")
        if self.too_many:
            problems.append(f"Choose no more than {COMPARE_MAX}.")
        elif self.too_few and self.slugs:
            problems.append(f"Choose at least {COMPARE_MIN}.")
        return " ".join(problems)


def comparison(asked: Iterable[str]) -> Comparison:
    """The published interventions named by `asked` (slugs, as the form sends them)."""
    slugs = list(dict.fromkeys(s.strip() for s in asked if s.strip()))
    # Anything not shaped like a slug cannot name an intervention (and never reaches the database).
    lookup = [s for s in slugs if _SLUG.fullmatch(s)]
    found = {
        i.slug: i
        for i in Intervention.objects.published().with_ratings().filter(slug__in=lookup[:20])
    }
    interventions = [found[s] for s in slugs if s in found][:COMPARE_MAX]
    return Comparison(
        slugs=slugs,
        interventions=interventions,
        unknown=[s for s in slugs if s not in found],
        rating_rows=_rating_rows(interventions),
    )


def _rating_rows(
    interventions: list[Intervention],
) -> list[tuple[Outcome, list[OutcomeRating | None]]]:
    """One row per outcome any of them is rated on, in the outcomes' order."""
    outcomes = {r.outcome for i in interventions for r in i.ratings.all()}
    return [
        (
            outcome,
            [
                next((r for r in i.ratings.all() if r.outcome == outcome), None)
                for i in interventions
            ],
        )
        for outcome in sorted(outcomes, key=lambda o: (o.position, o.name))
    ]


def choices() -> QuerySet[Intervention]:
    """The published interventions the form offers, by name."""
    return Intervention.objects.published().only("slug", "name").order_by("name")[:200]
