"""Your account: what we hold about you, with links to change it, and your details form."""

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.forms.profile import ProfileForm
from accounts.models import Membership


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    context = {
        "memberships": Membership.objects.filter(user=request.user).select_related("organisation"),
        "has_authenticator_app": Authenticator.objects.filter(
            user=request.user, type=Authenticator.Type.TOTP
        ).exists(),
    }
    return render(request, "accounts/profile_detail.html", context)


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your details have been saved.")
        return redirect("account_profile")
    return render(request, "accounts/profile_edit.html", {"form": form})
