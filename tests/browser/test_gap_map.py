"""The gap map in a browser: filtering, following a cell to its rating, the keyboard, axe, and
the table at 320 px scrolling in its own region with the first column in view."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.test_reflow import BROKEN_WORDS, OVERFLOW


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo_data", stdout=io.StringIO())


def test_filtering_the_map_by_topic_keeps_only_that_topic(page, assert_accessible, demo):
    page.goto("/evidence/gap-map/")
    assert_accessible(page)
    page.get_by_text("Filter the map").click()
    page.locator("#filter-topic").get_by_label("Parenting", exact=True).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**topic=parenting**")
    groups = page.locator("th[scope=rowgroup]")
    expect(groups).to_have_count(1)
    expect(groups).to_have_text("Parenting")
    expect(page.get_by_role("link", name="Remove filter: Topic: Parenting")).to_be_visible()
    assert_accessible(page)
    assert page.console_errors == []


def test_topic_view_and_a_bad_filter_value_have_no_axe_violations(page, assert_accessible, demo):
    page.goto("/evidence/gap-map/?view=topic")
    expect(page.get_by_role("heading", name="Topics by outcome", level=2)).to_be_visible()
    assert_accessible(page)
    page.goto("/evidence/gap-map/?topic=nope")
    expect(page.get_by_role("alert")).to_contain_text("“nope” is not one of the topics.")
    assert_accessible(page)


def test_a_rated_cell_leads_to_the_rating_on_the_intervention_page(page, demo):
    page.goto("/evidence/gap-map/?topic=courts")
    cell = page.locator("a.app-gap-map__link[href*='#rating-reunification']").first
    cell.click()
    page.wait_for_url(
        re.compile(r"/evidence/family-drug-and-alcohol-courts/#rating-reunification$")
    )
    expect(page.get_by_role("heading", name="Reunification with family", level=3)).to_be_visible()


def test_a_cell_link_is_reached_with_tab_and_followed_with_enter(page, demo):
    page.goto("/evidence/gap-map/?topic=courts")
    page.get_by_role("region", name=re.compile("by outcome")).focus()
    page.keyboard.press("Tab")  # the row's intervention
    page.keyboard.press("Tab")  # its first cell
    focused = page.evaluate("document.activeElement.className")
    assert "app-gap-map__link" in focused
    href = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{href}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Family drug and alcohol courts")


@pytest.mark.parametrize("view", ["matrix", "topic"])
def test_at_320_px_the_table_scrolls_in_its_region_with_the_first_column_in_view(
    page, assert_accessible, demo, view
):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"/evidence/gap-map/?view={view}")
    found = page.evaluate(OVERFLOW)
    assert found["scrollWidth"] <= found["innerWidth"] + 1, found["sticking"][:5]
    assert page.evaluate(BROKEN_WORDS) == []
    region = page.locator(".app-gap-map")
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    region.evaluate("el => { el.scrollLeft = 600 }")
    first_column = page.locator(".app-gap-map__row").first
    box = first_column.bounding_box()
    assert box is not None and 0 <= box["x"] < 40, box
    assert_accessible(page)
