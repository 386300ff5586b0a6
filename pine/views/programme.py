"""The public programme page and the page for each call."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse

from pine.models import Call, Priority


def _url_if_built(name: str) -> str:
    """The partners and evaluations pages come later: link to them only once they exist."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def programme_detail(request: HttpRequest) -> HttpResponse:
    context = {
        "priorities": Priority.objects.all(),
        "open_calls": Call.objects.open().order_by("closes_at"),
        "partners_url": _url_if_built("pine:partner_list"),
        "evaluations_url": _url_if_built("pine:evaluation_list"),
    }
    return render(request, "pine/programme_detail.html", context)


def call_detail(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_object_or_404(Call.objects.prefetch_related("priorities"), slug=slug)
    return render(request, "pine/call_detail.html", {"call": call})
