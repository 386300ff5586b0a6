"""The practice network's pages in a browser: each one, and each error state, passes the
axe-core sweep and reflows at 320 CSS pixels; taking part works with the keyboard alone."""

import re

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from movement.forms_practice import CONFIRM_ONE_LINE
from movement.models import Post, Result
from tests.accounts.factories import MembershipFactory
from tests.browser.test_keyboard import _skip_to_main_content, _tab_to
from tests.browser.test_reflow import BROKEN_WORDS, OVERFLOW, _sign_in
from tests.evidence_store.factories import InterventionFactory, OutcomeFactory, TopicFactory
from tests.movement.factories import MemberFactory, PracticeTestFactory
from tests.movement.practice_factories import (
    FindingFactory,
    FollowFactory,
    ReplyFactory,
    TrialFactory,
    UpdateFactory,
)
from tests.pine.factories import CallFactory

State = Post.State


@pytest.fixture(autouse=True)
def _unthrottled():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def network(transactional_db):
    """A published test with every kind of post, a finished one, the author's held test and
    draft, and someone else trying the first."""
    CallFactory()
    author = MemberFactory(display_name="Sam Rivers", role="Social worker").user
    MembershipFactory(user=author)
    tryer = MemberFactory(display_name="Kit Marsh", role="Team manager").user
    PracticeTestFactory(author=tryer, title="Supervision that starts with a question")
    test = PracticeTestFactory(author=author, title="Asking children what they want first")
    test.interventions.add(InterventionFactory(name="Family group conferencing"))
    test.outcomes.add(OutcomeFactory(name="Children's wellbeing"))
    test.topics.add(TopicFactory(name="Direct work"))
    UpdateFactory(practice_test=test, body="Three visits in: two children named a worry.")
    reply = ReplyFactory(practice_test=test, author=tryer, body="We tried this in our team.")
    TrialFactory(
        practice_test=test, author=tryer, result=Result.HELPED,
        reflection="It helped with the younger children.", found_at=timezone.now(),
    )  # fmt: skip
    finished = PracticeTestFactory(author=author, title="Walking meetings with teenagers")
    FindingFactory(practice_test=finished, result=Result.UNCLEAR, reflection="Too early.")
    held = PracticeTestFactory(
        author=author, state=State.HELD, published_at=None, title="Family time at home",
        held_because="it is your first post; a phone number",
    )  # fmt: skip
    draft = PracticeTestFactory(author=author, state=State.DRAFT, published_at=None)
    follow = FollowFactory(practice_test=test, user=tryer)
    other_trial_test = PracticeTestFactory(author=author, title="Short notes after visits")
    TrialFactory(practice_test=other_trial_test, author=tryer)
    return {
        "author": author,
        "tryer": tryer,
        "test": test,
        "reply": reply,
        "finished": finished,
        "held": held,
        "draft": draft,
        "follow": follow,
        "trying": other_trial_test,
    }


def _pages(network) -> dict:
    test, held, draft = network["test"], network["held"], network["draft"]
    base = f"/movement/practice/{test.pk}"
    return {
        "anon": {
            "list": "/movement/practice/",
            "list, a filter that is not a choice": "/movement/practice/?finding=nope",
            "list, nothing found": "/movement/practice/?q=xylophone",
            "list, filtered": "/movement/practice/?status=finished",
            "test": f"{base}/",
            "finished test": network["finished"].get_absolute_url(),
            "unfollow from an email": f"/movement/practice/unfollow/{network['follow'].token}/",
            "unfollow, unknown link": (
                "/movement/practice/unfollow/00000000-0000-4000-8000-000000000000/"
            ),
        },
        "author": {
            "own test": f"{base}/",
            "held test": held.get_absolute_url(),
            "new test": "/movement/practice/new/",
            "change a draft": f"/movement/practice/{draft.pk}/edit/",
            "check your answers": f"/movement/practice/{draft.pk}/check/",
            "add an update": f"{base}/updates/new/",
            "add what we found": f"{base}/finding/",
            "put forward to PINE": f"{base}/put-forward/",
            "profile": "/movement/practice/profile/",
            "account home": "/accounts/",
        },
        "tryer": {
            "someone else's test": f"{base}/",
            "reply": f"{base}/replies/",
            "report a reply": f"{base}/report/reply/{network['reply'].pk}/",
            "add what you found when trying": (
                f"/movement/practice/{network['trying'].pk}/trying/finding/"
            ),
        },
    }


# Pages whose form, sent empty, shows the error state: the page and the button that sends it.
ERROR_STATES = {
    "author": ["new test", "check your answers", "add an update", "add what we found"],
    "tryer": ["reply", "report a reply", "add what you found when trying"],
}


def _send_empty(page) -> None:
    page.locator("main form[method=post] button[type=submit]").last.click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".govuk-error-summary")).to_be_visible()


def test_practice_pages_and_their_error_states_pass_axe(
    page, live_server, assert_accessible, network
):
    for who, pages in _pages(network).items():
        if who != "anon":
            _sign_in(page, live_server, network[who])
        for name, path in pages.items():
            response = page.goto(path)
            assert response.status == 200, f"{name}: {path} answered {response.status}"
            assert_accessible(page)
            if name in ERROR_STATES.get(who, []):
                _send_empty(page)
                assert_accessible(page)
    assert page.console_errors == []


def test_practice_pages_reflow_at_320_css_pixels(page, live_server, network):
    page.set_viewport_size({"width": 320, "height": 640})
    scrolling, broken = {}, {}

    def check(name: str) -> None:
        found = page.evaluate(OVERFLOW)
        assert found["innerWidth"] == 320
        if found["scrollWidth"] > found["innerWidth"] + 1:
            scrolling[name] = f"{page.url}: {found['scrollWidth']}px, {found['sticking'][:5]}"
        if words := page.evaluate(BROKEN_WORDS):
            broken[name] = f"{page.url}: {sorted(set(words))[:10]}"

    for who, pages in _pages(network).items():
        if who != "anon":
            _sign_in(page, live_server, network[who])
        for name, path in pages.items():
            assert page.goto(path).status == 200
            check(name)
            if name in ERROR_STATES.get(who, []):
                _send_empty(page)
                check(f"{name}, with errors")
    assert {"scrolling": scrolling, "broken words": broken} == {"scrolling": {}, "broken words": {}}


def test_follow_and_reply_to_a_test_by_keyboard(page, live_server, network):
    _sign_in(page, live_server, network["tryer"])
    network["follow"].delete()
    page.goto(network["test"].get_absolute_url())
    _skip_to_main_content(page)
    _tab_to(page, "Follow this test")
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("You are following")
    # The success banner takes focus, so Tab carries on from the top of the page's content.
    _tab_to(page, "Your reply")
    page.keyboard.type("We saw the same with older children.")
    _tab_to(page, CONFIRM_ONE_LINE)
    page.keyboard.press("Space")
    _tab_to(page, "Post your reply")
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your reply has been")
    expect(page.locator("main")).to_contain_text("We saw the same with older children.")
