"""Journey 2: a newcomer signs up, sets up their organisation and applies to the open call.

It starts at the home page and goes on only by the links, buttons and forms a person uses.
Every page on the way, and every error state met, passes the axe-core sweep.
"""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import expect

from pine.models import Application
from pine.workflow import Status
from tests.accounts.journeys import link_in
from tests.pine.factories import CallFactory, restore_reference_data

PASSWORD = "lantern-orchard-velvet-93"


@pytest.fixture(autouse=True)
def _quick_and_unthrottled(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()  # sign-up and sign-in throttles
    yield
    cache.clear()


def _heading(page, text: str | re.Pattern) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def _fill_sections(page, assert_accessible) -> None:
    """Every section but the declarations, from the task list, each marked as complete."""
    page.get_by_role("link", name="Your organisation and contacts").click()
    page.get_by_label("Full name of the main contact").fill("Priya Shah")
    page.get_by_label("Their job title").fill("Service manager")
    page.get_by_label("Their email address").fill("priya@example.org")
    page.get_by_role("button", name="Mark as complete").click()
    expect(page.locator("#status-your-organisation")).to_have_text("Completed")

    page.get_by_role("link", name="The practice").click()
    page.get_by_label("What is the practice called?").fill("Circle of Change")
    page.get_by_label("What is it?").fill("Plans made with families at conferences.")
    page.get_by_label("Who is it for?").fill("Families in child protection.")
    page.get_by_label("1 to 3 years").check()
    page.get_by_label("Risk and decision-making").check()
    # The question says "about", but the answer must be a number: the error says so plainly.
    page.get_by_label("About how many children").fill("About 150")
    page.get_by_role("button", name="Mark as complete").click()
    expect(page).to_have_title(re.compile("^Error: The practice"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the number of children and families as a whole number, like 120."
    )
    assert_accessible(page)
    page.get_by_label("About how many children").fill("1,500")
    page.get_by_role("button", name="Mark as complete").click()
    expect(page.locator("#status-the-practice")).to_have_text("Completed")

    page.get_by_role("link", name="Theory of change").click()
    page.get_by_label("What outcomes do you hope for").fill("Fewer children in care.")
    page.get_by_label("What activities lead to those outcomes").fill("Family meetings.")
    page.get_by_role("button", name="Mark as complete").click()

    page.get_by_role("link", name="Evidence so far").click()
    page.get_by_label("What data do you collect about the practice?").fill("Case records.")
    page.get_by_label("We collect some data, but have not analysed it").check()
    page.get_by_role("button", name="Mark as complete").click()

    page.get_by_role("link", name="What you want to learn").click()
    page.get_by_label("What do you want to learn about the practice?").fill("Does it work?")
    page.get_by_label("How will you use what you learn?").fill("To decide whether to grow it.")
    page.get_by_role("button", name="Mark as complete").click()

    page.get_by_role("link", name="Capacity and commitment").click()
    page.get_by_label("How much staff time can you give").fill("A day a week.")
    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("How will you get the data you need?").fill("From our case system.")
    page.get_by_label("Who is your senior sponsor?").fill("Pat Director")
    page.get_by_label("Their job title").fill("Director of children's services")
    page.get_by_role("button", name="Mark as complete").click()
    expect(page.locator("#status-capacity-and-commitment")).to_have_text("Completed")


def test_newcomer_signs_up_sets_up_an_organisation_and_applies_to_the_open_call(
    page, live_server, assert_accessible, transactional_db
):
    restore_reference_data()
    call = CallFactory(title="Spring call for partners")

    page.goto("/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="PINE").click()
    _heading(page, "PINE")
    assert_accessible(page)
    page.get_by_role("link", name="Spring call for partners").click()
    _heading(page, "Spring call for partners")
    expect(page.get_by_role("heading", name="Before you start")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="create an account").click()
    _heading(page, "Create an account")
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_title(re.compile("^Error: Create an account"))
    assert_accessible(page)
    page.get_by_label("Full name").fill("Priya Shah")
    page.get_by_label("Email address").fill("priya@example.org")
    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_label("Confirm your password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    _heading(page, "Check your email")
    assert_accessible(page)

    # The one address not reached by a click on this site: the link in the confirmation
    # email, which a person opens from their inbox. Opening it is that click.
    (email,) = mail.outbox
    page.goto(link_in(email.body))
    _heading(page, "Confirm your email address")
    assert_accessible(page)
    page.get_by_role("button", name="Confirm email address").click()
    # Signed in, and back at the call they came from.
    _heading(page, "Spring call for partners")
    expect(page.get_by_role("link", name="create an account")).to_have_count(0)

    page.get_by_role("button", name="Start now").click()
    _heading(page, "Start an application")
    assert_accessible(page)
    page.get_by_role("link", name="set up your organisation").click()
    _heading(page, "Set up an organisation")
    page.get_by_role("button", name="Set up organisation").click()
    expect(page).to_have_title(re.compile("^Error: Set up an organisation"))
    assert_accessible(page)
    page.get_by_label("Organisation name").fill("Warrington Borough Council")
    page.get_by_label("Local authority").check()
    page.get_by_label("North West").check()
    page.get_by_role("button", name="Set up organisation").click()

    # Back where they were: starting an application to the same call.
    _heading(page, "Start an application")
    expect(page.locator("main")).to_contain_text("Spring call for partners")
    assert_accessible(page)
    page.get_by_role("button", name="Start application").click()
    expect(page.get_by_text("Not submitted yet")).to_be_visible()
    assert_accessible(page)
    application = Application.objects.get(call=call)
    assert application.organisation.name == "Warrington Borough Council"

    _fill_sections(page, assert_accessible)
    assert_accessible(page)

    # Check your answers with a section still to do: it is named, with a link, and no send.
    page.get_by_role("button", name="Check your answers and send").click()
    _heading(page, "Check your answers before sending your application")
    missing = page.locator("#cannot-send")
    expect(missing).to_contain_text("You have completed 6 of 7 sections.")
    expect(page.get_by_role("button", name="Accept and send")).to_have_count(0)
    assert_accessible(page)
    missing.get_by_role("link", name="Declarations").click()
    _heading(page, "Declarations")
    page.get_by_label("The information in this application is accurate").check()
    page.get_by_role("button", name="Mark as complete").click()
    expect(page).to_have_title(re.compile("^Error: Declarations"))
    assert_accessible(page)
    page.get_by_label("Our senior sponsor has agreed").check()
    page.get_by_label("I have read how we use").check()
    page.get_by_role("button", name="Mark as complete").click()
    expect(page.locator("#status-declarations")).to_have_text("Completed")

    page.get_by_role("button", name="Check your answers and send").click()
    expect(page.locator("#cannot-send")).to_have_count(0)
    expect(page.get_by_text("1500", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Accept and send").click()

    panel = page.locator(".govuk-panel--confirmation")
    expect(panel).to_contain_text("Application sent")
    expect(panel).to_contain_text(application.reference)
    expect(page.get_by_role("heading", name="What happens next")).to_be_visible()
    assert_accessible(page)
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED

    page.get_by_role("link", name="Go to your account").click()
    _heading(page, "Your account")
    expect(page.locator("main")).to_contain_text(application.reference)
    assert_accessible(page)
    assert page.console_errors == []
