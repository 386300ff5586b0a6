"""The practice network's list: every published test, searched and filtered from the URL."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from movement.models import PracticeTest
from movement.practice_filters import FILTERS, filter_practice_tests, for_listing

PAGE_SIZE = 20


def _query_without(request: HttpRequest, *names: str) -> str:
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


@require_safe
def practice_list(request: HttpRequest) -> HttpResponse:
    filterset = filter_practice_tests(request.GET, PracticeTest.objects.visible())
    paginator = Paginator(for_listing(filterset.qs), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "form": filterset.form,
        "page_obj": page,
        "page_numbers": paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "bad_parameters": filterset.bad_parameters,
        "query_without_page": _query_without(request, "page"),
        "has_filters": any(request.GET.getlist(name) for name in (*FILTERS, "q")),
    }
    return render(request, "movement/practice/list.html", context)
