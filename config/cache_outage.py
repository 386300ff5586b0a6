"""While the shared cache (Redis) is down, refuse what it throttles with a 503 page.

Sign-in, sign-up, password resets, email codes, two-factor codes and the Movement's posting
limits are counted in the default cache. A count that cannot be kept must not become a limit
that is not applied, so the action waits for the cache instead of going through uncounted.
Pages that never touch the cache go on serving as usual (docs/accounts.md#throttling).
"""

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Seconds: a restarted Redis is back well within this, and the page says "a few minutes".
RETRY_AFTER = 60

# What the person was doing, by the name of the page's URL, for the page's heading.
ACTIONS = {
    "account_login": "signing in",
    "login": "signing in",  # the admin's own sign-in page, answered by the service's
    "mfa_authenticate": "signing in",
    "mfa_reauthenticate": "confirming it is you",
    "account_reauthenticate": "confirming it is you",
    "account_signup": "creating an account",
    "account_reset_password": "resetting your password",
    "account_reset_password_from_key": "resetting your password",
    "account_email_verification_sent": "confirming your email address",
    "account_confirm_email": "confirming your email address",
    "account_change_password": "changing your password",
    "account_email": "changing your email address",
    "organisation_invite": "sending invitations",
    "joinrequest_create": "asking to join an organisation",
    "practice_check": "posting",
    "practice_update_add": "posting",
    "practice_finding_add": "posting",
    "practice_trial_finding_add": "posting",
    "practice_reply_add": "replying",
}


def action_in_words(request: HttpRequest) -> str:
    """What the person was doing, in words that follow "Sorry, ... is unavailable"."""
    match = getattr(request, "resolver_match", None)
    return ACTIONS.get(match.url_name if match else "", "this")


def cache_unavailable(request: HttpRequest) -> HttpResponse:
    """The 503 page, with Retry-After, saying what is unavailable and for how long."""
    action = action_in_words(request)
    response = render(
        request,
        "503_cache.html",
        {"action": action, "action_capitalised": action[:1].upper() + action[1:]},
        status=503,
    )
    response["Retry-After"] = str(RETRY_AFTER)
    add_never_cache_headers(response)
    return response


class CacheOutageMiddleware:
    """Answer the 503 page when a view fails because the cache could not be reached.

    Only views reach it (process_exception): no middleware of this project reads or writes the
    default cache, so a page whose view does not either serves as usual. The sockets give up
    after half a second (settings.CACHES), so a hung Redis does not hold the worker either.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        # Django's RedisCache lets redis-py's errors through: refused or timed-out connections,
        # and a server that answers with an error (out of memory, a read-only replica).
        if not isinstance(exception, RedisError):
            return None
        logger.error(
            "Cache unavailable: %s %s refused with 503",
            request.method,
            request.path,
            exc_info=exception,
        )
        response = cache_unavailable(request)
        # Logged once, above, with the cause: not again as django.request's "Service Unavailable".
        response._has_been_logged = True
        return response
