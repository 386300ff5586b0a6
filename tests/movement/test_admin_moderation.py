"""Moderation in the admin: the queue holds every held post of every kind, oldest first, in one
query per kind; each step calls its service and is recorded; a refusal needs a reason; reports
stay open until a post is hidden or left up; and nobody but a moderator opens these pages."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from movement.admin.practice import moderation_links
from movement.models import Finding, ModerationStep, Post, PracticeTest, PracticeUpdate, Reply
from movement.services.moderation import FIRST_POST, KIND_OF, post_hide, post_report
from movement.services.practice import (
    finding_add,
    practice_test_post,
    practice_test_save,
    practice_update_add,
    reply_add,
    trial_finding_add,
    trial_start,
)
from tests.accounts.factories import UserFactory
from tests.accounts.journeys import sign_in_with_two_factor
from tests.movement.factories import MemberFactory, PracticeTestFactory
from tests.pine.factories import manager, staff_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_two_factor_gate")]
State, Action = Post.State, ModerationStep.Action
QUEUE = "/admin/movement/practicetest/moderation/"
HIDDEN = f"{QUEUE}hidden/"
FIELDS = {
    "title": "Asking children first",
    "what_we_will_try": "Asking the child what they want from the first visit.",
    "expected_change": "Children say more about what matters to them.",
    "why": "Direct work research suggests it.",
    "how_we_will_tell": "Count how many children raise a worry of their own.",
    "duration": "month",
}


@pytest.fixture
def moderator(client):
    user = staff_in("Movement moderators")
    MemberFactory(user=user, display_name="Mo Moderator")
    client.force_login(user)
    return user


def member(name: str = ""):
    return (MemberFactory(display_name=name) if name else MemberFactory()).user


def step_url(kind: str, post: Post, step: str) -> str:
    return f"{QUEUE}{kind}/{post.pk}/{step}/"


def held_test(title: str = "Asking children first") -> PracticeTest:
    """A first post: it waits for a moderator."""
    author = member()
    draft = practice_test_save(user=author, fields={**FIELDS, "title": title})
    return practice_test_post(practice_test=draft, user=author, checklist=True)


def held_of_every_kind(n: int) -> list[Post]:
    """A held test, update, finding, reply and finding of someone trying it, made in that order."""
    test = held_test(f"Held test {n}")
    published = PracticeTestFactory()
    update = practice_update_add(
        practice_test=published,
        user=published.author,
        body=f"Update {n}: I rang the school on 0121 496 0000 to check.",
        checklist=True,
    )
    finished = PracticeTestFactory()
    finding = finding_add(
        practice_test=finished,
        user=finished.author,
        result="helped",
        reflection=f"Finding {n}: it helped in case ref 123456.",
        checklist=True,
    )
    reply = reply_add(
        practice_test=published, user=member(), body=f"Reply {n}: we do this too.", checklist=True
    )
    trier = member()
    trial = trial_start(practice_test=published, user=trier)
    trial = trial_finding_add(
        trial=trial,
        user=trier,
        result="unclear",
        reflection=f"Trial {n}: hard to tell.",
        checklist=True,
    )
    return [test, update, finding, reply, trial]


def steps_of(post: Post) -> list[tuple[str, str]]:
    return list(
        ModerationStep.objects.filter(post_id=post.pk, kind=kind_of(post))
        .order_by("pk")
        .values_list("action", "reason")
    )


def kind_of(post: Post) -> str:
    return KIND_OF[type(post)].value


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_queue_shows_held_posts_of_every_kind_oldest_first_saying_why(client, moderator):
    posts = held_of_every_kind(1)
    text = page(client, QUEUE)
    assert "Waiting for a moderator (5)" in text
    found = [
        "Held test 1",
        "Update 1: I rang the school",
        "Finding 1: it helped",
        "Reply 1: we do this too.",
        "Trial 1: hard to tell.",
    ]
    positions = [text.index(words) for words in found]
    assert positions == sorted(positions)
    assert f"Why it waits: {FIRST_POST}." in text
    assert "Why it waits: a phone number." in text
    assert "Why it waits: a case or reference number." in text
    for post in posts:
        assert step_url(kind_of(post), post, "approve") in text
        assert step_url(kind_of(post), post, "refuse") in text
    # Each post names the practice test it belongs to.
    assert text.count(f"on “{posts[1].practice_test.title}”") == 3


def test_the_queue_makes_one_query_per_kind_however_many_are_held(client, moderator):
    held_of_every_kind(1)
    page(client, QUEUE)  # the first page of a session reads more of it
    with CaptureQueriesContext(connection) as few:
        page(client, QUEUE)
    for n in range(2, 5):
        held_of_every_kind(n)
    post_report(post=PracticeTestFactory(), by=member(), reason="It names a school.")
    post_report(post=PracticeTestFactory(), by=member(), reason="It names a team.")
    with CaptureQueriesContext(connection) as many:
        text = page(client, QUEUE)
    assert "Waiting for a moderator (20)" in text and "Reported (2)" in text
    # The reports add one query for the reports and one for the kind reported.
    assert len(many) == len(few) + 2, [q["sql"] for q in many]


def test_approving_calls_the_service_records_the_step_and_emails_the_author(
    client, moderator, sent
):
    post = held_test()
    response = sent(lambda: client.post(step_url("test", post, "approve")))
    assert response.status_code == 302 and response.url == QUEUE
    post.refresh_from_db()
    assert post.state == State.APPROVED and post.decided_by == moderator
    assert steps_of(post)[-1] == (Action.APPROVED, "")
    [email] = sent.outbox
    assert email.to == [post.author.email]
    assert "approved and published" in page(client, QUEUE)


def test_refusing_without_a_reason_shows_the_error_and_changes_nothing(client, moderator, sent):
    post = held_test()
    response = sent(lambda: client.post(step_url("test", post, "refuse"), {"reason": "  "}))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Enter the reason, so that the author knows what to change." in text
    assert "errornote" in text and "<title>Error: Refuse: practice test by" in text
    post.refresh_from_db()
    assert post.state == State.HELD
    assert steps_of(post) == [(Action.HELD, FIRST_POST)]
    assert sent.outbox == []


def test_refusing_with_a_reason_records_it_and_emails_it_to_the_author(client, moderator, sent):
    reply = held_of_every_kind(1)[3]
    reason = "Please leave out the name of the school."
    response = sent(lambda: client.post(step_url("reply", reply, "refuse"), {"reason": reason}))
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.state == State.REFUSED and reply.refusal_reason == reason
    assert steps_of(reply)[-1] == (Action.REFUSED, reason)
    [email] = sent.outbox
    assert email.to == [reply.author.email] and reason in email.body


@pytest.mark.parametrize("index", range(5))
def test_each_kind_of_held_post_can_be_approved(client, moderator, index):
    post = held_of_every_kind(1)[index]
    assert client.post(step_url(kind_of(post), post, "approve")).status_code == 302
    post.refresh_from_db()
    assert post.state == State.APPROVED
    assert steps_of(post)[-1][0] == Action.APPROVED


def test_a_refusal_from_the_service_is_shown_as_an_error_message(client, moderator):
    post = PracticeTestFactory()  # published already
    response = client.post(step_url("test", post, "approve"))
    assert response.status_code == 200
    text = response.content.decode()
    assert 'class="error"' in text
    assert "This post is not waiting for a moderator (published)." in text
    assert steps_of(post) == []


def test_a_reported_post_shows_in_the_reports_until_it_is_hidden(client, moderator, sent):
    post = PracticeTestFactory(title="Walking to school together")
    post_report(post=post, by=member("Rory Reporter"), reason="It names the school.")
    text = page(client, QUEUE)
    assert "Reported (1)" in text and "Walking to school together" in text
    assert "Reported by Rory Reporter" in text and "It names the school." in text
    hide = step_url("test", post, "hide")
    assert "This field is required." not in client.post(hide, {"reason": ""}).content.decode()
    assert (
        "Enter why you are hiding this post." in client.post(hide, {"reason": ""}).content.decode()
    )
    response = sent(lambda: client.post(hide, {"reason": "Names a school."}))
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.hidden_at is not None and not post.is_visible
    assert steps_of(post)[-1] == (Action.HIDDEN, "Names a school.")
    assert not ModerationStep.objects.filter(action=Action.REPORTED, resolved_at=None).exists()
    assert "Reported (0)" in page(client, QUEUE)
    assert sent.outbox[0].to == [post.author.email]
    hidden = page(client, HIDDEN)
    assert "Walking to school together" in hidden and "Why: Names a school." in hidden


def test_a_reported_post_shows_in_the_reports_until_it_is_left_up(client, moderator):
    reply = Reply.objects.create(
        practice_test=PracticeTestFactory(),
        author=member(),
        body="We tried it with older children.",
        state=State.APPROVED,
    )
    post_report(post=reply, by=member(), reason="Is this about one family?")
    assert "Reported (1)" in page(client, QUEUE)
    assert client.post(step_url("reply", reply, "leave-up")).status_code == 302
    reply.refresh_from_db()
    assert reply.is_visible
    assert steps_of(reply)[-1] == (Action.SHOWN, "Reports read; the post stays up.")
    assert "Reported (0)" in page(client, QUEUE)
    # Leaving it up again, with nothing open, says so rather than recording a step.
    response = client.post(step_url("reply", reply, "leave-up"))
    assert "This post has no open reports" in response.content.decode()
    assert len(steps_of(reply)) == 2


def test_a_hidden_post_can_be_shown_again(client, moderator):
    update = PracticeUpdate.objects.create(
        practice_test=PracticeTestFactory(),
        author=member(),
        body="Week two: more children raised worries.",
        state=State.APPROVED,
    )
    post_hide(post=update, by=moderator, reason="Checking a detail with the author.")
    assert "Week two: more children raised worries." in page(client, HIDDEN)
    response = client.post(step_url("update", update, "show"), {"reason": "It identifies nobody."})
    assert response.status_code == 302 and response.url == HIDDEN
    update.refresh_from_db()
    assert update.hidden_at is None and update.is_visible
    assert steps_of(update)[-1] == (Action.SHOWN, "It identifies nobody.")
    assert "No posts are hidden." in page(client, HIDDEN)


def test_unknown_kinds_steps_and_posts_give_404(client, moderator):
    post = held_test()
    assert client.get(step_url("event", post, "approve")).status_code == 404
    assert client.get(step_url("test", post, "delete")).status_code == 404
    assert client.get(f"{QUEUE}finding/{post.pk + 1000}/approve/").status_code == 404


@pytest.mark.parametrize(
    "person",
    [
        lambda: manager(),
        lambda: staff_in("Movement event organisers"),
        lambda: staff_in("PINE reviewers"),
    ],
    ids=["pine-manager", "event-organiser", "pine-reviewer"],
)
def test_people_who_are_not_moderators_get_403(client, person):
    post = held_test()
    client.force_login(person())
    for url in [QUEUE, HIDDEN, step_url("test", post, "approve"), step_url("test", post, "refuse")]:
        assert client.get(url).status_code == 403, url
    assert client.post(step_url("test", post, "approve")).status_code == 403
    assert client.post(step_url("test", post, "refuse"), {"reason": "No."}).status_code == 403
    for url in ["/admin/movement/practicetest/", "/admin/movement/moderationstep/"]:
        assert client.get(url).status_code == 403, url
    post.refresh_from_db()
    assert post.state == State.HELD


def test_signed_out_people_are_sent_to_sign_in(client):
    post = held_test()
    response = client.post(step_url("test", post, "approve"))
    assert response.status_code == 302 and "login" in response.url
    post.refresh_from_db()
    assert post.state == State.HELD


def test_a_superuser_can_moderate(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    post = held_test()
    assert client.post(step_url("test", post, "approve")).status_code == 302
    post.refresh_from_db()
    assert post.state == State.APPROVED


def test_steps_are_sent_by_post_with_the_csrf_token(moderator):
    post = held_test()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(moderator)
    assert strict.post(step_url("test", post, "approve")).status_code == 403
    assert 'name="csrfmiddlewaretoken"' in page(strict, QUEUE)
    post.refresh_from_db()
    assert post.state == State.HELD


def test_moderators_reach_the_pages_through_the_two_factor_gate(client, settings):
    settings.STAFF_MFA_REQUIRED = True
    user = staff_in("Movement moderators")
    client.force_login(user)  # a session that has not used its second factor
    assert client.get(QUEUE).status_code == 302
    client.logout()
    sign_in_with_two_factor(client, user)
    assert client.get(QUEUE).status_code == 200


def test_moderators_read_practice_tests_but_cannot_change_their_words(client, moderator):
    post = held_test("Checking in with carers weekly")
    change = f"/admin/movement/practicetest/{post.pk}/change/"
    text = page(client, change)
    assert "Checking in with carers weekly" in text
    assert 'name="_save"' not in text
    assert step_url("test", post, "approve") in text
    response = client.post(change, {**FIELDS, "title": "Changed by a moderator"})
    assert response.status_code == 403
    post.refresh_from_db()
    assert post.title == "Checking in with carers weekly"
    assert client.get("/admin/movement/practicetest/add/").status_code == 403
    assert client.get(f"/admin/movement/practicetest/{post.pk}/delete/").status_code == 403


def test_the_practice_test_list_filters_by_state_and_links_to_the_queue(client, moderator):
    held_test("Waiting one")
    PracticeTestFactory(title="Published one", illustrative=True)
    text = page(client, "/admin/movement/practicetest/?state__exact=held")
    assert "Waiting one" in text and "Published one" not in text
    assert QUEUE in text
    assert "Published one" in page(client, "/admin/movement/practicetest/?illustrative__exact=1")
    assert "Published one" in page(client, "/admin/movement/practicetest/?q=Published")


def test_the_moderation_record_is_read_only_and_filters_by_action_and_kind(client, moderator):
    posts = held_of_every_kind(1)
    post_report(
        post=PracticeTestFactory(title="Reported test"), by=member(), reason="Names a team."
    )
    text = page(client, "/admin/movement/moderationstep/?action__exact=reported")
    assert "Names a team." in text and FIRST_POST not in text
    text = page(client, "/admin/movement/moderationstep/?kind__exact=reply")
    assert FIRST_POST in text and "a phone number" not in text
    step = ModerationStep.objects.filter(post_id=posts[0].pk, kind="test").first()
    assert 'name="_save"' not in page(client, f"/admin/movement/moderationstep/{step.pk}/change/")
    assert client.get("/admin/movement/moderationstep/add/").status_code == 403
    assert Finding.objects.filter(state=State.HELD).count() == 1


def test_a_posts_page_offers_the_steps_open_to_it_now():
    held = held_test()
    published = PracticeTestFactory()
    refused = PracticeTestFactory(state=State.REFUSED)
    assert [label for _, label in moderation_links(held)] == ["Approve", "Refuse"]
    assert moderation_links(published) == [(step_url("test", published, "hide"), "Hide")]
    post_hide(post=published, by=member(), reason="Checking.")
    published.refresh_from_db()
    assert [label for _, label in moderation_links(published)] == ["Show again"]
    assert moderation_links(refused) == []


def test_a_step_that_is_not_open_says_why_before_the_moderator_acts(client, moderator):
    published = PracticeTestFactory()
    text = page(client, step_url("test", published, "refuse"))
    assert "This post is not waiting for a moderator (published)." in text
    assert 'value="Refuse"' not in text
    text = page(client, step_url("test", published, "leave-up"))
    assert "This post has no open reports" in text
    assert 'value="Hide"' in page(client, step_url("test", published, "hide"))
