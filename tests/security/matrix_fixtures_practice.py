"""The practice network's objects for the authorisation matrix: a published test and a draft
by member A, a reply on it by member B, who is also trying it, and member A following it; and
a second reply by member B, waiting for a moderator.

build_world() adds them with `**practice(users)`; organisation A's member is the author, so
everyone else shows what someone else's test gives.
"""

from movement.models import ModerationStep, Post
from movement.services.moderation import FIRST_POST, record
from tests.movement.factories import MemberFactory, PracticeTestFactory
from tests.movement.practice_factories import FollowFactory, ReplyFactory, TrialFactory

State = Post.State
PRIVATE_PRACTICE = {
    "practice_draft_title": "Practice draft Tamarind",
}


def practice(users: dict) -> dict:
    author, other = users["memA"], users["memB"]
    MemberFactory(user=author, display_name="Member A")
    MemberFactory(user=other, display_name="Member B")
    published = PracticeTestFactory(author=author, title="Practice test Juniper")
    draft = PracticeTestFactory(
        author=author,
        state=State.DRAFT,
        published_at=None,
        title=PRIVATE_PRACTICE["practice_draft_title"],
    )
    reply = ReplyFactory(practice_test=published, author=other)
    TrialFactory(practice_test=published, author=other)
    follow = FollowFactory(practice_test=published, user=author)
    held = ReplyFactory(practice_test=published, author=other, state=State.HELD, published_at=None)
    step = record(held, ModerationStep.Action.HELD, by=None, reason=FIRST_POST)
    return {
        **PRIVATE_PRACTICE,
        "practice_author_email": author.email,
        "practice_test_id": published.pk,
        "practice_draft_id": draft.pk,
        "practice_reply_id": reply.pk,
        "practice_follow_token": follow.token,
        "practice_held_reply_id": held.pk,
        "moderation_step_id": step.pk,
    }
