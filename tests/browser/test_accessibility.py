"""Every page passes an axe-core WCAG 2.2 AA sweep and loads without console or CSP errors."""

import re

import pytest
from playwright.sync_api import expect

# Pages that need no data. Later features add their pages here or in their own journeys.
STATIC_PAGES = {
    "home": "/",
    "accessibility statement": "/accessibility/",
    "privacy notice": "/privacy/",
    "cookies": "/cookies/",
    "page not found": "/no-such-page/",
}


@pytest.mark.parametrize("path", STATIC_PAGES.values(), ids=STATIC_PAGES.keys())
def test_page_has_no_accessibility_violations(page, assert_accessible, path):
    page.goto(path)
    assert page.locator("main#main-content").count() == 1
    assert_accessible(page)
    assert page.console_errors == []


def test_design_system_javascript_runs_under_the_content_security_policy(page):
    page.goto("/")
    assert "govuk-frontend-supported" in page.locator("body").get_attribute("class")


def test_skip_link_is_the_first_thing_a_keyboard_reaches(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main-content"


def test_form_expired_page_has_no_accessibility_violations(page, assert_accessible):
    # A real CSRF failure: the sign-in form is sent after its cookie has gone.
    page.goto("/accounts/login/")
    page.context.clear_cookies()
    page.get_by_label("Email address").fill("someone@example.org")
    page.get_by_label("Password").fill("not-the-password-123")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Sorry, we could not send your form"
    assert_accessible(page)


@pytest.mark.parametrize("template", ["400.html", "403.html", "413.html", "500.html", "503.html"])
def test_error_page_has_no_accessibility_violations(page, assert_accessible, template):
    # These pages are rendered by Django's handlers, sometimes without a request; render them the
    # same way and check the markup on the site's origin so its stylesheet applies.
    from django.template.loader import render_to_string

    page.goto("/")
    page.set_content(render_to_string(template, {"back_url": "/"}))
    assert page.locator("main#main-content").count() == 1
    assert_accessible(page)


def test_movement_pages_and_their_error_states_have_no_accessibility_violations(
    page, live_server, assert_accessible, transactional_db, settings
):
    """The Movement's pages in each state a journey may not meet: a full event, a past one,
    a place on the waiting list, an expired offer, and the form with organisations to choose."""
    from datetime import timedelta
    from urllib.parse import urlsplit

    from django.test import Client
    from django.utils import timezone

    from tests.accounts.factories import MembershipFactory
    from tests.movement.factories import (
        EventDocumentFactory,
        EventFactory,
        OfferedFactory,
        PastEventFactory,
        RegistrationFactory,
        WaitingFactory,
    )

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    person = MembershipFactory().user
    MembershipFactory(user=person)
    full = EventFactory(capacity=1, illustrative=True)
    RegistrationFactory(event=full)
    waiting = WaitingFactory(event=full, user=person)
    past = PastEventFactory()
    EventDocumentFactory(event=past, title="Slides from the day")
    expired = OfferedFactory(
        event=EventFactory(capacity=1),
        user=person,
        offer_expires_at=timezone.now() - timedelta(minutes=5),
    )
    open_event = EventFactory()
    public = ["/movement/events/", full.get_absolute_url(), past.get_absolute_url()]
    for path in public:
        page.goto(path)
        assert_accessible(page)

    client = Client()
    client.force_login(person)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "domain": urlsplit(live_server.url).hostname,
                "path": "/",
                "secure": True,
                "httpOnly": True,
                "sameSite": "Lax",
            }
        ]
    )
    signed_in = [
        full.get_absolute_url(),
        f"/movement/places/{waiting.token}/",
        f"/movement/places/{waiting.token}/cancel/",
        f"/movement/places/{expired.token}/accept/",
        f"{full.get_absolute_url()}register/",  # already on its waiting list
    ]
    for path in signed_in:
        page.goto(path)
        assert page.locator("main#main-content").count() == 1
        assert_accessible(page)

    # The form with the person's organisations: "Another organisation" with no name given.
    page.goto(f"{open_event.get_absolute_url()}register/")
    assert_accessible(page)
    page.get_by_label("Another organisation", exact=True).check()
    page.get_by_label("Your name").fill("")
    page.get_by_role("button", name="Register").click()
    assert page.title().startswith("Error:")
    summary = page.locator(".govuk-error-summary")
    assert "Enter the name of the organisation" in summary.inner_text()
    assert_accessible(page)
    assert page.console_errors == []


def test_sign_in_refused_while_the_cache_is_down_has_no_accessibility_violations(
    page, live_server, assert_accessible, transactional_db, settings
):
    """Redis down: the sign-in, reached from the home page's link, gets the 503 page."""
    from django.core.cache import caches

    from tests.accounts.factories import PASSWORD, UserFactory
    from tests.config.test_cache_outage import DOWN

    person = UserFactory()
    caches["default"].clear()
    settings.CACHES = {**settings.CACHES, "default": DOWN}
    page.goto("/")
    page.get_by_role("banner").get_by_role("link", name="Sign in").click()
    page.get_by_label("Email address").fill(person.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sorry, signing in is unavailable")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("home page")).click()
    expect(page).to_have_url(re.compile(r"/$"))
