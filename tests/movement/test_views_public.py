"""The Movement's public pages: published events only, places shown honestly, GOV.UK dates,
documents that belong to their event, and query counts that do not grow with the events."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.movement.factories import (
    FLYER_PDF,
    EventDocumentFactory,
    EventFactory,
    OfferedFactory,
    PastEventFactory,
    RegistrationFactory,
    WaitingFactory,
)

pytestmark = pytest.mark.django_db


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_movement_page_explains_it_and_lists_upcoming_events_only(client):
    EventFactory(title="Testing ideas in practice")
    PastEventFactory(title="Last year's gathering")
    EventFactory(title="Not announced yet", is_published=False)
    text = page(client, "/movement/")
    assert "test research ideas in their daily practice" in text
    assert "Society for Evidence Based Policing" in text
    assert "Testing ideas in practice" in text
    assert "Last year" not in text and "Not announced yet" not in text
    assert 'href="/movement/events/"' in text


def test_event_list_shows_upcoming_and_past_with_places_and_illustrative_label(client):
    EventFactory(title="Example day", illustrative=True)
    PastEventFactory(title="The first gathering")
    EventFactory(title="Draft day", is_published=False)
    text = page(client, "/movement/events/")
    assert "Example day" in text and "Illustrative" in text
    assert "The first gathering" in text and "This event has finished" in text
    assert "Places available" in text
    assert "Draft day" not in text
    assert text.index("Upcoming events") < text.index("Example day") < text.index("Past events")
    assert text.index("Past events") < text.index("The first gathering")


def test_event_list_query_count_does_not_grow_with_events(client):
    EventFactory()
    PastEventFactory()
    with CaptureQueriesContext(connection) as few:
        page(client, "/movement/events/")
    for _ in range(4):
        event = EventFactory(capacity=2)
        RegistrationFactory(event=event)
        WaitingFactory(event=event)
        PastEventFactory()
    with CaptureQueriesContext(connection) as many:
        page(client, "/movement/events/")
    assert len(many) == len(few)


def test_movement_page_query_count_does_not_grow_with_events(client):
    EventFactory()
    with CaptureQueriesContext(connection) as few:
        page(client, "/movement/")
    for _ in range(4):
        RegistrationFactory(event=EventFactory())
    with CaptureQueriesContext(connection) as many:
        page(client, "/movement/")
    assert len(many) == len(few)


def test_event_page_gives_date_venue_agenda_access_and_documents(client):
    london = timezone.get_current_timezone()
    event = EventFactory(
        starts_at=datetime(2031, 1, 29, 10, 0, tzinfo=london),
        ends_at=datetime(2031, 1, 29, 16, 0, tzinfo=london),
        agenda="- 10.30am: **Workshops**",
        access_information="A *hearing loop* in the main hall.",
    )
    EventDocumentFactory(event=event, title="Flyer")
    text = page(client, event.get_absolute_url())
    assert "Wednesday 29 January 2031, 10am to 4pm" in text
    assert "Victoria Square<br>Birmingham<br>B1 1BB" in text
    assert "<strong>Workshops</strong>" in text
    assert "<em>hearing loop</em>" in text
    assert f"/movement/events/{event.slug}/documents/" in text
    assert "Flyer</a> (PDF" in text
    assert "Register for this event" in text


def test_event_markdown_is_sanitised(client):
    event = EventFactory(description="Hello <script>alert(1)</script>")
    assert "<script>alert" not in page(client, event.get_absolute_url())


@pytest.mark.parametrize(
    ("capacity", "held", "waiting", "label"),
    [
        (100, 10, 0, "Places available"),
        (100, 91, 0, "Few places left"),
        (100, 90, 0, "Places available"),
        (2, 2, 0, "Full: join the waiting list"),
        (2, 2, 3, "Full: join the waiting list"),
    ],
)
def test_event_page_shows_places_honestly(client, capacity, held, waiting, label):
    event = EventFactory(capacity=capacity)
    RegistrationFactory.create_batch(held, event=event)
    WaitingFactory.create_batch(waiting, event=event)
    text = page(client, event.get_absolute_url())
    assert label in text
    if waiting:
        assert f"{waiting} people are on the waiting list." in text
    assert ("Join the waiting list</a>" in text) == (label.startswith("Full"))


def test_unpublished_event_and_its_pages_are_404_for_everyone(client, superuser):
    event = EventFactory(is_published=False)
    document = EventDocumentFactory(event=event)
    for who in [None, UserFactory(), superuser]:
        if who:
            client.force_login(who)
        assert client.get(event.get_absolute_url()).status_code == 404
        assert client.get(document.get_absolute_url()).status_code == 404
        if who:  # signed out, the register page asks them to sign in first
            assert client.get(f"{event.get_absolute_url()}register/").status_code == 404


def test_past_event_says_it_has_finished_shows_materials_and_no_register_button(client):
    event = PastEventFactory()
    EventDocumentFactory(event=event, title="Slides from the day")
    text = page(client, event.get_absolute_url())
    assert "This event has finished" in text
    assert "Slides from the day" in text and "Materials" in text
    assert "/register/" not in text


def test_closed_registration_says_so_without_a_button(client):
    event = EventFactory(registration_closes_at=timezone.now() - timedelta(hours=1))
    text = page(client, event.get_absolute_url())
    assert "Registration for this event has closed." in text
    assert "/register/" not in text


def test_signed_in_person_sees_their_place_instead_of_the_button(client):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    first, second = WaitingFactory(event=event), WaitingFactory(event=event)
    client.force_login(second.user)
    text = page(client, event.get_absolute_url())
    assert "You are number 2 on the waiting list" in text
    assert f"/movement/places/{second.token}/" in text
    assert "/register/" not in text
    client.force_login(first.user)
    assert "You are number 1 on the waiting list" in page(client, event.get_absolute_url())


def test_offered_person_sees_the_deadline(client):
    offer = OfferedFactory(event=EventFactory(capacity=1))
    client.force_login(offer.user)
    text = page(client, offer.event.get_absolute_url())
    assert "You have been offered a place: accept by" in text


def test_document_downloads_as_an_attachment(client):
    document = EventDocumentFactory()
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == FLYER_PDF


def test_document_of_another_event_is_404(client):
    document = EventDocumentFactory()
    other = EventFactory()
    assert client.get(f"{other.get_absolute_url()}documents/{document.pk}/").status_code == 404
