"""An application's whole journey: the applicant applies, a reviewer scores, a manager accepts.

Each applicant page, and the section's error state, passes the axe-core sweep.
"""

import re

import pytest
from playwright.sync_api import expect

from pine.models import Application, Review, SectionAnswer
from pine.sections import SECTIONS
from tests.accounts.factories import PASSWORD, OrganisationFactory
from tests.pine.factories import (
    COMPLETE_ANSWERS,
    CallFactory,
    manager,
    member_of,
    restore_reference_data,
    reviewer,
)


@pytest.fixture(autouse=True)
def _staff_without_two_factor(settings):
    # Two-factor sign-in to the admin is tested in tests/browser/test_accounts.py.
    settings.STAFF_MFA_REQUIRED = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _sign_in_as(page, user) -> None:
    """Sign in through the sign-in page, starting from a fresh session."""
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Sign in")


def test_applicant_applies_reviewer_scores_and_manager_accepts(
    page, live_server, assert_accessible, transactional_db
):
    restore_reference_data()
    call = CallFactory(title="Spring call for partners")
    organisation = OrganisationFactory(name="Warrington Borough Council")
    applicant = member_of(organisation)
    _sign_in_as(page, applicant)

    page.goto("/pine/")
    expect(page.get_by_role("heading", level=1)).to_have_text("PINE")
    assert_accessible(page)
    page.get_by_role("link", name="Spring call for partners").click()
    assert_accessible(page)
    page.get_by_role("button", name="Start now").click()
    assert_accessible(page)
    page.get_by_role("button", name="Start application").click()
    expect(page.get_by_text("Not submitted yet")).to_be_visible()
    assert_accessible(page)
    application = Application.objects.get(call=call)

    # The practice: radios, checkboxes and a number; saved for later first.
    page.get_by_role("link", name="The practice").click()
    page.get_by_label("What is the practice called?").fill("Circle of Change")
    page.get_by_label("About how many children").fill("lots")
    page.get_by_role("button", name="Save and come back later").click()
    expect(page).to_have_title(re.compile("^Error: The practice"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("as a whole number")
    assert_accessible(page)
    page.get_by_label("About how many children").fill("120")
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.locator("#status-the-practice")).to_have_text("In progress")

    page.get_by_role("link", name="The practice").click()
    expect(page.get_by_label("What is the practice called?")).to_have_value("Circle of Change")
    page.get_by_label("What is it?").fill("Plans made with families at conferences.")
    page.get_by_label("Who is it for?").fill("Families in child protection.")
    page.get_by_label("1 to 3 years").check()
    page.get_by_label("Risk and decision-making").check()
    page.get_by_role("button", name="Mark as complete").click()
    expect(page.locator("#status-the-practice")).to_have_text("Completed")
    assert_accessible(page)

    # Declarations: an error state when a box is left unticked.
    page.get_by_role("link", name="Declarations").click()
    page.get_by_label("The information in this application is accurate").check()
    page.get_by_role("button", name="Mark as complete").click()
    expect(page).to_have_title(re.compile("^Error: Declarations"))
    assert_accessible(page)
    page.get_by_label("Our senior sponsor has agreed").check()
    page.get_by_label("I have read how we use").check()
    page.get_by_role("button", name="Mark as complete").click()
    expect(page.locator("#status-declarations")).to_have_text("Completed")

    # The other sections are answered as the factories answer them.
    for section in SECTIONS:
        if section.slug not in ("the-practice", "declarations"):
            SectionAnswer.objects.create(application=application, section=section.slug, answers=COMPLETE_ANSWERS[section.slug], progress="completed", version=1)  # fmt: skip

    page.get_by_role("button", name="Check your answers and send").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before sending your application"
    )
    expect(page.get_by_text("Circle of Change").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Accept and send").click()
    expect(page.locator(".govuk-panel--confirmation")).to_contain_text(application.reference)
    assert_accessible(page)
    page.get_by_role("link", name="View your application").click()
    expect(page.get_by_role("heading", name="Application submitted")).to_be_visible()
    assert_accessible(page)
    assert page.console_errors == []

    # A reviewer scores it in the admin.
    _sign_in_as(page, reviewer(totp=False))
    page.goto("/admin/pine/review/add/")
    page.get_by_label("Application").select_option(str(application.pk))
    page.get_by_label("Recommendation").select_option("yes")
    page.get_by_label("Draft").uncheck()
    for n in range(6):
        page.locator(f"#id_scores-{n}-score").fill("4")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    assert Review.objects.get().scores.count() == 6

    # A programme manager moves it on and accepts it, with a reason.
    _sign_in_as(page, manager(totp=False))
    page.goto(f"/admin/pine/application/{application.pk}/change/")
    for action in ["Start screening", "Move to consultation"]:
        page.get_by_role("link", name=action).click()
        page.get_by_role("button", name=action).click()
        expect(page.locator(".messagelist")).to_be_visible()
    page.get_by_role("link", name="Accept").click()
    page.get_by_role("button", name="Accept").click()
    expect(page.locator(".errorlist, .messagelist")).to_contain_text("Enter a reason")
    page.get_by_label("Reason").fill("A clear theory of change and strong senior support.")
    page.get_by_role("button", name="Accept").click()
    expect(page.locator(".messagelist")).to_contain_text("accepted")

    # The applicant sees the decision and the reason.
    _sign_in_as(page, applicant)
    page.goto(application.get_absolute_url())
    expect(page.locator("main")).to_contain_text("Status: Accepted")
    expect(page.get_by_text("A clear theory of change and strong senior support.")).to_be_visible()
    assert_accessible(page)
