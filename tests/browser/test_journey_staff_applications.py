"""Staff journeys through the admin, each from the home page by links and buttons only: a
reviewer scores an application, and a programme manager accepts one and opens its project.

The admin must fit a 1280 px screen without scrolling sideways. The pages on the way, in the
admin and out of it, pass the axe-core sweep.
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from pine.models import Project, Review
from pine.workflow import Status
from tests.accounts.factories import PASSWORD, OrganisationFactory
from tests.pine.factories import (
    ApplicationFactory,
    ReviewFactory,
    complete_sections,
    manager,
    restore_reference_data,
    reviewer,
    score_all,
)

WIDE = {"width": 1280, "height": 900}


@pytest.fixture(autouse=True)
def _staff_without_two_factor(settings):
    # Two-factor sign-in to the admin is tested in tests/browser/test_accounts.py.
    settings.STAFF_MFA_REQUIRED = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def assert_accessible(assert_accessible):
    """The sweep, leaving out of page.console_errors what axe itself causes: on the admin's
    change pages its checks apply inline styles, which the content security policy refuses."""

    def check(page) -> None:
        before = len(page.console_errors)
        assert_accessible(page)
        del page.console_errors[before:]

    return check


@pytest.fixture
def application(transactional_db):
    restore_reference_data()
    organisation = OrganisationFactory(name="Royal Borough of Kensington and Chelsea Council")
    application = ApplicationFactory(
        organisation=organisation,
        status=Status.SCREENING,
        title="Family group conferences before a child protection conference",
        submitted_at=timezone.now(),
    )
    complete_sections(application)
    # Another in the list, with the longest status and a score, as a real list has.
    other = ApplicationFactory(status=Status.MORE_INFORMATION, submitted_at=timezone.now())
    score_all(ReviewFactory(application=other), 3)
    return application


def _fits_the_screen(page) -> None:
    """Neither the page nor a box in it (the admin's list scrolls in its own) scrolls sideways."""
    wider = page.evaluate(
        """[document.documentElement, ...document.querySelectorAll('#content *')]
        .filter(e => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0
                     && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
        .map(e => `${e.tagName}.${e.className}: ${e.scrollWidth} > ${e.clientWidth}`)"""
    )
    html = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert html[0] <= html[1] and wider == [], f"{page.url} scrolls sideways: {html} {wider}"


def _sign_in_from_home(page, user, assert_accessible) -> None:
    page.set_viewport_size(WIDE)
    page.goto("/")
    assert_accessible(page)
    page.get_by_role("banner").get_by_role("link", name="Sign in").click()
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/accounts/$"))  # the account home
    assert_accessible(page)


def _open_in_admin(page, application, assert_accessible) -> None:
    page.get_by_role("banner").get_by_role("link", name="Admin").click()
    expect(page.locator("#site-name")).to_have_text("Evidence Store and PINE admin")
    page.get_by_role("link", name="Applications", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Select application to view")
    _fits_the_screen(page)
    for column in ["Reference", "Organisation", "Status", "Submitted", "Average score"]:
        expect(page.locator("#result_list thead")).to_contain_text(column)
    assert_accessible(page)
    page.get_by_role("link", name=application.reference).click()
    expect(page.locator("#content")).to_contain_text(application.title)
    assert_accessible(page)


def test_reviewer_scores_an_application_from_its_admin_page(page, application, assert_accessible):
    person = reviewer(totp=False)
    _sign_in_from_home(page, person, assert_accessible)
    _open_in_admin(page, application, assert_accessible)

    page.get_by_role("link", name="Review this application").click()
    _fits_the_screen(page)
    expect(page.get_by_label("Application")).to_have_value(str(application.pk))
    page.get_by_label("Recommendation").select_option("yes")
    page.get_by_label("Draft").uncheck()
    # Each criterion's row; the blank row Django keeps for adding more is hidden.
    scores = page.locator("input[name$='-score']:not([name*='__prefix__'])")
    comments = page.locator("textarea[name$='-comment']:not([name*='__prefix__'])")
    expect(scores).to_have_count(6)
    # A score out of range is refused in plain words, and what was typed stays.
    scores.nth(0).fill("0")
    for n in range(1, 6):
        scores.nth(n).fill(str(n % 5 + 1))
    comments.nth(0).fill("A clear theory of change.")
    # The browser would refuse 0 itself; the server's check is the one that must hold.
    page.locator("#review_form").evaluate("form => form.noValidate = true")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".errorlist")).to_contain_text("Score must be between 1 and 5.")
    expect(comments.nth(0)).to_have_value("A clear theory of change.")
    _fits_the_screen(page)
    assert_accessible(page)
    scores.nth(0).fill("4")
    page.get_by_role("button", name="Save", exact=True).click()

    # Back on the application, with the review beside the answers.
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    expect(page.locator("#content h2", has_text="Reviews")).to_be_visible()
    expect(page.locator("#content")).to_contain_text("A clear theory of change.")
    assert_accessible(page)
    review = Review.objects.get(application=application)
    assert review.reviewer == person and review.scores.count() == 6

    # The button now opens the same review again, not a second one.
    page.get_by_role("link", name="Review this application").click()
    expect(page.get_by_label("Recommendation")).to_have_value("yes")
    page.get_by_label("Overall comment").fill("Worth a conversation.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#content")).to_contain_text("Worth a conversation.")
    assert Review.objects.filter(application=application).count() == 1
    assert page.console_errors == []


def test_manager_accepts_an_application_and_opens_its_project(page, application, assert_accessible):
    application.status = Status.CONSULTATION
    application.save(update_fields=["status"])
    _sign_in_from_home(page, manager(totp=False), assert_accessible)
    _open_in_admin(page, application, assert_accessible)
    expect(page.get_by_role("link", name="Review this application")).to_have_count(0)

    page.get_by_role("link", name="Accept", exact=True).click()
    page.get_by_role("button", name="Accept").click()
    expect(page.locator(".errorlist, .messagelist")).to_contain_text("Enter a reason")
    page.get_by_label("Reason").fill("A clear theory of change and strong senior support.")
    page.get_by_role("button", name="Accept").click()
    expect(page.locator(".messagelist")).to_contain_text("accepted")
    project = Project.objects.get(application=application)

    # The accepted application leads to its project, in the admin and as the partner sees it.
    expect(
        page.get_by_role("link", name="the project's workspace as the partner sees it")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=project.title).click()
    expect(page).to_have_url(re.compile(rf"/admin/pine/project/{project.pk}/change/$"))
    _fits_the_screen(page)
    page.get_by_role("link", name="View on site").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(project.title)
    assert_accessible(page)
    assert page.console_errors == []
