"""From a gap in the evidence inside a current PINE priority to the open call that seeks it.

Each journey opens one address and then only follows links. Every page passes the axe-core
sweep and reflows at 320 CSS pixels without scrolling sideways or breaking words.
"""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from pine.models import Call
from tests.browser.test_reflow import BROKEN_WORDS, OVERFLOW


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo_data", stdout=io.StringIO())


def _check(page, assert_accessible) -> None:
    """Axe at a desktop width, then no sideways scrolling or broken words on a 320px phone."""
    page.set_viewport_size({"width": 1280, "height": 800})
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 640})
    found = page.evaluate(OVERFLOW)
    assert found["scrollWidth"] <= found["innerWidth"] + 1, f"{page.url}: {found['sticking'][:5]}"
    assert page.evaluate(BROKEN_WORDS) == [], page.url
    page.set_viewport_size({"width": 1280, "height": 800})


def test_applicant_follows_the_gaps_on_the_programme_page_to_the_open_call(
    page, assert_accessible, demo
):
    call = Call.objects.open().get()
    page.goto("/pine/")
    expect(page.get_by_role("heading", level=1)).to_have_text("PINE")
    sought = page.get_by_role("heading", level=2, name="Evidence we are looking for")
    expect(sought).to_be_visible()
    # Demo gaps rest on demo ratings, and say so.
    expect(page.get_by_text("rest on demonstration ratings, not published")).to_be_visible()
    gaps = page.locator("#evidence-sought ~ ul").first.get_by_role("link")
    expect(gaps.first).to_have_attribute("href", re.compile("^/evidence/gap-map/"))
    _check(page, assert_accessible)

    page.get_by_role("link", name="Apply to PINE", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(call.title)
    expect(page).to_have_url(re.compile(f"{call.get_absolute_url()}$"))
    _check(page, assert_accessible)
    assert page.console_errors == []


def test_applicant_follows_the_pine_layer_on_the_gap_map_to_the_open_call(
    page, assert_accessible, demo
):
    call = Call.objects.open().get()
    page.goto("/evidence/gap-map/")
    expect(page.get_by_text("Inside a current PINE priority").first).to_be_visible()
    _check(page, assert_accessible)

    page.get_by_role("link", name=re.compile("Apply to PINE")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(call.title)
    expect(page).to_have_url(re.compile(f"{call.get_absolute_url()}$"))
    _check(page, assert_accessible)
    assert page.console_errors == []
