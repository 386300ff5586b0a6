"""Middleware for the whole project."""

from collections.abc import Callable
from urllib.parse import urlsplit

from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from core.uploads import MAX_REQUEST_BYTES


class NullCharacterInRequest(SuspiciousOperation):
    pass


def _headers(request: HttpRequest):
    for key, value in request.META.items():
        if key.startswith("HTTP_") or key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            yield key, value


class RejectNullCharactersMiddleware:
    """Answer 400 to a query string or header holding a NUL character.

    No page needs one, and PostgreSQL refuses NUL in text, so a filter passed on to the database
    (as the admin's list filters are) or a header that is stored (the browser, at sign-in)
    would otherwise fail with a 500. Form fields already refuse NUL through Django's own
    validator, and a session cookie that holds one counts as no session (accounts/sessions.py).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.META.get("QUERY_STRING", "") or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise NullCharacterInRequest("A NUL character in the query string.")
        if any("\x00" in str(value) for _key, value in _headers(request)):
            raise NullCharacterInRequest("A NUL character in a header.")
        return self.get_response(request)


class RefuseOversizeBodiesMiddleware:
    """Answer 413 to a request that says its body is larger than any form here takes.

    It runs before any view, and before CsrfViewMiddleware looks for the token, which would
    parse the body (storing its files) on the admin's pages as on every other. So an oversize
    upload is refused without being read, wherever it is sent.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > MAX_REQUEST_BYTES:
            return render(request, "413.html", {"back_url": _back_url(request)}, status=413)
        return self.get_response(request)


def _back_url(request: HttpRequest) -> str:
    """The page the form was on, when the browser says and it is on this site."""
    referer = request.headers.get("Referer", "")
    if url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        parts = urlsplit(referer)
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return "/"


# What gzip shrinks several times over. Uploaded PDFs, office files and images are compressed
# already: they are sent as they are, with their length, and straight from the file.
COMPRESSIBLE_TYPES = ("text/", "application/json")


class TextGZipMiddleware(GZipMiddleware):
    """Django's gzip compression, for text only: pages, CSV exports, calendars and JSON.

    Streamed responses (the exports) stay streamed, compressed a chunk at a time. Against BREACH,
    Django adds up to 100 random bytes to every compressed response, so its length does not tell
    whether a guess matched, and masks the CSRF token afresh each time (docs/security.md).
    """

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if not response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES):
            return response
        return super().process_response(request, response)
