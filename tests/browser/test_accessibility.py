"""Every page passes an axe-core WCAG 2.2 AA sweep and loads without console or CSP errors."""

import pytest

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
