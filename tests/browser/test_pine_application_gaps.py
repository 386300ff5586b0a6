"""Naming the gaps in the evidence an evaluation would help fill, and the portfolio's count of
them: each page passes the axe-core sweep, and the applicant's reflow at 320 CSS pixels."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from pine.models import Application, ApplicationGap
from pine.workflow import Status
from tests.browser.sweeping import _settings, _sign_in  # noqa: F401
from tests.browser.test_reflow import BROKEN_WORDS, OVERFLOW
from tests.pine.factories import manager, member_of, restore_reference_data

QUESTION = "Which gaps in the evidence would your evaluation help fill? (optional)"


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo_data", stdout=io.StringIO())


def _check(page, assert_accessible) -> None:
    """Axe at a desktop width, then no sideways scrolling or broken words on a 320px phone."""
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 640})
    found = page.evaluate(OVERFLOW)
    assert found["scrollWidth"] <= found["innerWidth"] + 1, f"{page.url}: {found['sticking'][:5]}"
    assert page.evaluate(BROKEN_WORDS) == [], page.url
    page.set_viewport_size({"width": 1280, "height": 800})


def test_applicant_names_a_gap_and_sees_it_on_check_your_answers(
    page, live_server, assert_accessible, demo
):
    draft = Application.objects.get(status=Status.DRAFT, title="Family Network Meetings")
    _sign_in(page, live_server, member_of(draft.organisation))
    page.goto(f"{draft.get_absolute_url()}what-you-want-to-learn/")
    question = page.get_by_role("group", name=QUESTION)
    expect(question).to_be_visible()
    _check(page, assert_accessible)

    first = question.get_by_role("checkbox").first
    named = first.evaluate("box => box.labels[0].textContent.trim()")
    first.check()
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("What you want to learn")
    assert ApplicationGap.objects.filter(application=draft).count() == 1

    page.goto(f"{draft.get_absolute_url()}submit/")
    expect(page.get_by_text(named, exact=True).first).to_be_visible()
    _check(page, assert_accessible)
    assert page.console_errors == []


def test_manager_reads_the_gaps_covered_on_the_portfolio(
    page, live_server, assert_accessible, demo
):
    restore_reference_data()  # the staff groups' permissions, emptied with the tables
    _sign_in(page, live_server, manager(totp=False))
    page.goto("/admin/pine/portfolio/")
    panel = page.get_by_role("region", name="Evidence gaps covered")
    expect(panel.get_by_role("img").first).to_be_visible()
    expect(panel.locator("tbody tr").first).to_be_visible()
    # The demo's application under review names gaps, so some figure leads to it.
    expect(panel.get_by_role("link", name="1", exact=True).first).to_be_visible()
    assert_accessible(page)
    assert page.console_errors == []
