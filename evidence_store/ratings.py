"""The two rating measures and their four levels, with the symbols that carry their meaning."""

from django.db import models


class Effectiveness(models.TextChoices):
    NEGATIVE = "negative", "Negative effect"
    MIXED = "mixed", "Mixed or no effect"
    TENDS_POSITIVE = "tends_positive", "Tends to positive"
    CONSISTENTLY_POSITIVE = "consistently_positive", "Consistently positive"


class Strength(models.TextChoices):
    VERY_LOW = "very_low", "Very low"
    LOW = "low", "Low"
    MODERATE = "moderate", "Moderate"
    HIGH = "high", "High"


EFFECTIVENESS_SYMBOLS = {
    Effectiveness.NEGATIVE: "−",
    Effectiveness.MIXED: "0",
    Effectiveness.TENDS_POSITIVE: "+",
    Effectiveness.CONSISTENTLY_POSITIVE: "++",
}

EFFECTIVENESS_MEANINGS = {
    Effectiveness.NEGATIVE: "The evidence suggests the intervention makes this outcome worse.",
    Effectiveness.MIXED: (
        "Studies disagree, or found no clear difference. This is not proof that it does not work."
    ),
    Effectiveness.TENDS_POSITIVE: (
        "Most of the evidence points to an improvement, but not all studies agree."
    ),
    Effectiveness.CONSISTENTLY_POSITIVE: "Studies consistently found an improvement.",
}

STRENGTH_MEANINGS = {
    Strength.VERY_LOW: (
        "Very little or very weak research. Any finding could easily change with more evidence."
    ),
    Strength.LOW: "Some research, with important weaknesses. Treat findings with caution.",
    Strength.MODERATE: "A reasonable body of research of fair quality.",
    Strength.HIGH: "Several good-quality studies, so we can be confident in the finding.",
}


# Computed once: the list sorts by them and the exports build their rank columns from them.
_EFFECTIVENESS_RANKS = {value: rank for rank, value in enumerate(Effectiveness.values)}
_STRENGTH_RANKS = {value: rank for rank, value in enumerate(Strength.values)}


def effectiveness_rank(value: str) -> int:
    """0 for a negative effect up to 3 for a consistently positive one."""
    return _EFFECTIVENESS_RANKS[value]


def strength_rank(value: str) -> int:
    """0 for very low up to 3 for high: the number of filled dots."""
    return _STRENGTH_RANKS[value]
