"""A senior leader compares interventions, prints the comparison and downloads it as CSV."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

THREE = "/evidence/compare/?i=kinship-care&i=mellow-parenting&i=signs-of-safety"
FOUR = THREE + "&i=treatment-foster-care"
# A4 landscape is 297 mm wide; less the 12 mm margins either side, at 96 CSS px to the inch.
A4_LANDSCAPE_CONTENT_WIDTH = round((297 - 2 * 12) / 25.4 * 96)


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo_data", stdout=io.StringIO())


def _overflow(page) -> dict:
    return page.evaluate(
        """() => {
            const region = document.querySelector('.app-compare-table');
            const table = region.querySelector('table');
            return {
                page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
                table: table.getBoundingClientRect().right - region.getBoundingClientRect().right,
            };
        }"""
    )


@pytest.mark.parametrize(("path", "most_sheets"), [(THREE, 2), (FOUR, 3)])
def test_comparison_prints_on_landscape_paper_without_controls(
    page, assert_accessible, demo, path, most_sheets
):
    page.set_viewport_size({"width": A4_LANDSCAPE_CONTENT_WIDTH, "height": 794})
    page.goto(path)
    print_button = page.get_by_role("button", name="Print this comparison")
    expect(print_button).to_be_visible()  # shown by its script: the page has JavaScript
    assert_accessible(page)

    page.emulate_media(media="print")
    table = page.get_by_role("table")
    expect(table).to_be_visible()
    for hidden in [
        page.get_by_role("navigation", name="Menu"),
        page.locator(".govuk-breadcrumbs"),
        page.locator(".govuk-template__header"),
        page.locator("form"),
        print_button,
        page.get_by_role("link", name="Download this comparison (CSV)"),
    ]:
        expect(hidden).to_be_hidden()
    expect(page.get_by_text("This comparison online: http")).to_be_visible()
    expect(page.get_by_text("Kinship care: http")).to_be_visible()
    assert _overflow(page) == {"page": 0, "table": 0}

    pdf = page.pdf(prefer_css_page_size=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    # Landscape, smaller type: three interventions (demo content) take two sheets, four take three.
    assert 1 <= pages <= most_sheets, pages
    assert page.console_errors == []


def test_print_button_opens_the_print_dialogue(page, demo):
    page.goto(THREE)
    # Record the call rather than open a dialogue that headless Chromium cannot show.
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1 } }")
    page.get_by_role("button", name="Print this comparison").click()
    assert page.evaluate("() => window.printed") == 1


def test_without_javascript_there_is_no_print_button(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(THREE)
        expect(page.get_by_role("table")).to_be_visible()
        expect(page.get_by_role("button", name="Print this comparison")).to_be_hidden()
    finally:
        context.close()


def test_comparison_downloads_as_csv(page, assert_accessible, demo):
    page.goto(THREE)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download this comparison (CSV)").click()
    download = download_info.value
    assert download.suggested_filename == "comparison.csv"
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    header, body = rows[0], rows[1:]
    assert header[:2] == ["outcome_slug", "outcome_name"]
    assert header[2] == "Kinship care: effectiveness"
    assert header[6] == "Mellow Parenting: effectiveness"
    assert len(header) == 2 + 3 * 4 + 1
    assert body and all(len(row) == len(header) for row in body)
    # The page is still there to sweep: a download does not navigate away.
    assert_accessible(page)


def test_csv_of_too_few_is_the_page_with_its_error(page, assert_accessible, demo):
    response = page.goto("/evidence/compare/comparison.csv?i=kinship-care")
    assert response.status == 400
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose at least 2")
    assert_accessible(page)
