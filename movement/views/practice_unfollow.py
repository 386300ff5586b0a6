"""Stop following a test from the link in one of its emails, without signing in."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from movement.models import Follow
from movement.services.practice import unfollow


# A mail client's one-click unsubscribe (RFC 8058) POSTs "List-Unsubscribe=One-Click" to this
# link with no cookie and no CSRF token, so the check cannot apply. The unguessable token in
# the URL is the only credential, and all it allows is to stop the emails it was sent with.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def practice_unfollow(request: HttpRequest, token) -> HttpResponse:
    found = Follow.objects.filter(token=token).select_related("practice_test").first()
    if request.method == "POST":
        practice_test = unfollow(token=token)
        context = {"practice_test": practice_test, "done": practice_test is not None}
        return render(request, "movement/practice/unfollow.html", context)
    context = {"practice_test": found.practice_test if found else None, "done": False}
    return render(request, "movement/practice/unfollow.html", context)
