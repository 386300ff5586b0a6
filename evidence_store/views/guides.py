"""The guide to the ratings."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from evidence_store.ratings import (
    EFFECTIVENESS_MEANINGS,
    EFFECTIVENESS_SYMBOLS,
    STRENGTH_MEANINGS,
    Effectiveness,
    Strength,
)


@require_safe
def ratings_guide(request: HttpRequest) -> HttpResponse:
    effectiveness = [
        (level, EFFECTIVENESS_SYMBOLS[level], EFFECTIVENESS_MEANINGS[level])
        for level in Effectiveness
    ]
    strength = [(level, rank, STRENGTH_MEANINGS[level]) for rank, level in enumerate(Strength)]
    context = {"effectiveness_levels": effectiveness, "strength_levels": strength}
    return render(request, "evidence_store/ratings_guide.html", context)
