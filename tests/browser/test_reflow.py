"""Pages reflow at 320 CSS pixels wide without scrolling sideways (WCAG 2.2, 1.4.10), and
without breaking a word across two lines to make it fit.

A data table that needs two dimensions may scroll inside its own container; the page as a
whole must not. "Strength of evidenc / e" or "PINE-2026- / 0004" is as hard to read as a
page that scrolls, so no word (a run of characters without a space) may wrap.
"""

import io
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models import Count
from django.test import Client
from playwright.sync_api import expect

from accounts.models import Organisation
from evidence_store.models import Intervention
from pine.models import Application, EvaluationReport, Meeting, Project
from pine.workflow import Status
from tests.movement.factories import (
    EventDocumentFactory,
    OfferedFactory,
    PastEventFactory,
    RegistrationFactory,
    WaitingFactory,
)
from tests.movement.factories import EventFactory as MovementEventFactory
from tests.pine.factories import member_of

# What scrolls sideways at this width, if anything: the page's own scroll width, and the
# outermost elements that stick out past the right edge (for the failure message).
OVERFLOW = """() => {
  const width = window.innerWidth;
  const sticking = [...document.body.querySelectorAll('*')]
    .filter((el) => el.getBoundingClientRect().right > width + 1)
    .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= width + 1)
    .map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : ''));
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width, sticking};
}"""

# Words that wrap onto a second line: for each word of each visible text node, the lines its
# boxes sit on. Visually hidden text is 1px wide on purpose, so it is left out. A compound
# word may wrap after its hyphen or dash ("safety- / organised"), as in print; a reference,
# a code or anything with a digit in it (PINE-2026-0004) may not.
BROKEN_WORDS = """() => {
  const skip = 'script, style, noscript, template, textarea, select, option, '
    + '.govuk-visually-hidden, .govuk-skip-link';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const top = (node, start, end) => {
    range.setStart(node, start);
    range.setEnd(node, end);
    return [...range.getClientRects()].filter((r) => r.width > 0).map((r) => r.top);
  };
  const broken = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest(skip)) continue;
    const prose = !parent.closest('code, .app-nowrap, .app-reference, .govuk-tag');
    for (const word of node.textContent.matchAll(/\\S+/g)) {
      const tops = top(node, word.index, word.index + word[0].length);
      if (tops.length < 2 || Math.max(...tops) - Math.min(...tops) <= 2) continue;
      const first = top(node, word.index, word.index + 1)[0];
      let at = 1;
      while (at < word[0].length
        && Math.abs(top(node, word.index + at, word.index + at + 1)[0] - first) <= 2) at++;
      const afterDash = at > 1 && /[-\u2010\u2013\u2014]/.test(word[0][at - 1]);
      if (!(prose && afterDash && !/\\d/.test(word[0]))) broken.push(word[0]);
    }
  }
  return broken;
}"""


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo_data", stdout=io.StringIO())


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


def test_pages_reflow_at_320_css_pixels_without_scrolling_or_breaking_words(
    page, live_server, demo
):
    partner = member_of(Organisation.objects.get(slug="royal-borough-of-greenwich"))
    partner.memberships.create(organisation=Organisation.objects.get(slug="warrington"))
    draft = Application.objects.get(organisation__slug="warrington", status=Status.DRAFT)
    project = Project.objects.get(organisation__slug="royal-borough-of-greenwich")
    stage_with_meeting = Meeting.objects.filter(stage__project=project).first().stage
    stage_number = list(project.stages.all()).index(stage_with_meeting) + 1
    intervention = Intervention.objects.annotate(n=Count("ratings")).order_by("-n").first()
    four = Intervention.objects.order_by("name").values_list("slug", flat=True)[:4]
    report = EvaluationReport.objects.published().first()
    # The Movement: the partner holds a place at one event, waits at a full one, is offered a
    # place at another; an event that has finished keeps its materials.
    event = MovementEventFactory(title="Supervision that uses evidence in practice")
    EventDocumentFactory(event=event, title="Flyer for the day")
    place = RegistrationFactory(event=event, user=partner, access_needs="A quiet room")
    full = MovementEventFactory(capacity=1, illustrative=True)
    RegistrationFactory(event=full)
    waiting = WaitingFactory(event=full, user=partner)
    offer = OfferedFactory(event=MovementEventFactory(capacity=1), user=partner)
    past = PastEventFactory()
    EventDocumentFactory(event=past, title="Slides from the day")
    public = {
        "home": "/",
        "evidence list with results": "/evidence/?q=care",
        "intervention": intervention.get_absolute_url(),
        "compare four": "/evidence/compare/?" + "&".join(f"i={slug}" for slug in four),
        "ratings guide": "/evidence/ratings/",
        "data dictionary": "/evidence/data/",
        "sign in": "/accounts/login/",
        "evaluation": report.get_absolute_url(),
        # Its table scrolls inside its own box; the hidden words in it must not widen the page.
        "partners": "/pine/partners/",
        "the Movement": "/movement/",
        "events": "/movement/events/",
        "event": event.get_absolute_url(),
        "full event": full.get_absolute_url(),
        "past event": past.get_absolute_url(),
    }
    signed_in = {
        "your applications": "/pine/applications/",
        "application task list": draft.get_absolute_url(),
        "application section": f"{draft.get_absolute_url()}the-practice/",
        "project workspace": project.get_absolute_url(),
        "stage": f"{project.get_absolute_url()}stages/{stage_number}/",
        "organisation": project.organisation.get_absolute_url(),
        "register for an event": f"{MovementEventFactory().get_absolute_url()}register/",
        "event place": f"/movement/places/{place.token}/",
        "waiting list place": f"/movement/places/{waiting.token}/",
        "accept an offer": f"/movement/places/{offer.token}/accept/",
        "cancel a place": f"/movement/places/{place.token}/cancel/",
    }
    page.set_viewport_size({"width": 320, "height": 640})

    scrolling = {}
    broken = {}

    def check(name: str, path: str) -> None:
        response = page.goto(path)
        assert response.status == 200, f"{name}: {path} answered {response.status}"
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        found = page.evaluate(OVERFLOW)
        assert found["innerWidth"] == 320
        if found["scrollWidth"] > found["innerWidth"] + 1:
            scrolling[name] = f"{path}: {found['scrollWidth']}px wide, {found['sticking'][:5]}"
        if words := page.evaluate(BROKEN_WORDS):
            broken[name] = f"{path}: {sorted(set(words))[:10]}"

    for name, path in public.items():
        check(name, path)
    _sign_in(page, live_server, partner)
    for name, path in signed_in.items():
        check(name, path)
    # The account home's event places, for someone with places and nothing else.
    practitioner = RegistrationFactory(event=event).user
    WaitingFactory(event=full, user=practitioner)
    _sign_in(page, live_server, practitioner)
    check("account home with event places", "/accounts/")
    expect(page.locator("#your-event-places")).to_be_visible()
    assert {"scrolling": scrolling, "broken words": broken} == {"scrolling": {}, "broken words": {}}
    assert page.console_errors == []
