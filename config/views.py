"""Project-wide views: the start page, statement pages, the health check and error pages."""

import logging
import sys

from django.conf import settings
from django.db import Error as DatabaseError
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Answer 200 after a database round trip, 503 if the database cannot be reached.

    It touches no session and renders no template, so it stays cheap for load balancers.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("Health check failed: the database is unreachable", exc_info=True)
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Explain a failed form security check in plain words, inside the site's own layout."""
    logger.info("CSRF check failed", extra={"reason": reason, "path": request.path})
    return render(request, "403_csrf.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, with the contact address but nothing that could touch the database.

    If the error is that the database cannot be reached, say so with 503 and Retry-After:
    the request was not the problem, and trying again soon will work.
    """
    context = {"contact_email": settings.CONTACT_EMAIL}
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        html = loader.get_template("503.html").render(context)
        response = HttpResponse(html, status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render(context))
