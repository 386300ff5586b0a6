"""Your organisation: its members and invitations, and what its admins can change."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts.forms.organisations import InvitationForm, OrganisationForm
from accounts.models import Invitation, JoinRequest, Membership, Organisation
from accounts.services import ActionRefused
from accounts.services.invitations import (
    InvitationLimitReached,
    invitation_cancel,
    invitation_send,
)
from accounts.services.organisations import (
    membership_change_role,
    membership_remove,
    organisation_create,
)


def _membership(request: HttpRequest, slug: str, pk: int) -> Membership:
    """A membership of one of your organisations; anyone else's gives 404."""
    return get_object_or_404(
        Membership.objects.for_user(request.user), pk=pk, organisation__slug=slug
    )


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    organisations = list(Organisation.objects.for_user(request.user))
    if len(organisations) == 1:
        return redirect(organisations[0])
    return render(request, "accounts/organisation_list.html", {"organisations": organisations})


def _next_on_this_site(request: HttpRequest) -> str:
    """Where to go afterwards, from `next`: a path on this site only, never another address."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    on_this_site = next_url.startswith("/") and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts=set(), require_https=request.is_secure()
    )
    return next_url if on_this_site else ""


@login_required
def organisation_new(request: HttpRequest) -> HttpResponse:
    """Set up an organisation; with `next` (say, the application being started), go back there."""
    form = OrganisationForm(request.POST or None)
    next_url = _next_on_this_site(request)
    if request.method == "POST" and form.is_valid():
        organisation = organisation_create(user=request.user, **form.cleaned_data)
        messages.success(request, f"{organisation} has been created. You are its admin.")
        return redirect(next_url or organisation.get_absolute_url())
    context = {"form": form, "next_url": next_url}
    return render(request, "accounts/organisation_create.html", context)


@login_required
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.for_user(request.user), slug=slug)
    # Admins first ("admin" sorts before "member"), then by name.
    members = organisation.memberships.select_related("user").order_by(
        "role", "user__full_name", "user__email"
    )
    mine = next(m for m in members if m.user_id == request.user.pk)
    invitations = organisation.invitations.pending().select_related("invited_by")
    join_requests = JoinRequest.objects.pending().filter(organisation=organisation)
    context = {
        "organisation": organisation,
        "members": members,
        "my_membership": mine,
        "invitations": invitations if mine.is_admin else [],
        "join_requests": join_requests.select_related("user") if mine.is_admin else [],
    }
    return render(request, "accounts/organisation_detail.html", context)


@login_required
def invitation_create(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.for_user(request.user), slug=slug)
    if not organisation.memberships.admins().filter(user=request.user).exists():
        context = {"organisation": organisation}
        return render(request, "accounts/invitation_admins_only.html", context, status=403)
    form = InvitationForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitation_send(
                organisation=organisation,
                email=form.cleaned_data["email"],
                user=request.user,
            )
        except InvitationLimitReached as refusal:
            if refusal.per == "person":
                context = {"reason": str(refusal), "wait": "an hour"}
                return render(request, "429.html", context, status=429)
            form.add_error("email", str(refusal))
            status = 429
        except ActionRefused as refusal:
            form.add_error("email", str(refusal))
        else:
            messages.success(request, f"We have emailed an invitation to {invitation.email}.")
            return redirect(organisation)
    context = {"organisation": organisation, "form": form}
    return render(request, "accounts/invitation_create.html", context, status=status)


@login_required
@require_POST
def invitation_withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    invitation = get_object_or_404(
        Invitation.objects.for_user(request.user), pk=pk, organisation__slug=slug
    )
    try:
        invitation_cancel(invitation=invitation, user=request.user)
        messages.success(request, f"The invitation to {invitation.email} has been cancelled.")
    except ActionRefused as refusal:
        messages.error(request, str(refusal))
    return redirect(invitation.organisation)


@login_required
@require_POST
def membership_role(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = _membership(request, slug, pk)
    role = request.POST.get("role", "")
    try:
        membership = membership_change_role(membership=membership, role=role, user=request.user)
        article = "an admin" if membership.is_admin else "a member"
        messages.success(
            request, f"{membership.user} is now {article} of {membership.organisation}."
        )
    except ActionRefused as refusal:
        messages.error(request, str(refusal))
    return redirect(membership.organisation)


@login_required
def membership_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Remove a member (admins) or leave (anyone, for their own membership)."""
    membership = _membership(request, slug, pk)
    leaving = membership.user_id == request.user.pk
    error = None
    if request.method == "POST":
        try:
            membership_remove(membership=membership, user=request.user)
        except ActionRefused as refusal:
            error = str(refusal)
        else:
            if leaving:
                messages.success(request, f"You have left {membership.organisation}.")
                return redirect("account_profile")
            messages.success(request, f"{membership.user} has been removed.")
            return redirect(membership.organisation)
    context = {"membership": membership, "leaving": leaving, "error": error}
    return render(request, "accounts/membership_delete.html", context)
