"""Moderation in the practice network: a first post and a post with personal details wait for
a moderator, saying why; moderators approve or refuse with a reason, which is emailed; anyone
signed in can report, a moderator can hide; every step is recorded."""

import pytest

from movement.models import ModerationStep, Post, PracticeTest, Reply
from movement.services import ActionRefused
from movement.services.moderation import (
    FIRST_POST,
    post_approve,
    post_hide,
    post_refuse,
    post_report,
    post_show,
    reports_dismiss,
)
from movement.services.practice import (
    practice_test_post,
    practice_test_save,
    reply_add,
)
from tests.accounts.factories import UserFactory
from tests.movement.factories import MemberFactory, PracticeTestFactory

pytestmark = pytest.mark.django_db
State, Action = Post.State, ModerationStep.Action

FIELDS = {
    "title": "Asking children first",
    "what_we_will_try": "Asking the child what they want from the first visit.",
    "expected_change": "Children say more about what matters to them.",
    "why": "Direct work research suggests it.",
    "how_we_will_tell": "Count how many children raise a worry of their own.",
    "duration": "month",
}


def member():
    return MemberFactory().user


def posted(user, **fields):
    draft = practice_test_save(user=user, fields={**FIELDS, **fields})
    return practice_test_post(practice_test=draft, user=user, checklist=True)


def seasoned():
    """A member with a published post already, so that their next is not a first post."""
    user = member()
    PracticeTestFactory(author=user)
    return user


def steps(post):
    return list(
        ModerationStep.objects.filter(post_id=post.pk)
        .order_by("pk")
        .values_list("action", "reason")
    )


def test_a_persons_first_post_waits_for_a_moderator_and_says_why():
    practice_test = posted(member())
    assert practice_test.state == State.HELD
    assert practice_test.held_because == FIRST_POST
    assert not practice_test.is_visible
    assert steps(practice_test) == [(Action.HELD, FIRST_POST)]


def test_a_later_post_without_personal_details_is_published_at_once():
    practice_test = posted(seasoned())
    assert practice_test.state == State.APPROVED
    assert practice_test.published_at is not None
    assert steps(practice_test) == []


@pytest.mark.parametrize(
    ("field", "text", "reason"),
    [
        ("what_we_will_try", "Visit the family at 12 High Street first.", "an address"),
        ("why", "Her date of birth is 03/03/2015.", "a date of birth"),
        ("how_we_will_tell", "Ask the school on 0121 496 0000.", "a phone number"),
        ("expected_change", "Case no 1234567 will improve.", "a case or reference number"),
        ("title", "Near B1 1BB", "a postcode"),
    ],
)
def test_a_post_with_personal_details_waits_whoever_wrote_it(field, text, reason):
    practice_test = posted(seasoned(), **{field: text})
    assert practice_test.state == State.HELD
    assert reason in practice_test.held_because
    assert FIRST_POST not in practice_test.held_because


def test_a_reply_with_an_email_address_is_held():
    reply = reply_add(
        practice_test=PracticeTestFactory(), user=seasoned(), body="Mail me on a@b.example.org",
        checklist=True,
    )  # fmt: skip
    assert (reply.state, reply.held_because) == (State.HELD, "an email address")


def test_posting_needs_the_checklist_confirmed():
    user = member()
    draft = practice_test_save(user=user, fields=FIELDS)
    with pytest.raises(ActionRefused, match="does not identify a child"):
        practice_test_post(practice_test=draft, user=user, checklist=False)
    assert PracticeTest.objects.get(pk=draft.pk).state == State.DRAFT


def test_approving_publishes_records_and_emails_the_author(sent):
    practice_test = posted(member())
    moderator = UserFactory(is_staff=True)
    sent(lambda: post_approve(post=practice_test, by=moderator))
    practice_test.refresh_from_db()
    assert practice_test.is_visible
    assert practice_test.decided_by == moderator
    assert steps(practice_test)[-1] == (Action.APPROVED, "")
    [email] = sent.outbox
    assert email.to == [practice_test.author.email]
    assert email.subject == "Your practice test has been published"


def test_refusing_needs_a_reason_which_is_emailed(sent):
    practice_test = posted(member())
    moderator = UserFactory(is_staff=True)
    with pytest.raises(ActionRefused, match="Enter the reason"):
        post_refuse(post=practice_test, by=moderator, reason="  ")
    sent(
        lambda: post_refuse(
            post=practice_test, by=moderator, reason="It names the school the child attends."
        )
    )
    practice_test.refresh_from_db()
    assert practice_test.state == State.REFUSED
    assert steps(practice_test)[-1] == (Action.REFUSED, "It names the school the child attends.")
    [email] = sent.outbox
    assert email.subject == "Your practice test has not been published"
    assert "It names the school the child attends." in email.body


def test_only_a_held_post_can_be_approved_or_refused():
    practice_test = PracticeTestFactory()
    with pytest.raises(ActionRefused, match="not waiting for a moderator"):
        post_approve(post=practice_test, by=UserFactory(is_staff=True))


def test_anyone_signed_in_can_report_a_published_post_once():
    practice_test = PracticeTestFactory()
    reader = UserFactory()
    post_report(post=practice_test, by=reader, reason="It names a school.")
    with pytest.raises(ActionRefused, match="already reported"):
        post_report(post=practice_test, by=reader, reason="Again.")
    post_report(post=practice_test, by=UserFactory(), reason="It names a school too.")
    assert [action for action, _ in steps(practice_test)] == [Action.REPORTED, Action.REPORTED]


def test_a_report_needs_a_reason_and_a_published_post():
    with pytest.raises(ActionRefused, match="Enter why"):
        post_report(post=PracticeTestFactory(), by=UserFactory(), reason="")
    held = posted(member())
    with pytest.raises(ActionRefused, match="not published"):
        post_report(post=held, by=UserFactory(), reason="Names a child.")


def test_hiding_takes_a_post_down_closes_its_reports_and_tells_the_author(sent):
    practice_test = PracticeTestFactory()
    post_report(post=practice_test, by=UserFactory(), reason="It names a school.")
    moderator = UserFactory(is_staff=True)
    sent(lambda: post_hide(post=practice_test, by=moderator, reason="Names a school."))
    practice_test.refresh_from_db()
    assert not practice_test.is_visible
    assert not PracticeTest.objects.visible().filter(pk=practice_test.pk).exists()
    assert not ModerationStep.objects.filter(action=Action.REPORTED, resolved_at=None).exists()
    assert sent.outbox[0].subject == "A moderator has hidden your practice test"
    post_show(post=practice_test, by=moderator)
    practice_test.refresh_from_db()
    assert practice_test.is_visible
    assert [a for a, _ in steps(practice_test)] == [Action.REPORTED, Action.HIDDEN, Action.SHOWN]


def test_a_moderator_can_leave_a_reported_post_up():
    reply = Reply.objects.create(
        practice_test=PracticeTestFactory(), author=seasoned(), body="Fine.", state=State.APPROVED
    )
    post_report(post=reply, by=UserFactory(), reason="Rude.")
    assert reports_dismiss(post=reply, by=UserFactory(is_staff=True)) == 1
    assert reply.is_visible


def test_readers_see_only_published_posts_and_authors_also_their_own():
    author = member()
    held = posted(author)
    published = PracticeTestFactory()
    reader = UserFactory()
    assert list(PracticeTest.objects.visible_to(reader)) == [published]
    assert set(PracticeTest.objects.visible_to(author)) == {held, published}
