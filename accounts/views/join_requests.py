"""Asking to join an organisation, and its admins' answers; others' requests give 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.forms.join_requests import JoinRequestForm, OrganisationSearchForm
from accounts.models import JoinRequest
from accounts.services import ActionRefused
from accounts.services.join_requests import (
    JoinRequestLimitReached,
    join_request_approve,
    join_request_ask,
    join_request_refuse,
)


@login_required
def join_request_create(request: HttpRequest) -> HttpResponse:
    """Find an organisation by name, then ask to join it: only names are shown, never members."""
    data = request.POST if request.method == "POST" else request.GET
    search = OrganisationSearchForm(data if "name" in data else None)
    results = search.matches(request.user) if search.is_valid() else []
    form = JoinRequestForm(request.POST or None, organisations=results)
    status = 200
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        try:
            join_request_ask(organisation=organisation, user=request.user)
        except JoinRequestLimitReached as refusal:
            form.add_error("organisation", str(refusal))
            status = 429
        except ActionRefused as refusal:
            form.add_error("organisation", str(refusal))
        else:
            messages.success(
                request,
                f"You have asked to join {organisation}. We will email you when an admin replies.",
            )
            return redirect("account_home")
    context = {"search": search, "results": results, "form": form}
    return render(request, "accounts/joinrequest_create.html", context, status=status)


def _decide(request: HttpRequest, slug: str, pk: int, decide) -> HttpResponse:
    join_request = get_object_or_404(
        JoinRequest.objects.for_admin(request.user), pk=pk, organisation__slug=slug
    )
    try:
        decided = decide(join_request=join_request, user=request.user)
    except ActionRefused as refusal:
        messages.error(request, str(refusal))
    else:
        person = join_request.user
        if decide is join_request_approve:
            messages.success(
                request, f"{person} is now a member of {decided.organisation}. We have told them."
            )
        else:
            messages.success(request, f"You have refused {person}’s request. We have told them.")
    return redirect(join_request.organisation)


@login_required
@require_POST
def approve(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _decide(request, slug, pk, join_request_approve)


@login_required
@require_POST
def refuse(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _decide(request, slug, pk, join_request_refuse)
