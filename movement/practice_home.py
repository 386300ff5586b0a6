"""The practice network's section of the account home: the person's own practice tests, as
drafts, waiting for a moderator (with why), not published (with the reason), and published.
One query, however many tests. Registered in MovementConfig.ready()."""

from accounts.account_home import Section
from accounts.models import User
from movement.models import PracticeTest
from movement.models.moderation import Post

PRACTICE_ORDER = 40
State = Post.State


def practice_section(user: User) -> Section | None:
    """Left out for someone who has never started a practice test."""
    tests = list(PracticeTest.objects.filter(author=user).order_by("-updated_at", "-pk"))
    if not tests:
        return None
    by_state = {state: [t for t in tests if t.state == state] for state in State.values}
    return Section(
        "movement/practice/includes/account_home_practice.html",
        {
            "drafts": by_state[State.DRAFT],
            "held": by_state[State.HELD],
            "refused": by_state[State.REFUSED],
            "published": by_state[State.APPROVED],
        },
    )
