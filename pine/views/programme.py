"""The public programme page and the page for each call, a GOV.UK start page."""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from pine.evidence_sought import evidence_sought
from pine.models import Application, Call, Priority
from pine.sections import SECTIONS
from pine.views.applications import start_url


def programme_detail(request: HttpRequest) -> HttpResponse:
    context = {
        "priorities": Priority.objects.all(),
        "open_calls": Call.objects.open().order_by("closes_at"),
        "evidence_sought": evidence_sought(),
    }
    return render(request, "pine/programme_detail.html", context)


def _back_to(url_name: str, path: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': path})}"


def call_detail(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_object_or_404(Call.objects.prefetch_related("priorities"), slug=slug)
    own = list(call.priorities.all())
    here = call.get_absolute_url()
    context = {
        "call": call,
        # A call that names no priorities of its own welcomes the programme's.
        "priorities": own or list(Priority.objects.all()),
        "call_has_priorities": bool(own),
        "section_count": len(SECTIONS),
        "start_url": start_url(call),
        "sign_in_url": _back_to("account_login", here),
        "sign_up_url": _back_to("account_signup", here),
        "your_applications": Application.objects.for_user(request.user).filter(call=call),
    }
    return render(request, "pine/call_detail.html", context)
