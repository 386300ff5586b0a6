"""Journeys made with the keyboard alone: after the first page is opened, every step is a key.

Each journey checks that the skip link works, that each control it needs is reachable with Tab,
and that the control in focus is visibly so (GOV.UK focus styles: a yellow outline or box shadow).
"""

import io
import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import expect

from movement.models import Registration
from pine.models import Document, ProjectStage, SectionAnswer
from pine.workflow import Status
from tests.accounts.factories import MembershipFactory
from tests.movement.factories import EventFactory as MovementEventFactory
from tests.pine.factories import (
    PDF_BYTES,
    ApplicationFactory,
    CallFactory,
    ProjectFactory,
    member_of,
    restore_reference_data,
)

# Enough for the longest page here (the evidence list, with its filters) and no more: a control
# that is never reached fails instead of looping.
MAX_TABS = 150

# What the focused element is, and whether its focus can be seen. A GOV.UK checkbox or radio
# is transparent, and its label draws the focus ring in ::before. A transparent outline (kept
# for forced-colours mode) is not a visible one.
FOCUSED = """() => {
  const el = document.activeElement;
  const ring = (style) =>
    (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
      && style.outlineColor !== 'rgba(0, 0, 0, 0)')
    || style.boxShadow !== 'none';
  const own = getComputedStyle(el);
  const visible = parseFloat(own.opacity) === 0
    ? Boolean(el.labels && el.labels.length && ring(getComputedStyle(el.labels[0], '::before')))
    : ring(own);
  const label = el.labels && el.labels.length ? el.labels[0].innerText : '';
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    name: (el.getAttribute('aria-label') || label || el.innerText || el.value || '').trim(),
    visible,
  };
}"""


def _focused(page) -> dict:
    return page.evaluate(FOCUSED)


def _tab_to(page, name: str, *, backwards: bool = False) -> dict:
    """Press Tab (or Shift+Tab) until the control called `name` has focus, and return it.

    Names are compared with their spaces and line breaks collapsed, and without a decoration
    hidden from screen readers (a filter tag's cross).
    """
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        focused = _focused(page)
        if " ".join(focused["name"].split()).removesuffix("×") == name:
            assert focused["visible"], f"{name!r} has focus but no visible focus style"
            return focused
    raise AssertionError(f"{name!r} was not reached in {MAX_TABS} presses of {key}")


def _skip_to_main_content(page) -> None:
    page.keyboard.press("Tab")
    skip = _focused(page)
    assert skip["name"] == "Skip to main content"
    assert skip["visible"]
    page.keyboard.press("Enter")
    assert _focused(page)["id"] == "main-content"


def _sign_in(page, live_server, user) -> None:
    """Give the browser a session signed in as the user, without a sign-in page."""
    client = Client()
    client.force_login(user)
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


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo_data", stdout=io.StringIO())


def test_search_filter_and_open_a_result_by_keyboard(page, demo):
    page.goto("/evidence/")
    _skip_to_main_content(page)

    _tab_to(page, "Search interventions")
    page.keyboard.type("parenting")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=parenting**")

    _skip_to_main_content(page)
    checkbox = _tab_to(page, "Parenting")
    page.keyboard.press("Space")
    expect(page.locator(f"#{checkbox['id']}")).to_be_checked()
    _tab_to(page, "Apply filters")
    page.keyboard.press("Enter")
    page.wait_for_url("**topic=parenting**")
    assert "q=parenting" in page.url
    expect(page.locator(f"#{checkbox['id']}")).to_be_checked()

    _skip_to_main_content(page)
    _tab_to(page, "Mellow Parenting")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mellow Parenting")
    assert page.console_errors == []


def test_remove_a_filter_and_compare_two_results_by_keyboard(page, demo):
    page.goto("/evidence/?topic=parenting&topic=courts")
    _skip_to_main_content(page)
    _tab_to(page, "Remove filter: Topic: Courts and legal proceedings")
    page.keyboard.press("Enter")
    page.wait_for_url("**/evidence/?topic=parenting")

    _skip_to_main_content(page)
    first = _tab_to(page, "Compare Mellow Parenting")
    page.keyboard.press("Space")
    status = page.get_by_role("status")
    expect(status).to_have_text("1 intervention selected (choose 2 to 4)")
    _tab_to(page, "Compare Parent-child interaction therapy")
    page.keyboard.press("Space")
    expect(status).to_have_text("2 interventions selected")
    assert first["tag"] == "input"
    _tab_to(page, "Compare selected interventions")
    page.keyboard.press("Enter")
    page.wait_for_url("**/compare/?i=**")
    expect(page.get_by_role("table")).to_contain_text("Mellow Parenting")
    expect(page.get_by_role("table")).to_contain_text("Parent-child interaction therapy")
    assert page.console_errors == []


def test_open_the_version_an_intervention_page_cites_by_keyboard(
    page, live_server, settings, transactional_db
):
    settings.SITE_URL = live_server.url  # permanent links are built from it
    call_command("load_demo_data", stdout=io.StringIO())
    page.goto("/evidence/mellow-parenting/")
    _skip_to_main_content(page)
    link = page.get_by_role("link", name=re.compile("^The ratings as they stood on"))
    _tab_to(page, link.inner_text())
    page.keyboard.press("Enter")
    page.wait_for_url("**/evidence/mellow-parenting/as-of/**")
    expect(page.get_by_text("This is an earlier version")).to_be_visible()

    _skip_to_main_content(page)
    _tab_to(page, "See the current page for Mellow Parenting")
    page.keyboard.press("Enter")
    page.wait_for_url("**/evidence/mellow-parenting/")
    assert page.console_errors == []


def test_application_task_list_by_keyboard(page, live_server, transactional_db):
    restore_reference_data()
    application = ApplicationFactory(call=CallFactory(), title="Family Circles")
    _sign_in(page, live_server, member_of(application.organisation))
    page.goto(application.get_absolute_url())
    _skip_to_main_content(page)

    _tab_to(page, "Theory of change")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Theory of change")

    # Left half done: the error summary takes focus, and its link leads to the empty field.
    _tab_to(page, "What outcomes do you hope for, for children and families?")
    page.keyboard.type("Fewer children entering care.")
    _tab_to(page, "Mark as complete")
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    _tab_to(page, "Describe the activities that lead to the outcomes.")
    page.keyboard.press("Enter")
    activities = _focused(page)
    assert activities["name"] == "What activities lead to those outcomes, and how?"
    assert activities["visible"]
    page.keyboard.type("Family meetings, planned with a trained coordinator.")
    _tab_to(page, "Mark as complete")
    page.keyboard.press("Enter")

    expect(page.locator("#status-theory-of-change")).to_have_text("Completed")
    answer = SectionAnswer.objects.get(application=application, section="theory-of-change")
    assert answer.answers["outcomes"] == "Fewer children entering care."
    # The success banner has focus now, just above the way back.
    expect(page.locator(".govuk-notification-banner")).to_be_focused()
    _tab_to(page, "Your applications")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your applications")
    assert page.console_errors == []


def test_document_upload_and_mark_as_ready_by_keyboard(page, live_server, transactional_db):
    restore_reference_data()
    project = ProjectFactory(application__status=Status.ACCEPTED)
    stage = project.stages.order_by("position").first()
    _sign_in(page, live_server, member_of(project.organisation))
    page.goto(f"{project.get_absolute_url()}stages/1/")
    _skip_to_main_content(page)

    _tab_to(page, "Title")
    page.keyboard.type("Theory of change, first draft")
    # A radio group is one Tab stop; the arrow keys choose within it.
    first = _tab_to(page, "Theory of change")
    page.keyboard.press("ArrowDown")
    chosen = _focused(page)
    assert chosen["name"] == "Evaluation plan"
    assert chosen["visible"]
    page.keyboard.press("ArrowUp")
    expect(page.locator(f"#{first['id']}")).to_be_checked()

    _tab_to(page, "Upload a file")
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(
        {"name": "theory-of-change.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    # Back into the radio group, which is entered at the chosen radio; then on to send.
    assert _tab_to(page, "Theory of change", backwards=True)["id"] == first["id"]
    _tab_to(page, "Upload the document")
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been uploaded")
    document = Document.objects.get()
    assert (document.title, document.kind) == ("Theory of change, first draft", "theory_of_change")

    # The page opens at its documents, so the next Tab stops follow on from there.
    _tab_to(page, "Mark this stage as ready for sign-off")
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("is ready for sign-off")
    stage.refresh_from_db()
    assert stage.status == ProjectStage.Status.AWAITING_SIGN_OFF
    assert page.console_errors == []


def test_register_for_an_event_and_cancel_by_keyboard(page, live_server, transactional_db):
    event = MovementEventFactory(title="Testing ideas in practice")
    membership = MembershipFactory(user__full_name="Sam Rivers", user__job_title="Social worker")
    _sign_in(page, live_server, membership.user)
    page.goto(event.get_absolute_url())
    _skip_to_main_content(page)

    _tab_to(page, "Register for this event")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Register for this event")
    # A radio group is one Tab stop; the arrow keys choose within it.
    _tab_to(page, membership.organisation.name)
    page.keyboard.press("ArrowDown")
    assert _focused(page)["name"] == "Another organisation"
    # "Another organisation" with no name: the error summary takes focus and leads to the box.
    _tab_to(page, "Register")
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    _tab_to(
        page, "Enter the name of the organisation, or select \u201cI would rather not say\u201d."
    )
    page.keyboard.press("Enter")
    assert _focused(page)["name"] == "If another organisation, its name"
    page.keyboard.type("Anytown Council")
    _tab_to(page, "Register")
    page.keyboard.press("Enter")

    expect(page.locator(".govuk-panel--confirmation")).to_contain_text("You have a place")
    place = Registration.objects.get(event=event)
    assert (place.organisation, place.organisation_name) == (None, "Anytown Council")

    _tab_to(page, "Cancel your place")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Are you sure you want to cancel your place?"
    )
    _tab_to(page, "Cancel your place")
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been cancelled")
    place.refresh_from_db()
    assert place.status == Registration.Status.CANCELLED
    assert page.console_errors == []
