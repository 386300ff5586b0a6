"""What the Movement's emails say: the event's details, links on SITE_URL to the person's place
(never to the host a request named), replies to the Movement team, and a calendar invitation
with a confirmed place."""

import re
from datetime import timedelta

import pytest
from django.urls import resolve
from django.utils import timezone
from icalendar import Calendar

from movement import emails
from movement.models import EventMessage
from tests.movement.factories import EventFactory, OfferedFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

SITE_URL = "https://evidence.example.org"  # pyproject.toml's test settings
TEAM = "events-team@evidence.example.org"


@pytest.fixture(autouse=True)
def _team(settings) -> None:
    settings.MOVEMENT_TEAM_EMAIL = TEAM


def rendered(registration, kind):
    from core.emails import render

    [email] = emails.for_registration(registration, kind)
    return render(email).message()


def links_in(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


@pytest.mark.parametrize("kind", emails.KINDS)
def test_every_email_links_on_the_site_and_replies_go_to_the_movement_team(kind):
    registration = OfferedFactory() if kind == "offered" else RegistrationFactory()
    message = rendered(registration, kind)
    assert message.reply_to == [TEAM]
    assert message.to == [registration.user.email]
    links = links_in(message)
    assert links and all(link.startswith(f"{SITE_URL}/") for link in links), links
    for link in links:
        resolve(link.removeprefix(SITE_URL))  # each is a page of the service
    assert "{" not in message.subject and "}" not in message.body
    assert registration.event.title in message.subject


def test_a_confirmed_place_says_when_and_where_and_how_to_cancel():
    event = EventFactory(
        starts_at=timezone.make_aware(timezone.datetime(2027, 3, 3, 10, 0)),
        ends_at=timezone.make_aware(timezone.datetime(2027, 3, 3, 16, 0)),
    )
    registration = RegistrationFactory(event=event)
    message = rendered(registration, "confirmed")
    assert message.subject == f"You have a place at {event.title} on Wednesday 3 March 2027"
    assert "When: Wednesday 3 March 2027, 10am to 4pm" in message.body
    assert "Where: Birmingham Council House, Victoria Square, Birmingham, B1 1BB" in message.body
    assert f"{SITE_URL}/movement/places/{registration.token}/cancel/" in message.body


def test_the_invitation_holds_the_event_and_no_personal_details():
    registration = RegistrationFactory(access_needs="A hearing loop")
    message = rendered(registration, "confirmed")
    [(name, content, media_type)] = message.attachments
    assert (name, media_type) == ("event.ics", "text/calendar")
    calendar = Calendar.from_ical(content)
    [entry] = calendar.walk("VEVENT")
    assert str(entry["summary"]) == registration.event.title
    assert entry.decoded("dtstart") == registration.event.starts_at.replace(microsecond=0)
    assert str(entry["url"]) == f"{SITE_URL}{registration.event.get_absolute_url()}"
    text = content if isinstance(content, str) else content.decode()
    assert "hearing loop" not in text and registration.user.email not in text


def test_an_offer_gives_its_deadline_and_the_link_to_accept(settings):
    expires = timezone.make_aware(timezone.datetime(2027, 2, 1, 17, 30))
    registration = OfferedFactory(offer_expires_at=expires)
    message = rendered(registration, "offered")
    assert "by 5:30pm on 1 February 2027" in message.subject
    assert f"{SITE_URL}/movement/places/{registration.token}/accept/" in message.body
    assert "offer it to the next person" in message.body


def test_a_staff_message_goes_to_each_person_with_their_own_links():
    event = EventFactory()
    places = RegistrationFactory.create_batch(2, event=event)
    message = EventMessage(event=event, subject="Room change", body="We are now in room 2.")
    from core.emails import render

    sent = [render(email).message() for email in emails.for_message(message, places)]
    assert [m.to for m in sent] == [[p.user.email] for p in places]
    assert all(m.subject == f"{event.title}: Room change" for m in sent)
    assert all("We are now in room 2." in m.body for m in sent)
    assert str(places[0].token) in sent[0].body and str(places[0].token) not in sent[1].body


def test_an_unknown_kind_of_email_is_a_mistake_in_the_code():
    with pytest.raises(ValueError, match="No Movement email"):
        emails.for_registration(RegistrationFactory(), "nope")


def test_a_reminder_carries_the_invitation_again():
    registration = RegistrationFactory(
        event=EventFactory(starts_at=timezone.now() + timedelta(days=1))
    )
    message = rendered(registration, "reminder")
    assert [name for name, *_ in message.attachments] == ["event.ics"]
