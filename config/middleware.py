"""Middleware for the whole project."""

from collections.abc import Callable

from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse


class NullCharacterInQueryString(SuspiciousOperation):
    pass


class RejectNullCharactersMiddleware:
    """Answer 400 to a query string holding a NUL character.

    No page needs one, and PostgreSQL refuses NUL in text, so a filter passed on to the database
    (as the admin's list filters are) would otherwise fail with a 500. Form fields already refuse
    NUL through Django's own validator.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.META.get("QUERY_STRING", "") or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise NullCharacterInQueryString("A NUL character in the query string.")
        return self.get_response(request)
