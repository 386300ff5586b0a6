"""Your data: download everything we hold about you, or delete your account."""

import json

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from accounts.forms.profile import AccountDeleteForm
from accounts.personal_data import personal_data_collect
from accounts.services import ActionRefused
from accounts.services.users import user_delete


@require_safe
@login_required
@never_cache
def data_download(request: HttpRequest) -> HttpResponse:
    data = {
        "service": "Evidence Store and PINE",
        "downloaded_at": timezone.now().isoformat(),
        **personal_data_collect(request.user),
    }
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False, default=str),
        content_type="application/json; charset=utf-8",
    )
    filename = f"your-data-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@never_cache
def account_delete(request: HttpRequest) -> HttpResponse:
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST":
        # Guessing a password here is throttled like any other re-entry of a password.
        if not ratelimit.consume(request, action="reauthenticate", user=request.user):
            return ratelimit.respond_429(request)
        if form.is_valid():
            try:
                user_delete(user=request.user)
            except ActionRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                logout(request)
                messages.success(request, "Your account has been deleted.")
                return redirect("home")
    return render(request, "accounts/account_delete.html", {"form": form})
