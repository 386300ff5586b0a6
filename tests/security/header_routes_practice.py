"""The header tests' ROUTES entries for the practice network, /movement/practice/, and the
objects they need: `practice_world(applicant)` gives the World's practice_* attributes.

The applicant is a member of the network who wrote a published test and a draft, and is
trying someone else's test."""

from movement.models import ModerationStep, Post
from movement.services.moderation import FIRST_POST, record
from tests.movement.factories import MemberFactory, PracticeTestFactory
from tests.movement.practice_factories import FollowFactory, ReplyFactory, TrialFactory
from tests.security.header_visits import ANONYMOUS, APPLICANT, Visit, other, page, post_only


def practice_world(applicant) -> dict:
    MemberFactory(user=applicant)
    test = PracticeTestFactory(author=applicant)
    theirs = PracticeTestFactory()
    TrialFactory(practice_test=theirs, author=applicant)
    # A reply waiting for a moderator, for the moderation pages of the admin.
    held = ReplyFactory(practice_test=test, state=Post.State.HELD, published_at=None)
    record(held, ModerationStep.Action.HELD, by=None, reason=FIRST_POST)
    return {
        "practice_held_reply": held,
        "practice_test": test,
        "practice_draft": PracticeTestFactory(
            author=applicant, state=Post.State.DRAFT, published_at=None
        ),
        "practice_reply": ReplyFactory(practice_test=test),
        "practice_tried": theirs,
        "practice_follow": FollowFactory(practice_test=test),
    }


def _at(name: str, tail: str = ""):
    return lambda w: f"{getattr(w, name).get_absolute_url()}{tail}"


PRACTICE_ROUTES: dict[str, list[Visit]] = {
    "movement:practice_list": [page(ANONYMOUS, lambda w: "/movement/practice/?q=children")],
    "movement:practice_feed": [
        other(
            ANONYMOUS,
            lambda w: "/movement/practice/feed/",
            "the Atom feed of new findings",
            content_type="application/atom+xml",
        )
    ],
    "movement:practice_detail": [page(ANONYMOUS, _at("practice_test"))],
    "movement:practice_unfollow": [
        page(ANONYMOUS, lambda w: f"/movement/practice/unfollow/{w.practice_follow.token}/")
    ],
    "movement:member_edit": [page(APPLICANT, lambda w: "/movement/practice/profile/")],
    "movement:practice_create": [page(APPLICANT, lambda w: "/movement/practice/new/")],
    "movement:practice_edit": [page(APPLICANT, _at("practice_draft", "edit/"))],
    "movement:practice_check": [page(APPLICANT, _at("practice_draft", "check/"))],
    "movement:practice_update_add": [page(APPLICANT, _at("practice_test", "updates/new/"))],
    "movement:practice_finding_add": [page(APPLICANT, _at("practice_test", "finding/"))],
    "movement:practice_put_forward": [page(APPLICANT, _at("practice_test", "put-forward/"))],
    "movement:practice_reply_add": [page(APPLICANT, _at("practice_test", "replies/"))],
    "movement:practice_trial_start": [post_only(APPLICANT, _at("practice_test", "trying/"))],
    "movement:practice_trial_finding_add": [
        page(APPLICANT, _at("practice_tried", "trying/finding/"))
    ],
    "movement:practice_follow": [post_only(APPLICANT, _at("practice_test", "follow/"))],
    "movement:practice_follow_delete": [post_only(APPLICANT, _at("practice_test", "unfollow/"))],
    "movement:practice_report": [
        page(
            APPLICANT,
            lambda w: f"{w.practice_test.get_absolute_url()}report/reply/{w.practice_reply.pk}/",
        )
    ],
}
