"""The list of interventions: search, filters, sorting and pages."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from evidence_store import fragments
from evidence_store.compare import COMPARE_MAX, COMPARE_MIN
from evidence_store.filter_tags import FILTERS, active_filters, clear_query, match_reason
from evidence_store.filters import SORTS, InterventionFilter, filter_interventions
from evidence_store.models import Intervention, OutcomeRating

PAGE_SIZE = 20
# What the list reads from its address; anything else is dropped before it is read.
PARAMETERS = [*FILTERS, "sort", "page"]


@dataclass(frozen=True)
class Result:
    intervention: Intervention
    ratings: list[tuple[OutcomeRating, bool]]  # each with whether it matched the rating filters
    reason: str  # why it matched them, in words; "" when no rating filter is on


def _result(intervention: Intervention, filterset: InterventionFilter) -> Result:
    ratings = [(r, filterset.matches(r)) for r in intervention.ratings.all()]
    matched = [rating for rating, matches in ratings if matches]
    return Result(intervention, ratings, match_reason(matched, filterset))


def _query_without(params: QueryDict, *names: str) -> str:
    params = params.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


def _title(filterset: InterventionFilter) -> str:
    title = "Evidence store"
    if q := filterset.form.cleaned_data.get("q"):
        title = f"Search results for “{q}” – {title}"
    return f"Error: {title}" if filterset.bad_parameters else title


@require_safe
def intervention_list(request: HttpRequest) -> HttpResponse:
    params = fragments.kept(request.GET, PARAMETERS)
    fragment = fragments.cached(
        "intervention_list", params.urlencode(), render=lambda: _results(request, params)
    )
    return render(request, "evidence_store/intervention_list.html", {"fragment": fragment})


def _results(request: HttpRequest, params: QueryDict) -> fragments.Fragment:
    """The search, filters and one page of results, for the parameters given."""
    filterset = filter_interventions(params, Intervention.objects.published())
    paginator = Paginator(filterset.qs.for_listing(), PAGE_SIZE)
    page = paginator.get_page(params.get("page"))
    context = {
        "filterset": filterset,
        "form": filterset.form,
        "page_obj": page,
        "results": [_result(intervention, filterset) for intervention in page],
        "page_numbers": paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "bad_parameters": filterset.bad_parameters,
        "sorts": SORTS,
        "sort": filterset.sort_key(),
        "query_without_page": _query_without(params, "page"),
        "export_query": _query_without(params, "page", "sort"),
        "filter_tags": active_filters(params, filterset),
        "clear_query": clear_query(filterset),
        "has_filters": any(params.getlist(k) for k in FILTERS),
        "compare_min": COMPARE_MIN,
        "compare_max": COMPARE_MAX,
    }
    html = render_to_string("evidence_store/fragments/intervention_list.html", context, request)
    return fragments.Fragment(html=html, title=_title(filterset))
