"""Journey: a practitioner finds a Movement event from the home page and registers; then gives
up their place at a full event, and the next person on its waiting list is offered it.

After the first page is opened, every step is a link, a button or a form a person uses. Every
page on the way, and the error state met, passes the axe-core sweep.
"""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from movement.models import Registration
from tests.accounts.factories import PASSWORD, UserFactory
from tests.movement.factories import EventFactory, RegistrationFactory, WaitingFactory

Status = Registration.Status


@pytest.fixture(autouse=True)
def _quick_and_unthrottled(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()  # sign-in throttles
    yield
    cache.clear()


def _heading(page, text: str | re.Pattern) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def _sign_in(page, user) -> None:
    """From the sign-in page, wherever it was reached from."""
    _heading(page, "Sign in")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_register_then_cancel_and_the_next_person_is_offered_the_place(
    page, live_server, assert_accessible, transactional_db
):
    sam = UserFactory(full_name="Sam Rivers", job_title="Social worker")
    kit = UserFactory(full_name="Kit Marsh")
    EventFactory(title="Testing ideas in practice", capacity=50)
    full = EventFactory(title="Supervision that uses evidence", capacity=1)
    RegistrationFactory(event=full, user=sam)
    next_in_line = WaitingFactory(event=full, user=kit)

    page.goto("/")
    page.get_by_role("link", name="Find out about the Movement and its events").click()
    _heading(page, "The Movement for Evidence-Based Practice")
    assert_accessible(page)
    page.get_by_role("link", name="Testing ideas in practice").click()
    _heading(page, "Testing ideas in practice")
    expect(page.locator("main")).to_contain_text("Places available")
    assert_accessible(page)

    # Signed out, registering asks them to sign in, then comes back to the form.
    page.get_by_role("button", name="Register for this event").click()
    _sign_in(page, sam)
    _heading(page, "Register for this event")
    expect(page.get_by_label("Your name")).to_have_value("Sam Rivers")
    page.get_by_label("Your name").fill("")
    page.get_by_role("button", name="Register").click()
    expect(page).to_have_title(re.compile("^Error: Register"))
    assert_accessible(page)
    page.get_by_role("link", name="Enter your name.").click()
    expect(page.get_by_label("Your name")).to_be_focused()
    page.get_by_label("Your name").fill("Sam Rivers")
    page.get_by_label("Which organisation do you work for? (optional)").fill("Anytown Council")
    page.get_by_label("Access needs (optional)").fill("A seat near the front")
    page.get_by_role("button", name="Register").click()

    panel = page.locator(".govuk-panel--confirmation")
    expect(panel).to_contain_text("You have a place")
    expect(page.get_by_role("link", name="Add to your calendar")).to_be_visible()
    assert_accessible(page)
    place = Registration.objects.get(event__title="Testing ideas in practice")
    assert (place.user, place.status, place.access_needs) == (
        sam,
        Status.CONFIRMED,
        "A seat near the front",
    )

    page.get_by_role("link", name="Go to your account").click()
    _heading(page, "Your account")
    places = page.locator("main")
    expect(places).to_contain_text("Your event places")
    expect(places.get_by_role("link", name="Testing ideas in practice", exact=True)).to_be_visible()
    assert_accessible(page)

    # Giving up the place at the full event, from the account home, asks first.
    # (the link's hidden words name the event for screen readers)
    page.get_by_role(
        "link", name=re.compile(r"^Cancel your place\W+Supervision that uses evidence$")
    ).click()
    _heading(page, "Are you sure you want to cancel your place?")
    assert_accessible(page)
    page.get_by_role("button", name="Cancel your place").click()
    _heading(page, "Your account")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "It will be offered to the next person on the waiting list."
    )
    expect(
        page.get_by_role("link", name="Supervision that uses evidence", exact=True)
    ).to_have_count(0)

    # The next person in line signs in and finds the offer in their account.
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Sign out").click()
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Sign in").click()
    _sign_in(page, kit)
    _heading(page, "Your account")
    expect(page.locator("main")).to_contain_text("Offered a place")
    assert_accessible(page)
    page.get_by_role("link", name="Supervision that uses evidence", exact=True).click()
    _heading(page, "Your place")
    expect(page.locator("main")).to_contain_text("You have been offered a place: accept by")
    assert_accessible(page)
    page.get_by_role("button", name="Accept this place").click()
    _heading(page, "Accept your place")
    assert_accessible(page)
    page.get_by_role("button", name="Accept this place").click()
    expect(page.locator(".govuk-panel--confirmation")).to_contain_text("You have a place")
    next_in_line.refresh_from_db()
    assert next_in_line.status == Status.CONFIRMED
    assert page.console_errors == []
