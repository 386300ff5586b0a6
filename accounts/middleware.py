"""Session timeouts and private caching for everyone, and two-factor authentication for staff."""

import time
from collections.abc import Callable

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import ResolverMatch, reverse
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode

SIGNED_IN_AT = "accounts_signed_in_at"
LAST_SEEN_AT = "accounts_last_seen_at"
# Writing the session on every request would cost a database write each time; a minute's
# precision is plenty for a 30-minute idle timeout.
LAST_SEEN_PRECISION = 60


# Load balancers call the health check often, and it must not load or write a session.
SESSIONLESS_VIEWS = frozenset({"healthz"})


# Both checks go by the route Django resolved from `path_info`, never by a prefix of the path: a
# script prefix (SCRIPT_NAME) changes `request.path` and every reversed URL, but not the route.
def _is_sessionless(match: ResolverMatch | None) -> bool:
    return match is not None and match.view_name in SESSIONLESS_VIEWS


def _is_admin(match: ResolverMatch) -> bool:
    return admin.site.name in match.namespaces


class SessionTimeoutMiddleware:
    """End a signed-in session after SESSION_IDLE_TIMEOUT of inactivity or SESSION_COOKIE_AGE.

    Pages served to someone signed in hold their personal data, so they are marked
    `Cache-Control: private, no-store` unless the view chose its own caching. The timeout is
    checked once the route is known, so that the health check never loads the session.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if _is_sessionless(getattr(request, "resolver_match", None)):
            return response
        if request.user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response

    def process_view(self, request: HttpRequest, *_view) -> HttpResponse | None:
        if _is_sessionless(request.resolver_match) or not request.user.is_authenticated:
            return None
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
        return None

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


def passed_two_factor(request: HttpRequest) -> bool:
    """Whether this session, not just this person, has proved a second factor."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


class StaffMFAMiddleware:
    """Open the admin to staff only in a session that passed two-factor authentication.

    Having an authenticator app is not enough: it could have been added in this very session by
    someone who knows only the password. Staff without one are asked to set it up; staff whose
    session has not used it (signed in before it was set up, or before they became staff) are
    asked for a code. Only STAFF_MFA_REQUIRED = False (the DEBUG demo) lets them in without.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, *_view) -> HttpResponse | None:
        # The route comes first, so that other pages do not load the session for this check.
        if (
            _is_admin(request.resolver_match)
            and settings.STAFF_MFA_REQUIRED
            and request.user.is_authenticated
            and request.user.is_staff
            and not passed_two_factor(request)
        ):
            return self._ask_for_two_factor(request)
        return None

    def _ask_for_two_factor(self, request: HttpRequest) -> HttpResponse:
        has_app = Authenticator.objects.filter(
            user=request.user, type=Authenticator.Type.TOTP
        ).exists()
        if not has_app:
            return render(request, "accounts/staff_mfa_required.html", status=403)
        query = urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})
        return HttpResponseRedirect(f"{reverse('mfa_reauthenticate')}?{query}")
