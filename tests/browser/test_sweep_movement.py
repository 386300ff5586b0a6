"""The axe sweep of the Movement's admin pages: the event organisers', with their error states
(capacity below the places held, an empty message, the check before cancelling places), and the
moderators' (the queue, refusing without a reason, hiding, hidden posts)."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from movement.models import ModerationStep, Post
from movement.services.moderation import FIRST_POST, post_report, record
from tests.accounts.factories import UserFactory
from tests.browser.sweeping import _settings, _sign_in  # noqa: F401
from tests.movement.factories import (
    EventDocumentFactory,
    EventFactory,
    OfferedFactory,
    PracticeTestFactory,
    RegistrationFactory,
    WaitingFactory,
    movement_staff,
)
from tests.movement.practice_factories import ReplyFactory


def _sweep(page, assert_accessible, path, status=200):
    response = page.goto(path)
    assert response.status == status, f"{path} answered {response.status}"
    assert_accessible(page)


def test_movement_admin_pages(page, live_server, assert_accessible, transactional_db):
    organiser = movement_staff("Movement event organisers")
    event = EventFactory(
        title="Practice day", capacity=2, starts_at=timezone.now() - timedelta(hours=1)
    )
    EventDocumentFactory(event=event)
    RegistrationFactory(
        event=event, name="Ada Able", access_needs="Hearing loop", dietary_needs="Vegan"
    )
    RegistrationFactory(event=event, name="Bo Brown", organisation_name="Leeds City Council")
    WaitingFactory(event=event, name="Cy Waiting")
    OfferedFactory(event=EventFactory(title="Later day"), name="Di Offered")
    _sign_in(page, live_server, organiser)
    base = f"/admin/movement/event/{event.pk}/"
    _sweep(page, assert_accessible, "/admin/movement/event/")
    _sweep(page, assert_accessible, f"{base}change/")
    page.locator("#id_capacity").fill("1")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".errornote")).to_be_visible()
    assert_accessible(page)
    _sweep(page, assert_accessible, "/admin/movement/event/add/")
    _sweep(page, assert_accessible, f"{base}attendees/")
    _sweep(page, assert_accessible, f"{base}sign-in-sheet/?include_needs=on")
    _sweep(page, assert_accessible, f"{base}attendance/")
    _sweep(page, assert_accessible, f"{base}message/")
    page.get_by_role("button", name="Send to 2 people").click()
    expect(page.locator(".errornote")).to_be_visible()
    assert_accessible(page)
    _sweep(page, assert_accessible, "/admin/movement/registration/")
    reg = event.registrations.get(name="Ada Able")
    _sweep(page, assert_accessible, f"/admin/movement/registration/{reg.pk}/change/")
    page.goto("/admin/movement/registration/")
    page.locator(f'input[name="_selected_action"][value="{reg.pk}"]').check()
    page.locator('select[name="action"]').select_option("cancel_places")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cancel these places?")
    assert_accessible(page)


def test_moderation_pages(page, live_server, assert_accessible, transactional_db):
    """The queue with a held post and a report, refusing without a reason (the error state),
    and the hidden posts, reached by the queue's own links."""
    moderator = movement_staff("Movement moderators")
    practice_test = PracticeTestFactory(title="Asking children first")
    held = ReplyFactory(practice_test=practice_test, state=Post.State.HELD, published_at=None)
    record(held, ModerationStep.Action.HELD, by=None, reason=FIRST_POST)
    reported = ReplyFactory(practice_test=practice_test, body="It names a school.")
    post_report(post=reported, by=UserFactory(), reason="It names a school.")
    PracticeTestFactory(title="Hidden test", hidden_at=timezone.now())
    _sign_in(page, live_server, moderator)
    _sweep(page, assert_accessible, "/admin/movement/practicetest/moderation/")
    page.get_by_role("link", name=re.compile(r"^Refuse")).first.click()
    page.get_by_role("button", name=re.compile("Refuse")).click()
    expect(page.locator(".errornote, .errorlist").first).to_be_visible()
    assert_accessible(page)
    page.goto("/admin/movement/practicetest/moderation/")
    page.get_by_role("link", name=re.compile(r"^Hide")).first.click()
    assert_accessible(page)
    _sweep(page, assert_accessible, "/admin/movement/practicetest/moderation/hidden/")
