"""The public programme page and the page for each call."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from pine.models import Call, Priority


def programme_detail(request: HttpRequest) -> HttpResponse:
    context = {
        "priorities": Priority.objects.all(),
        "open_calls": Call.objects.open().order_by("closes_at"),
    }
    return render(request, "pine/programme_detail.html", context)


def call_detail(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_object_or_404(Call.objects.prefetch_related("priorities"), slug=slug)
    return render(request, "pine/call_detail.html", {"call": call})
