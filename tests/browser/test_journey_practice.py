"""Journey: a practitioner posts an idea they are testing, and as their first post it waits for
a moderator; a moderator approves it in the admin; another practitioner replies, says "I'm
trying this too", and adds what they found.

After the first page is opened, every step is a link, a button or a form a person uses. The
practice network's pages on the way, and the error state met, pass the axe-core sweep.
"""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from movement.models import Post, PracticeTest, Trial
from tests.accounts.factories import PASSWORD, UserFactory
from tests.evidence_store.factories import InterventionFactory
from tests.movement.factories import MemberFactory, PracticeTestFactory, movement_staff

State = Post.State
TITLE = "Asking children what they want from the first visit"


@pytest.fixture(autouse=True)
def _quick_and_unthrottled(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Two-factor sign-in to the admin is tested in tests/browser/test_accounts.py.
    settings.STAFF_MFA_REQUIRED = False
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def assert_accessible(assert_accessible):
    """The sweep, leaving out of page.console_errors what axe itself causes in the admin: its
    checks apply inline styles, which the content security policy refuses."""

    def check(page) -> None:
        before = len(page.console_errors)
        assert_accessible(page)
        del page.console_errors[before:]

    return check


def _heading(page, text: str | re.Pattern) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def _sign_in(page, user) -> None:
    _heading(page, "Sign in")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def _sign_out_and_in_as(page, user) -> None:
    menu = page.get_by_role("navigation", name="Menu")
    menu.get_by_role("link", name="Sign out").click()
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Sign in").click()
    _sign_in(page, user)
    _heading(page, "Your account")


def test_post_held_approved_then_replied_to_tried_and_found(
    page, live_server, assert_accessible, transactional_db
):
    sam = UserFactory(full_name="Sam Rivers", job_title="Social worker")
    moderator = movement_staff("Movement moderators", full_name="Moira Dean", totp=False)
    kit = MemberFactory(display_name="Kit Marsh", role="Team manager").user
    # Kit has posted before, so what Kit writes now is published at once.
    PracticeTestFactory(author=kit, title="Supervision that starts with a question")
    InterventionFactory(name="Family group conferencing")

    # Sam, new to the network, posts an idea: first how they appear, then the idea itself.
    page.goto("/movement/practice/")
    _heading(page, "Practice network")
    assert_accessible(page)
    page.get_by_role("link", name="Post an idea you are testing").first.click()
    _sign_in(page, sam)
    _heading(page, "How you appear in the practice network")
    page.get_by_label("Display name").fill("Sam R")
    page.get_by_role("button", name="Save and continue").click()
    _heading(page, "Post an idea you are testing")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_role("button", name="Save and check your answers").click()
    # Everything else was left empty: the error summary says what, and links to each answer.
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what you will try.")
    assert_accessible(page)
    page.get_by_label("What I will try").fill("Ask the child, before the parents, what they want.")
    page.get_by_label("What I expect to change, and for whom").fill("Children say more.")
    page.get_by_label("Why I think so").fill("Research on direct work suggests it.")
    page.get_by_label("How I will tell whether it worked").fill("Count the worries they raise.")
    page.get_by_label("About a month").check()
    page.get_by_label("Family group conferencing").check()
    page.get_by_role("button", name="Save and check your answers").click()
    _heading(page, "Check your practice test before you post it")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Family group conferencing")
    assert_accessible(page)
    page.get_by_label("It does not name or describe a child, a family or a colleague").check()
    page.get_by_label(re.compile("It has no dates of birth")).check()
    page.get_by_label("I have permission to share what my team does").check()
    page.get_by_role("button", name="Post your practice test").click()
    _heading(page, TITLE)
    expect(page.locator(".govuk-panel")).to_contain_text("waiting for a moderator")
    expect(page.locator("main")).to_contain_text("it is your first post")
    assert_accessible(page)
    assert PracticeTest.objects.get(title=TITLE).state == State.HELD

    # A moderator approves it in the admin.
    _sign_out_and_in_as(page, moderator)
    page.get_by_role("banner").get_by_role("link", name="Admin").click()
    page.get_by_role("link", name="Moderation: posts waiting and reports").click()
    page.get_by_role("button", name=re.compile(r"^Approve: practice test by Sam R")).click()
    expect(page.locator(".messagelist")).to_contain_text("Sam R")
    assert PracticeTest.objects.get(title=TITLE).state == State.APPROVED

    page.get_by_role("link", name="View site").click()

    # Kit finds it from their own test, replies, tries it too and adds what they found.
    _sign_out_and_in_as(page, kit)
    page.get_by_role("link", name="Supervision that starts with a question").click()
    page.get_by_role("link", name="Back to the practice network").click()
    page.get_by_role("link", name=TITLE).click()
    _heading(page, TITLE)
    expect(page.locator("main")).to_contain_text("By Sam R, Social worker")
    assert_accessible(page)
    page.get_by_label("Your reply").fill("We tried this with teenagers: it helped.")
    page.get_by_label(re.compile("This does not name or describe")).check()
    page.get_by_role("button", name="Post your reply").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Your reply has been published."
    )
    expect(page.locator("#replies ~ div")).to_contain_text("We tried this with teenagers")
    page.get_by_role("button", name="I’m trying this too").click()
    expect(page.locator("#trying")).to_have_text("1 person is trying this")
    page.get_by_role("link", name="Add what you found").click()
    _heading(page, "Add what you found when you tried it")
    page.get_by_label("It seemed to help").check()
    page.get_by_label("Your reflection").fill("Children led the first visit and said more.")
    page.get_by_label(re.compile("This does not name or describe")).check()
    page.get_by_role("button", name="Post what you found").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Your finding has been published."
    )
    expect(page.locator("main")).to_contain_text("Kit Marsh, Team manager found:")
    assert_accessible(page)
    trial = Trial.objects.get(author=kit)
    assert (trial.result, trial.state) == ("helped", State.APPROVED)
    assert page.console_errors == []
