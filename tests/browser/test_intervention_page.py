"""A reader finds an intervention from the list, cites it, and follows its permanent link."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.test_reflow import BROKEN_WORDS, OVERFLOW


@pytest.fixture
def demo(transactional_db, live_server, settings):
    # Permanent links are built from SITE_URL, so it must be the address the browser uses.
    settings.SITE_URL = live_server.url
    call_command("load_demo_data", stdout=io.StringIO())


def _fits_at_320_px(page) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    found = page.evaluate(OVERFLOW)
    assert found["scrollWidth"] <= found["innerWidth"] + 1, found["sticking"][:5]
    assert page.evaluate(BROKEN_WORDS) == []
    page.set_viewport_size({"width": 1280, "height": 800})


def test_reader_cites_an_intervention_and_opens_the_version_cited(page, assert_accessible, demo):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("/evidence/")
    page.get_by_role("link", name="Mellow Parenting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mellow Parenting")
    expect(page.get_by_role("heading", name="At a glance")).to_be_visible()
    expect(page.get_by_role("heading", name="For service leaders")).to_be_visible()
    assert_accessible(page)
    _fits_at_320_px(page)

    cite = page.locator("section", has=page.get_by_role("heading", name="Cite this page"))
    expect(cite).to_contain_text("What Works Centre for Children's Social Care")
    cite.get_by_role("button", name="Copy citation").click()
    expect(cite.get_by_role("status")).to_have_text("Citation copied.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("What Works Centre for Children's Social Care (")
    assert "/evidence/mellow-parenting/as-of/" in copied
    assert_accessible(page)

    cite.get_by_role("link", name="The ratings as they stood on").click()
    page.wait_for_url("**/evidence/mellow-parenting/as-of/**")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mellow Parenting")
    expect(page.get_by_text("This is an earlier version")).to_be_visible()
    expect(page.locator(".app-rating-card").first).to_be_visible()
    expect(
        page.get_by_role("link", name="See the current page for Mellow Parenting")
    ).to_be_visible()
    assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex"
    assert_accessible(page)
    _fits_at_320_px(page)
    assert page.console_errors == []


def test_a_bad_version_date_is_an_accessible_page_that_fits_a_phone(page, assert_accessible, demo):
    response = page.goto("/evidence/mellow-parenting/as-of/2019-02-30/")
    assert response.status == 404
    expect(page.get_by_text("is not a real date")).to_be_visible()
    assert_accessible(page)
    _fits_at_320_px(page)
