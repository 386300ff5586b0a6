"""What the axe sweeps share: their settings (staff need no second factor in them, fast hashing,
no throttles), signing the browser in, and opening, sending and sweeping a page."""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from playwright.sync_api import expect

# The journeys already sweep the error states of these sections.
SECTIONS_SWEPT_ELSEWHERE = {"the-practice", "declarations"}


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.STAFF_MFA_REQUIRED = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()  # sign-in throttles
    yield
    cache.clear()


def _sign_in(page, live_server, user) -> None:
    """Give the browser a fresh session signed in as the user, without a sign-in page."""
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                # Host-only (no leading dot) and secure, as the __Host- prefix requires.
                "domain": urlsplit(live_server.url).hostname,
                "path": "/",
                "secure": True,
                "httpOnly": True,
                "sameSite": "Lax",
            }
        ]
    )


def _visit(page, assert_accessible, path: str, heading: str | re.Pattern, status: int = 200):
    """Open the page, check it is the page meant (not a redirect), and sweep it."""
    response = page.goto(path)
    assert response.status == status, f"{path} answered {response.status}"
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert_accessible(page)


def _submit_and_sweep(page, assert_accessible, button: str) -> None:
    """Send the form as it is, expecting the GOV.UK error summary, and sweep the error state."""
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page)
