"""Accepting an invitation from its emailed link, or from the account home once signed in with
the address it was sent to; one that cannot be used says why."""

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from accounts.models import Invitation
from accounts.services.invitations import (
    InvitationUnusable,
    invitation_accept,
    invitation_accept_received,
    invitation_for_token,
)

UNUSABLE_STATUS = {"unknown": 404, "expired": 410, "used": 410, "wrong_account": 403}


def _unusable(request: HttpRequest, problem: InvitationUnusable) -> HttpResponse:
    context = {"reason": problem.reason, "invitation": problem.invitation}
    return render(
        request,
        "accounts/invitation_unusable.html",
        context,
        status=UNUSABLE_STATUS[problem.reason],
    )


def invitation_respond(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = invitation_for_token(token)
    except InvitationUnusable as problem:
        return _unusable(request, problem)
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect_to_login(request.get_full_path())
        # Following the emailed link shows the address is theirs: no need to check it again.
        get_adapter(request).stash_verified_email(request, invitation.email)
        return render(request, "accounts/invitation_accept.html", {"invitation": invitation})
    if invitation.email.lower() != request.user.email.lower():
        return _unusable(request, InvitationUnusable("wrong_account", invitation))
    if request.method == "POST":
        try:
            membership = invitation_accept(token=token, user=request.user)
        except InvitationUnusable as problem:
            return _unusable(request, problem)
        messages.success(request, f"You have joined {membership.organisation}.")
        return redirect(membership.organisation)
    return render(request, "accounts/invitation_accept.html", {"invitation": invitation})


@login_required
def invitation_received(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.received_by(request.user), pk=pk)
    if request.method == "POST":
        try:
            membership = invitation_accept_received(invitation=invitation, user=request.user)
        except InvitationUnusable as problem:
            return _unusable(request, problem)
        messages.success(request, f"You have joined {membership.organisation}.")
        return redirect(membership.organisation)
    context = {"invitation": invitation, "from_account": True}
    return render(request, "accounts/invitation_accept.html", context)
