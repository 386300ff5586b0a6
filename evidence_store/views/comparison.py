"""Comparing published interventions side by side, on the page and as a CSV download."""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from core.csv_export import streaming_csv_response
from core.links import absolute_url
from evidence_store import compare


def _page(
    request: HttpRequest, comparison: compare.Comparison, choice_error: str, status: int = 200
) -> HttpResponse:
    # "Compare this intervention with others" starts here with its own box ticked, which is
    # a first choice rather than a choice of too few.
    starting = request.GET.get("with", "")[:200]
    query = urlencode([("i", intervention.slug) for intervention in comparison.interventions])
    context = {
        "interventions": comparison.interventions,
        "choice_error": choice_error,
        "unknown": comparison.unknown,
        "too_many": comparison.too_many,
        "too_few": comparison.too_few,
        "rating_rows": comparison.rating_rows,
        "choices": compare.choices(),
        "selected": {*comparison.slugs, starting},
        "compare_min": compare.COMPARE_MIN,
        "compare_max": compare.COMPARE_MAX,
        "csv_url": f"{reverse('evidence_store:compare_csv')}?{query}",
        # Printed under the table, so a paper copy leads back to the page.
        "address": absolute_url(f"{reverse('evidence_store:compare')}?{query}"),
        "addresses": [
            (intervention.name, absolute_url(intervention.get_absolute_url()))
            for intervention in comparison.interventions
        ],
    }
    return render(request, "evidence_store/intervention_compare.html", context, status=status)


@require_safe
def intervention_compare(request: HttpRequest) -> HttpResponse:
    comparison = compare.comparison(request.GET.getlist("i"))
    return _page(request, comparison, comparison.choice_error)


@require_safe
def compare_csv(request: HttpRequest) -> HttpResponse:
    """The comparison as CSV (layout in compare.csv_header); a bad choice gets the page, as 400.

    A file of the first four, or of the ones that exist, would look complete when it is not.
    """
    comparison = compare.comparison(request.GET.getlist("i"))
    if comparison.choice_error or comparison.too_few:
        error = comparison.choice_error or f"Choose at least {compare.COMPARE_MIN}."
        return _page(request, comparison, error, status=400)
    header = compare.csv_header(comparison)
    return streaming_csv_response(
        "comparison.csv",
        header,
        compare.csv_rows(comparison),
        fixed_columns=compare.csv_fixed_columns(header),
    )
