"""Comparing published interventions side by side."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from evidence_store import compare


@require_safe
def intervention_compare(request: HttpRequest) -> HttpResponse:
    comparison = compare.comparison(request.GET.getlist("i"))
    # "Compare this intervention with others" starts here with its own box ticked, which is
    # a first choice rather than a choice of too few.
    starting = request.GET.get("with", "")[:200]
    context = {
        "interventions": comparison.interventions,
        "choice_error": comparison.choice_error,
        "unknown": comparison.unknown,
        "too_many": comparison.too_many,
        "too_few": comparison.too_few,
        "rating_rows": comparison.rating_rows,
        "choices": compare.choices(),
        "selected": {*comparison.slugs, starting},
        "compare_min": compare.COMPARE_MIN,
        "compare_max": compare.COMPARE_MAX,
    }
    return render(request, "evidence_store/intervention_compare.html", context)
