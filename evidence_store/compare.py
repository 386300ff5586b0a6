"""Comparing published interventions side by side: which were asked for, their ratings, and the
same comparison as CSV rows."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from core.csv_export import neutralise
from evidence_store.models import Intervention, Outcome, OutcomeRating
from evidence_store.ratings import (
    EFFECTIVENESS_SYMBOLS,
    Effectiveness,
    Strength,
    strength_rank,
)

COMPARE_MIN, COMPARE_MAX = 2, 4
_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")
NOT_EVALUATED = "Not evaluated"
_EFFECTIVENESS_LABELS = dict(Effectiveness.choices)
_STRENGTH_LABELS = dict(Strength.choices)


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


# The CSV is wide, like the table on the page: one row per outcome, and for each intervention
# (in the order compared) four columns: effectiveness and strength of evidence, each in words and
# as its symbol. An outcome an intervention was not evaluated on says so in words, with no symbols.
CSV_FIXED_COLUMNS = ["outcome_slug", "outcome_name"]
CSV_INTERVENTION_COLUMNS = [
    "effectiveness",
    "effectiveness symbol",
    "strength of evidence",
    "strength of evidence symbol",
]
CSV_LAST_COLUMN = "illustrative"  # true where any rating on the row is a demonstration one


def strength_dots(level: str) -> str:
    """Strength of evidence as the dots the pages show: ○○○ (very low) to ●●● (high)."""
    rank = strength_rank(level)
    return "●" * rank + "○" * (3 - rank)


def csv_header(result: Comparison) -> list[str]:
    """Column names. Intervention names come from editors, so they are neutralised here too."""
    per_intervention = [
        neutralise(f"{intervention.name}: {column}")
        for intervention in result.interventions
        for column in CSV_INTERVENTION_COLUMNS
    ]
    return [*CSV_FIXED_COLUMNS, *per_intervention, CSV_LAST_COLUMN]


def csv_fixed_columns(header: list[str]) -> list[str]:
    """The columns of ratings: labels and symbols from a fixed list, written as they are (so "+"
    stays "+"). Outcome names and slugs are typed by editors and are neutralised."""
    return header[len(CSV_FIXED_COLUMNS) :]


def csv_rows(result: Comparison) -> Iterable[list[object]]:
    """One row per outcome, from what the comparison already holds: no further queries."""
    for outcome, ratings in result.rating_rows:
        cells: list[object] = [outcome.slug, outcome.name]
        for rating in ratings:
            if rating is None:
                cells += [NOT_EVALUATED, "", NOT_EVALUATED, ""]
            else:
                cells += [
                    _EFFECTIVENESS_LABELS[rating.effectiveness],
                    EFFECTIVENESS_SYMBOLS[rating.effectiveness],
                    _STRENGTH_LABELS[rating.strength],
                    strength_dots(rating.strength),
                ]
        cells.append(any(rating is not None and rating.illustrative for rating in ratings))
        yield cells
