"""Taking part: the author's updates and finding, others' replies, "I'm trying this too" and
their findings, following and unfollowing (also by an email's link, signed out), reporting a
post, and putting a test forward to PINE."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from movement.models import Finding, Follow, ModerationStep, Post, PracticeUpdate, Reply, Trial
from pine.models import Application
from tests.accounts.factories import MembershipFactory
from tests.movement.factories import MemberFactory, PracticeTestFactory
from tests.movement.practice_factories import FollowFactory, ReplyFactory, TrialFactory
from tests.movement.test_practice_moderation import seasoned
from tests.pine.factories import CallFactory

pytestmark = pytest.mark.django_db
State = Post.State


@pytest.fixture(autouse=True)
def _fresh_rate_counts():
    cache.clear()
    yield
    cache.clear()


def url(name: str, test, *args) -> str:
    return reverse(f"movement:{name}", args=[test.pk, *args])


def test_the_author_adds_an_update_published_at_once_when_seasoned(client):
    test = PracticeTestFactory()
    client.force_login(test.author)
    response = client.post(
        url("practice_update_add", test), {"body": "Week two.", "checklist": "on"}, follow=True
    )
    assert "Your update has been published." in response.content.decode()
    assert PracticeUpdate.objects.get().state == State.APPROVED


def test_an_update_with_a_phone_number_waits_and_says_why(client):
    test = PracticeTestFactory()
    client.force_login(test.author)
    response = client.post(
        url("practice_update_add", test),
        {"body": "Call me on 07700 900123.", "checklist": "on"},
        follow=True,
    )
    assert "waiting for a moderator, because a phone number" in response.content.decode()


def test_an_update_needs_its_one_line_checklist(client):
    test = PracticeTestFactory()
    client.force_login(test.author)
    response = client.post(url("practice_update_add", test), {"body": "Week two."})
    assert "Confirm that your post does not identify anyone" in response.content.decode()
    assert not PracticeUpdate.objects.exists()


def test_only_the_author_adds_updates_and_a_finding(client):
    test = PracticeTestFactory()
    client.force_login(MemberFactory().user)
    assert client.get(url("practice_update_add", test)).status_code == 404
    assert client.post(url("practice_finding_add", test), {}).status_code == 404


def test_the_author_adds_what_they_found_and_the_test_finishes(client):
    test = PracticeTestFactory()
    client.force_login(test.author)
    client.post(
        url("practice_finding_add", test),
        {"result": "helped", "reflection": "It helped.", "checklist": "on"},
    )
    assert Finding.objects.get().result == "helped"
    page = client.get(test.get_absolute_url()).content.decode()
    assert "Finished" in page
    assert url("practice_update_add", test) not in page


def test_a_bad_result_choice_gets_a_govuk_error(client):
    test = PracticeTestFactory()
    client.force_login(test.author)
    response = client.post(
        url("practice_finding_add", test),
        {"result": "brilliant", "reflection": "x", "checklist": "on"},
    )
    assert "Select what you found from the list." in response.content.decode()


def test_a_member_replies_and_a_long_reply_is_refused_plainly(client):
    test = PracticeTestFactory()
    client.force_login(seasoned())
    response = client.post(url("practice_reply_add", test), {"body": "x" * 3001, "checklist": "on"})
    assert "Your reply must be 3,000 characters or fewer." in response.content.decode()
    client.post(url("practice_reply_add", test), {"body": "Same here.", "checklist": "on"})
    assert Reply.objects.get().state == State.APPROVED


def test_replying_without_a_profile_asks_for_one_first(client):
    test = PracticeTestFactory()
    client.force_login(MembershipFactory().user)
    response = client.post(url("practice_reply_add", test), {"body": "Hi", "checklist": "on"})
    assert response["Location"].startswith(reverse("movement:member_edit"))
    assert not Reply.objects.exists()


def test_replying_too_often_gets_the_429_page(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "movement_reply": "1/h/user"}
    test = PracticeTestFactory()
    client.force_login(seasoned())
    data = {"body": "Same here.", "checklist": "on"}
    assert client.post(url("practice_reply_add", test), data).status_code == 302
    assert client.post(url("practice_reply_add", test), data).status_code == 429
    assert Reply.objects.count() == 1


def test_nobody_replies_to_a_test_that_is_not_published(client):
    draft = PracticeTestFactory(state=State.DRAFT, published_at=None)
    client.force_login(draft.author)
    assert client.post(url("practice_reply_add", draft), {"body": "x"}).status_code == 404


def test_trying_it_too_then_adding_what_you_found(client):
    test = PracticeTestFactory()
    tryer = seasoned()
    client.force_login(tryer)
    assert client.get(url("practice_trial_start", test)).status_code == 405
    client.post(url("practice_trial_start", test))
    trial = Trial.objects.get(author=tryer)
    assert Follow.objects.filter(practice_test=test, user=tryer).exists()
    page = client.get(test.get_absolute_url()).content.decode()
    assert "1 person is trying this" in page
    client.post(
        url("practice_trial_finding_add", test),
        {"result": "unclear", "reflection": "Too early to say.", "checklist": "on"},
    )
    trial.refresh_from_db()
    assert (trial.result, trial.state) == ("unclear", State.APPROVED)
    assert "Too early to say." in client.get(test.get_absolute_url()).content.decode()


def test_only_someone_trying_it_adds_a_trial_finding(client):
    test = PracticeTestFactory()
    TrialFactory(practice_test=test)
    client.force_login(MemberFactory().user)
    assert client.get(url("practice_trial_finding_add", test)).status_code == 404


def test_following_and_stopping_when_signed_in(client):
    test = PracticeTestFactory()
    user = MemberFactory().user
    client.force_login(user)
    client.post(url("practice_follow", test))
    assert Follow.objects.filter(practice_test=test, user=user).exists()
    response = client.post(url("practice_follow_delete", test), follow=True)
    assert not Follow.objects.filter(practice_test=test, user=user).exists()
    assert f"You are no longer following {test.title}." in response.content.decode()


def test_the_emails_link_unfollows_without_signing_in(client):
    follow = FollowFactory()
    path = reverse("movement:practice_unfollow", args=[follow.token])
    page = client.get(path).content.decode()
    assert f"Stop following {follow.practice_test.title}?" in page
    assert Follow.objects.exists()
    page = client.post(path).content.decode()
    assert "You have stopped following" in page
    assert not Follow.objects.exists()


def test_a_mail_clients_one_click_post_unfollows_without_a_csrf_token(client):
    follow = FollowFactory()
    client.handler.enforce_csrf_checks = True
    response = client.post(
        reverse("movement:practice_unfollow", args=[follow.token]),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Follow.objects.exists()


def test_an_unknown_or_used_unfollow_link_says_you_are_not_following(client):
    path = reverse("movement:practice_unfollow", args=["00000000-0000-4000-8000-000000000000"])
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 200
        assert "You are not following this test" in response.content.decode()


def test_anyone_signed_in_reports_a_post_with_a_reason(client):
    reply = ReplyFactory()
    test = reply.practice_test
    client.force_login(MemberFactory().user)
    path = url("practice_report", test, "reply", reply.pk)
    assert reply.body in client.get(path).content.decode()
    assert "Enter why you are reporting this post." in client.post(path, {}).content.decode()
    client.post(path, {"reason": "It names a school."})
    step = ModerationStep.objects.get(action=ModerationStep.Action.REPORTED)
    assert (step.kind, step.post_id, step.reason) == ("reply", reply.pk, "It names a school.")


def test_reporting_another_tests_post_or_an_unknown_kind_is_404(client):
    reply = ReplyFactory()
    other = PracticeTestFactory()
    client.force_login(MemberFactory().user)
    assert client.get(url("practice_report", other, "reply", reply.pk)).status_code == 404
    assert client.get(url("practice_report", other, "nonsense", reply.pk)).status_code == 404
    assert (
        client.get(url("practice_report", other, "test", reply.practice_test.pk)).status_code == 404
    )


def test_putting_forward_starts_a_draft_application_and_opens_its_task_list(client):
    CallFactory()
    test = PracticeTestFactory()
    organisation = MembershipFactory(user=test.author).organisation
    client.force_login(test.author)
    page = client.get(url("practice_put_forward", test)).content.decode()
    assert "What happens next" in page
    response = client.post(url("practice_put_forward", test), {})
    application = Application.objects.get()
    assert application.organisation == organisation
    assert response["Location"] == application.get_absolute_url()


def test_putting_forward_says_plainly_why_it_cannot(client):
    test = PracticeTestFactory()
    MembershipFactory(user=test.author)
    client.force_login(test.author)
    page = client.post(url("practice_put_forward", test), {}).content.decode()
    assert "PINE has no call open just now" in page
    assert not Application.objects.exists()


def test_with_two_organisations_the_author_chooses_one_of_their_own(client):
    CallFactory()
    test = PracticeTestFactory()
    first = MembershipFactory(user=test.author).organisation
    MembershipFactory(user=test.author)
    stranger = MembershipFactory().organisation
    client.force_login(test.author)
    response = client.post(url("practice_put_forward", test), {"organisation": stranger.pk})
    assert "Select the organisation that is applying." in response.content.decode()
    client.post(url("practice_put_forward", test), {"organisation": first.pk})
    assert Application.objects.get().organisation == first
