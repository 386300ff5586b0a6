"""The list of interventions: search, filters, sorting and pages."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from evidence_store.filters import SORTS, filter_interventions
from evidence_store.models import Intervention

PAGE_SIZE = 20


def _query_without(request: HttpRequest, *names: str) -> str:
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


@require_safe
def intervention_list(request: HttpRequest) -> HttpResponse:
    filterset = filter_interventions(request.GET, Intervention.objects.published())
    paginator = Paginator(filterset.qs.for_listing(), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "filterset": filterset,
        "form": filterset.form,
        "page_obj": page,
        "page_numbers": paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "bad_parameters": filterset.bad_parameters,
        "sorts": SORTS,
        "sort": filterset.sort_key(),
        "query_without_page": _query_without(request, "page"),
        "export_query": _query_without(request, "page", "sort"),
        "has_filters": any(
            request.GET.getlist(k)
            for k in ("q", "topic", "outcome", "effectiveness", "strength", "age")
        ),
    }
    return render(request, "evidence_store/intervention_list.html", context)
