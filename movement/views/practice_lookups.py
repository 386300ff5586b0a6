"""How the practice network's views find a test: through querysets scoped to the person, so a
test they may not see, or may not change, gives 404."""

from allauth.core import ratelimit
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from movement.models import Member, PracticeTest
from movement.models.moderation import Post

State = Post.State
# Rates in settings.ACCOUNT_RATE_LIMITS; with no rate set, allauth lets every request through.
POSTING, REPLYING = "movement_post", "movement_reply"


def test_seen_by(request: HttpRequest, pk: int) -> PracticeTest:
    """A published test, or one of the person's own whatever its state."""
    return get_object_or_404(PracticeTest.objects.visible_to(request.user), pk=pk)


def visible_test(pk: int) -> PracticeTest:
    """A published test: what anyone can take part in."""
    return get_object_or_404(PracticeTest.objects.visible(), pk=pk)


def own_test(request: HttpRequest, pk: int) -> PracticeTest:
    """One of the person's own tests, in any state; anyone else's gives 404."""
    return get_object_or_404(PracticeTest.objects.filter(author=request.user), pk=pk)


def is_member(request: HttpRequest) -> bool:
    return Member.objects.filter(user=request.user).exists()


def over_the_limit(request: HttpRequest, action: str) -> HttpResponse | None:
    """The 429 page once the person has posted too often; None while they may go on."""
    if ratelimit.consume(request, action=action, user=request.user):
        return None
    return ratelimit.respond_429(request)


def submitted(request: HttpRequest):
    """A POST's form data, even when empty: `request.POST or None` would leave an empty form
    unbound, and so without its errors."""
    return request.POST if request.method == "POST" else None
