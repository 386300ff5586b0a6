"""Your account: where signing in lands, with your applications, projects and organisations."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts import account_home as registry


@login_required
def account_home(request: HttpRequest) -> HttpResponse:
    return render(
        request, "accounts/account_home.html", {"sections": registry.sections(request.user)}
    )
