"""The list page: active filters that remove themselves, filters folded away on a phone, and the
compare bar that counts what is ticked."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.test_reflow import BROKEN_WORDS, OVERFLOW


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo_data", stdout=io.StringIO())


def test_filters_are_listed_above_the_results_and_each_removes_itself(
    page, assert_accessible, demo
):
    page.goto("/evidence/")
    page.get_by_label("Parenting", exact=True).check()
    page.get_by_label("Tends to positive", exact=True).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**topic=parenting**")
    expect(page.get_by_role("heading", name="Active filters")).to_be_visible()
    expect(page.locator(".app-match-reason").first).to_contain_text("Matches: Tends to positive")
    expect(page.locator(".app-match").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Remove filter: Topic: Parenting").click()
    page.wait_for_url(re.compile(r"effectiveness=tends_positive"))
    assert "topic=" not in page.url
    expect(page.get_by_role("link", name="Remove filter: Topic: Parenting")).to_have_count(0)
    expect(page.get_by_label("Tends to positive", exact=True)).to_be_checked()
    assert_accessible(page)

    page.get_by_role("link", name="Clear filters").click()
    expect(page.get_by_role("heading", name="Active filters")).to_have_count(0)
    assert page.console_errors == []


def _fits_at_320_px(page) -> None:
    found = page.evaluate(OVERFLOW)
    assert found["innerWidth"] == 320
    assert found["scrollWidth"] <= found["innerWidth"] + 1, found["sticking"][:5]
    assert page.evaluate(BROKEN_WORDS) == []


def test_on_a_phone_the_results_come_first_and_show_filters_reveals_them(
    page, assert_accessible, demo
):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/evidence/")
    toggle = page.get_by_role("button", name="Show filters")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_label("Parenting", exact=True)).to_be_hidden()
    # Only the button stands between the count of results and the results themselves.
    first_result = page.locator(".app-results h3 a").first
    expect(first_result).to_be_visible()
    heading = page.locator("#results-heading").bounding_box()
    assert toggle.bounding_box()["y"] < heading["y"] < first_result.bounding_box()["y"]
    _fits_at_320_px(page)
    assert_accessible(page)

    toggle.click()
    expect(page.get_by_role("button", name="Hide filters")).to_have_attribute(
        "aria-expanded", "true"
    )
    expect(page.get_by_label("Parenting", exact=True)).to_be_visible()
    _fits_at_320_px(page)
    assert_accessible(page)

    page.get_by_label("Parenting", exact=True).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**topic=parenting**")
    expect(page.get_by_role("link", name="Remove filter: Topic: Parenting")).to_be_visible()
    expect(page.get_by_role("button", name="Show filters")).to_be_visible()
    _fits_at_320_px(page)
    assert_accessible(page)
    assert page.console_errors == []


def test_without_javascript_the_filters_show_and_the_compare_button_submits(
    browser, live_server, settings, demo
):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/evidence/")
    expect(page.get_by_label("Parenting", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Show filters")).to_be_hidden()
    page.get_by_label("Compare Kinship care").check()
    page.get_by_label("Compare Mellow Parenting").check()
    page.get_by_role("button", name="Compare selected interventions").click()
    page.wait_for_url("**/compare/?i=**")
    expect(page.get_by_role("table")).to_contain_text("Mellow Parenting")
    context.close()


def test_the_compare_bar_counts_what_is_ticked_and_opens_the_comparison(
    page, assert_accessible, demo
):
    page.goto("/evidence/")
    status = page.get_by_role("status")
    expect(status).to_have_text("0 interventions selected (choose 2 to 4)")
    page.get_by_label("Compare Kinship care").check()
    expect(status).to_have_text("1 intervention selected (choose 2 to 4)")
    page.get_by_label("Compare Treatment foster care").check()
    expect(status).to_have_text("2 interventions selected")
    assert_accessible(page)

    # It stays in view at the foot of the screen while the list scrolls.
    page.set_viewport_size({"width": 1024, "height": 500})
    page.locator(".app-results h3 a").first.scroll_into_view_if_needed()
    bar = page.locator(".app-compare-bar").bounding_box()
    assert bar["y"] + bar["height"] <= 500 + 1

    page.get_by_role("button", name="Compare selected interventions").click()
    page.wait_for_url("**/compare/?i=**")
    table = page.get_by_role("table")
    expect(table).to_contain_text("Kinship care")
    expect(table).to_contain_text("Treatment foster care")
    assert_accessible(page)
    assert page.console_errors == []
