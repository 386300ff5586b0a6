"""Reviews side by side: each criterion's scores from every reviewer, with averages."""

from dataclasses import dataclass, field

from pine.models import Application, Criterion, Review


@dataclass
class ReviewGrid:
    reviews: list[Review]
    rows: list[dict] = field(default_factory=list)  # one per criterion
    weighted: list[float | None] = field(default_factory=list)  # one per review


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def counts(review: Review) -> bool:
    """Whether a review counts towards the averages."""
    return not review.is_draft and not review.conflict_of_interest


def review_grid(application: Application, *, only_reviewer=None) -> ReviewGrid:
    """Two queries, whatever the number of reviews and criteria.

    With `only_reviewer`, just that person's review: reviewers score independently.
    """
    criteria = list(Criterion.objects.all())
    reviews = application.reviews.select_related("reviewer").prefetch_related("scores")
    if only_reviewer is not None:
        reviews = reviews.filter(reviewer=only_reviewer)
    reviews = list(reviews.order_by("pk"))
    grid = ReviewGrid(reviews=reviews)
    by_review = {r.pk: {s.criterion_id: s for s in r.scores.all()} for r in reviews}
    for criterion in criteria:
        cells = [by_review[r.pk].get(criterion.pk) for r in reviews]
        counted = [c.score for c, r in zip(cells, reviews, strict=True) if c and counts(r)]
        grid.rows.append({"criterion": criterion, "cells": cells, "average": _mean(counted)})
    for review in reviews:
        scores = by_review[review.pk]
        weights = [(s.score * c.weight, c.weight) for c in criteria if (s := scores.get(c.pk))]
        total = sum(w for _, w in weights)
        grid.weighted.append(round(sum(v for v, _ in weights) / total, 2) if total else None)
    return grid
