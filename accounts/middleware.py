"""Session timeouts for everyone, and two-factor authentication for staff in the admin."""

import time
from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

SIGNED_IN_AT = "accounts_signed_in_at"
LAST_SEEN_AT = "accounts_last_seen_at"
# Writing the session on every request would cost a database write each time; a minute's
# precision is plenty for a 30-minute idle timeout.
LAST_SEEN_PRECISION = 60


class SessionTimeoutMiddleware:
    """End a signed-in session after SESSION_IDLE_TIMEOUT of inactivity or SESSION_COOKIE_AGE."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            signed_in_at = session.setdefault(SIGNED_IN_AT, now)
            last_seen_at = session.get(LAST_SEEN_AT, now)
            idle = now - last_seen_at > settings.SESSION_IDLE_TIMEOUT
            too_old = now - signed_in_at > settings.SESSION_COOKIE_AGE
            if idle or too_old:
                return self._sign_out(request, idle=idle)
            if now - last_seen_at >= LAST_SEEN_PRECISION or LAST_SEEN_AT not in session:
                session[LAST_SEEN_AT] = now
        return self.get_response(request)

    def _sign_out(self, request: HttpRequest, *, idle: bool) -> HttpResponse:
        logout(request)
        if idle:
            minutes = settings.SESSION_IDLE_TIMEOUT // 60
            text = f"You were signed out because you had not done anything for {minutes} minutes."
        else:
            hours = settings.SESSION_COOKIE_AGE // 3600
            text = f"You were signed out because you had been signed in for {hours} hours."
        messages.info(request, f"{text} Sign in again to continue.")
        next_url = request.get_full_path() if request.method == "GET" else None
        return redirect_to_login(next_url or reverse("account_profile"))


class StaffMFAMiddleware:
    """Keep staff without an authenticator app out of the admin while STAFF_MFA_REQUIRED.

    The code itself is asked for at every sign-in by allauth's MFA stage, and every sign-in
    (the admin's included) goes through allauth, so a staff session with an authenticator
    app has passed it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            settings.STAFF_MFA_REQUIRED
            and user.is_authenticated
            and user.is_staff
            and request.path.startswith(reverse("admin:index"))
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            return render(request, "accounts/staff_mfa_required.html", status=403)
        return self.get_response(request)
