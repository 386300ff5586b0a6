"""Journey 1: a practitioner searches the evidence store, reads an intervention and compares.

It starts at the home page and, as a person would, only follows links and buttons and fills
in forms from there: no address is typed after the first. Every page is checked with axe, and
the journey is walked again on a 320px-wide phone screen.
"""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo_data", stdout=io.StringIO())


def _heading(page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


@pytest.mark.parametrize("width", [1280, 320])
def test_practitioner_searches_filters_reads_and_compares(page, assert_accessible, demo, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/")
    assert_accessible(page)
    # Pages without ratings carry no demonstration warning.
    expect(page.locator(".app-demo-notice")).to_have_count(0)

    page.get_by_role("button", name="Browse the evidence store").click()
    _heading(page, "Evidence store")
    expect(page.locator(".app-demo-notice")).to_have_count(1)
    assert_accessible(page)

    page.get_by_label("Search interventions").fill("parenting")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**q=parenting**")
    expect(page.get_by_role("link", name="Mellow Parenting")).to_be_visible()
    assert_accessible(page)

    if width == 320:  # on a phone the filters fold away behind a button, after the results
        page.get_by_role("button", name="Show filters").click()
    page.get_by_label("Parenting", exact=True).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**topic=parenting**")
    assert "q=parenting" in page.url
    expect(page.get_by_role("link", name="Mellow Parenting")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Mellow Parenting").click()
    _heading(page, "Mellow Parenting")
    expect(page.get_by_role("heading", name="Evaluated outcomes")).to_be_visible()
    ratings = page.locator("#evaluated-outcomes").locator("xpath=..")
    expect(ratings).to_contain_text("Strength of evidence")
    expect(page.locator(".app-demo-notice")).to_contain_text("illustrative")
    assert_accessible(page)

    page.get_by_role("link", name="Compare this intervention with others").click()
    _heading(page, "Compare interventions")
    expect(page.get_by_label("Mellow Parenting")).to_be_checked()
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    assert_accessible(page)
    page.get_by_label("Kinship care", exact=True).check()
    page.get_by_label("Parent-child interaction therapy").check()
    page.get_by_role("button", name="Compare", exact=True).click()
    page.wait_for_url("**/compare/?**")
    table = page.get_by_role("table")
    for name in ["Mellow Parenting", "Kinship care", "Parent-child interaction therapy"]:
        expect(table.get_by_role("link", name=name)).to_be_visible()
    expect(page.get_by_role("caption")).to_have_text("3 interventions side by side")
    assert_accessible(page)

    # Print-friendly: on paper the comparison stays and the controls go.
    page.emulate_media(media="print")
    expect(table).to_be_visible()
    expect(page.get_by_role("button", name="Compare", exact=True)).to_be_hidden()
    expect(page.get_by_role("heading", name="Choose interventions to compare")).to_be_hidden()
    page.emulate_media(media="screen")

    # Back to one of the compared interventions, then back to the list by the breadcrumbs.
    table.get_by_role("link", name="Kinship care").click()
    _heading(page, "Kinship care")
    assert_accessible(page)
    page.locator(".govuk-breadcrumbs").get_by_role("link", name="Evidence store").click()
    _heading(page, "Evidence store")
    assert page.console_errors == []
