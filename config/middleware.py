"""Middleware for the whole project."""

from collections.abc import Callable

from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse


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
