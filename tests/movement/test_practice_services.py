"""Taking part in a practice test: updates and the finding from its author, "I'm trying this
too" and others' findings, and following, with news emailed to followers and a one-click
unfollow link that needs no sign-in."""

import pytest

from movement.models import Finding, Follow, Post, PracticeTest, Trial
from movement.services import ActionRefused
from movement.services.moderation import post_approve
from movement.services.practice import (
    finding_add,
    follow,
    member_save,
    practice_test_save,
    practice_update_add,
    reply_add,
    trial_finding_add,
    trial_start,
    unfollow,
)
from tests.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.movement.factories import MemberFactory, PracticeTestFactory
from tests.movement.test_practice_moderation import FIELDS, seasoned

pytestmark = pytest.mark.django_db
State = Post.State


def test_a_member_shows_their_organisation_only_if_they_choose_one_of_their_own():
    user = UserFactory()
    own = MembershipFactory(user=user).organisation
    member = member_save(user=user, display_name="Sam", role="Social worker", organisation=own)
    assert (member.organisation, member.show_organisation) == (own, False)
    member = member_save(
        user=user,
        display_name="Sam",
        role="Social worker",
        organisation=own,
        show_organisation=True,
    )
    assert member.show_organisation
    with pytest.raises(ActionRefused, match="your own organisations"):
        member_save(user=user, display_name="Sam", role="SW", organisation=OrganisationFactory())


def test_posting_anything_needs_a_name_and_role_to_show():
    with pytest.raises(ActionRefused, match="name and role"):
        reply_add(
            practice_test=PracticeTestFactory(), user=UserFactory(), body="Hi", checklist=True
        )


def test_only_the_author_changes_a_draft_and_a_posted_test_keeps_its_words():
    author = MemberFactory().user
    draft = practice_test_save(user=author, fields=FIELDS)
    with pytest.raises(ActionRefused, match="Only the author"):
        practice_test_save(user=UserFactory(), fields=FIELDS, practice_test=draft)
    posted = PracticeTestFactory(author=author)
    with pytest.raises(ActionRefused, match="Add an update instead"):
        practice_test_save(user=author, fields=FIELDS, practice_test=posted)


def test_an_update_is_emailed_to_followers_with_a_link_to_unfollow(sent):
    author = seasoned()
    practice_test = PracticeTestFactory(author=author)
    reader = UserFactory()
    follow(practice_test=practice_test, user=reader)
    sent(
        lambda: practice_update_add(
            practice_test=practice_test, user=author, body="Week 2: three children said more.",
            checklist=True,
        )
    )  # fmt: skip
    [email] = sent.outbox
    assert email.to == [reader.email]
    assert email.subject == f"New update on {practice_test.title}"
    token = Follow.objects.get(user=reader).token
    assert f"/movement/practice/unfollow/{token}/" in email.body
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_held_update_reaches_followers_only_when_approved(sent):
    author = seasoned()
    practice_test = PracticeTestFactory(author=author)
    follow(practice_test=practice_test, user=UserFactory())
    update = sent(
        lambda: practice_update_add(
            practice_test=practice_test, user=author, body="Met her at 12 High Street.",
            checklist=True,
        )
    )  # fmt: skip
    assert update.state == State.HELD
    assert sent.outbox == []
    sent(lambda: post_approve(post=update, by=UserFactory(is_staff=True)))
    subjects = sorted(email.subject for email in sent.outbox)
    assert subjects == [f"New update on {practice_test.title}", "Your update has been published"]


def test_unfollowing_by_the_token_needs_no_sign_in_and_is_harmless_twice():
    practice_test = PracticeTestFactory()
    token = follow(practice_test=practice_test, user=UserFactory()).token
    assert unfollow(token=token) == practice_test
    assert unfollow(token=token) is None
    assert not Follow.objects.exists()


def test_the_finding_finishes_the_test_and_stops_updates():
    author = seasoned()
    practice_test = PracticeTestFactory(author=author)
    finding = finding_add(
        practice_test=practice_test, user=author, result="helped",
        reflection="Most children said more when asked first.", checklist=True,
    )  # fmt: skip
    assert finding.state == State.APPROVED
    with pytest.raises(ActionRefused, match="already added"):
        finding_add(
            practice_test=practice_test, user=author, result="unclear", reflection="x",
            checklist=True,
        )  # fmt: skip
    with pytest.raises(ActionRefused, match="has finished"):
        practice_update_add(practice_test=practice_test, user=author, body="More", checklist=True)
    assert PracticeTest.objects.filter(finding__state=State.APPROVED).get() == practice_test


def test_others_try_it_too_and_each_adds_their_own_finding():
    practice_test = PracticeTestFactory()
    first, second = MemberFactory().user, seasoned()
    trial = trial_start(practice_test=practice_test, user=first)
    trial_start(practice_test=practice_test, user=second)
    with pytest.raises(ActionRefused, match="already trying"):
        trial_start(practice_test=practice_test, user=first)
    with pytest.raises(ActionRefused, match="your own practice test"):
        trial_start(practice_test=practice_test, user=practice_test.author)
    assert Follow.objects.filter(practice_test=practice_test).count() == 2
    found = trial_finding_add(
        trial=trial, user=first, result="did_not", reflection="No change.", checklist=True
    )
    assert found.state == State.HELD  # the first thing they have said
    assert practice_test.trials.count() == 2
    with pytest.raises(ActionRefused, match="Only the person trying it"):
        trial_finding_add(trial=trial, user=second, result="helped", reflection="x", checklist=True)


def test_saying_im_trying_this_too_does_not_count_as_a_first_post():
    user = MemberFactory().user
    trial_start(practice_test=PracticeTestFactory(), user=user)
    reply = reply_add(practice_test=PracticeTestFactory(), user=user, body="Good.", checklist=True)
    assert reply.state == State.HELD


def test_a_test_that_is_not_published_takes_no_replies_trials_or_follows():
    held = PracticeTestFactory(state=State.HELD)
    user = seasoned()
    for attempt in (
        lambda: reply_add(practice_test=held, user=user, body="Hi", checklist=True),
        lambda: trial_start(practice_test=held, user=user),
        lambda: follow(practice_test=held, user=user),
    ):
        with pytest.raises(ActionRefused, match="not published"):
            attempt()
    assert not Trial.objects.exists() and not Finding.objects.exists()
