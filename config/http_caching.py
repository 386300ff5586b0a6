"""Public caching of the pages every anonymous visitor gets alike: Cache-Control, ETag and 304s.

Pages for someone signed in are marked `private, no-store` by accounts/middleware.py instead.
"""

import hashlib
import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

# Five minutes: a CDN absorbs a burst of visitors and a browser going back and forth through
# results reuses its copy, yet a corrected rating or a withdrawn intervention reaches everyone
# within five minutes of being published. After that the ETag lets them check cheaply.
PUBLIC_MAX_AGE = 300

NONCE = re.compile(r"'nonce-([^']+)'")


def is_the_same_for_everyone(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether any anonymous visitor would have been sent this page, so anyone may cache it.

    A request without a session cookie has an empty session, so nothing in the page came from
    it (the page still varies on the cookie: Vary: Cookie keeps signed-in visitors apart). A page
    that used its CSRF token, stored a message or started a session sets a cookie. A page that
    chose its own Cache-Control keeps it. Streamed responses (the CSV exports) are left alone.
    """
    return (
        request.method in ("GET", "HEAD")
        and response.status_code == 200
        and not response.streaming
        and not response.has_header("Cache-Control")
        and not response.cookies
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        # Shared caches may store a response to credentials when it says `public` (RFC 9111).
        and "HTTP_AUTHORIZATION" not in request.META
    )


def page_etag(response: HttpResponse) -> str:
    """A weak ETag of the page without its CSP nonce, which is the one part new every time."""
    body = response.content
    nonce = NONCE.search(response.get("Content-Security-Policy", ""))
    if nonce:
        body = body.replace(nonce.group(1).encode(), b"")
    return f'W/"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"'


class PublicPageCachingMiddleware:
    """Mark pages that are the same for everyone `public, max-age=300` with an ETag.

    A request whose If-None-Match holds that ETag is answered 304 Not Modified, without the body
    and without a Content-Security-Policy: the browser keeps the policy that came with its copy,
    whose nonce matches that copy's scripts. The page is still rendered to compute the ETag.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not is_the_same_for_everyone(request, response):
            return response
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        response["ETag"] = page_etag(response)
        # Said here as well as by the compression above, which leaves a 304 alone: a cache takes
        # the 304's Vary for its copy, and a gzipped copy must still vary on Accept-Encoding.
        patch_vary_headers(response, ("Accept-Encoding",))
        return get_conditional_response(request, etag=response["ETag"], response=response)
