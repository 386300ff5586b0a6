"""The event admin: the list with its places, capacity changes through the waiting list's
service, documents checked as every upload is, and who may open the Movement's admin at all."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.scanning import INFECTED
from movement.models import Event, EventDocument, Registration
from tests.accounts.journeys import sign_in_with_two_factor
from tests.movement.factories import (
    FLYER_PDF,
    EventDocumentFactory,
    EventFactory,
    OfferedFactory,
    PastEventFactory,
    RegistrationFactory,
    WaitingFactory,
)
from tests.pine.factories import manager, staff_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_two_factor_gate")]
LIST = "/admin/movement/event/"
Status = Registration.Status


def change_data(event: Event, **changes) -> dict:
    """The change form as the page sends it, with the version it was opened at."""
    data = {
        "title": event.title,
        "slug": event.slug,
        "summary": event.summary,
        "description": event.description,
        "agenda": event.agenda,
        "starts_at_0": event.starts_at.strftime("%Y-%m-%d"),
        "starts_at_1": event.starts_at.strftime("%H:%M:%S"),
        "ends_at_0": event.ends_at.strftime("%Y-%m-%d"),
        "ends_at_1": event.ends_at.strftime("%H:%M:%S"),
        "registration_closes_at_0": "",
        "registration_closes_at_1": "",
        "venue_name": event.venue_name,
        "venue_address": event.venue_address,
        "access_information": event.access_information,
        "capacity": event.capacity,
        "is_published": "on" if event.is_published else "",
        "seen_version": event.version,
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != "" or k.startswith("registration_closes")}


def change_url(event: Event) -> str:
    return f"{LIST}{event.pk}/change/"


def test_list_shows_places_held_and_waiting(client, organiser):
    event = EventFactory(title="Practice day", capacity=3)
    RegistrationFactory.create_batch(2, event=event)
    OfferedFactory(event=event)
    WaitingFactory.create_batch(4, event=event)
    RegistrationFactory(event=event, status=Status.CANCELLED)
    page = client.get(LIST).content.decode()
    assert "Practice day" in page
    assert f'?event__id__exact={event.pk}">3</a>' in page
    assert f'?event__id__exact={event.pk}&amp;status__exact=waiting">4</a>' in page
    assert f"/admin/movement/event/{event.pk}/sign-in-sheet/" in page


def test_list_query_count_does_not_grow_with_events(client, organiser):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        return len(queries)

    for event in EventFactory.create_batch(2):
        RegistrationFactory(event=event)
    count()
    few = count()
    for event in EventFactory.create_batch(8):
        RegistrationFactory(event=event)
        WaitingFactory(event=event)
    assert count() == few


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("?when=upcoming", "Coming soon", "Long ago"),
        ("?when=past", "Long ago", "Coming soon"),
        ("?is_published__exact=0", "Still a draft", "Coming soon"),
        ("?q=draft", "Still a draft", "Long ago"),
    ],
)
def test_list_filters_and_search(client, organiser, query, shown, hidden):
    EventFactory(title="Coming soon")
    PastEventFactory(title="Long ago")
    EventFactory(title="Still a draft", is_published=False)
    page = client.get(LIST + query).content.decode()
    assert shown in page and hidden not in page


def test_lowering_capacity_below_places_held_is_refused_next_to_the_field(client, organiser):
    event = EventFactory(capacity=5)
    RegistrationFactory.create_batch(3, event=event)
    OfferedFactory(event=event)
    response = client.post(change_url(event), change_data(event, capacity=3, title="New title"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["capacity"] == [
        "Places must be at least 4: the event has 3 confirmed places and 1 open offers. Cancel "
        "registrations first if fewer people can come."
    ]
    event.refresh_from_db()
    assert (event.capacity, event.title) == (5, event.title)


def test_lowering_capacity_to_the_places_held_is_saved(client, organiser):
    event = EventFactory(capacity=5)
    RegistrationFactory.create_batch(3, event=event)
    response = client.post(change_url(event), change_data(event, capacity=3))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.capacity == 3


def test_raising_capacity_offers_the_new_places_at_once(
    client, organiser, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=2)
    RegistrationFactory.create_batch(2, event=event)
    first, second, third = (WaitingFactory(event=event) for _ in range(3))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            change_url(event), change_data(event, capacity=4, venue_name="The Library"), follow=True
        )
    assert "The new places were offered to the 2 people first on the waiting list" in (
        response.content.decode()
    )
    event.refresh_from_db()
    assert (event.capacity, event.venue_name) == (4, "The Library")
    statuses = [Registration.objects.get(pk=r.pk).status for r in (first, second, third)]
    assert statuses == [Status.OFFERED, Status.OFFERED, Status.WAITING]
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.user.email, second.user.email])


def test_a_change_saved_meanwhile_is_not_overwritten(client, organiser):
    event = EventFactory(capacity=10)
    opened = change_data(event, capacity=12)
    Event.objects.filter(pk=event.pk).update(version=event.version + 1, title="Someone else's")
    response = client.post(change_url(event), opened)
    assert response.status_code == 200
    assert "Someone else saved changes to this since you opened it" in response.content.decode()
    event.refresh_from_db()
    assert (event.capacity, event.title) == (10, "Someone else's")


def test_an_offer_by_hand_since_the_form_opened_is_a_conflict_too(client, organiser):
    from movement.services.waiting_list import offer_by_hand

    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    waiting = WaitingFactory(event=event)
    opened = change_data(event, capacity=1, title="Renamed")
    offer_by_hand(registration=waiting, by=organiser)  # adds a place: the event is full
    response = client.post(change_url(event), opened)
    assert "Someone else saved changes" in response.content.decode()
    assert Event.objects.get(pk=event.pk).capacity == 2


def test_a_new_event_is_a_plain_save(client, organiser):
    model = EventFactory.build(slug="new-day", capacity=30)
    data = change_data(model)
    data.pop("seen_version")
    response = client.post(f"{LIST}add/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(slug="new-day")
    assert (event.capacity, event.version) == (30, 0)


def _with_one_upload(event: Event, upload) -> dict:
    return change_data(
        event,
        **{
            "documents-TOTAL_FORMS": "1",
            "documents-0-title": "Flyer",
            "documents-0-file": upload,
            "documents-0-event": event.pk,
        },
    )


def test_a_document_is_checked_and_stored_under_a_name_the_server_chooses(client, organiser):
    event = EventFactory()
    upload = SimpleUploadedFile("Our flyer (final).pdf", FLYER_PDF, "application/pdf")
    response = client.post(change_url(event), _with_one_upload(event, upload))
    assert response.status_code == 302
    document = EventDocument.objects.get()
    assert document.original_name == "Our flyer (final).pdf"
    assert document.content_type == "application/pdf" and document.size == len(FLYER_PDF)
    assert document.file.name.startswith("movement/documents/")
    assert "flyer" not in document.file.name.lower()


def test_a_document_that_is_not_what_it_says_is_refused(client, organiser):
    event = EventFactory()
    upload = SimpleUploadedFile("flyer.pdf", b"MZ\x90\x00 an executable", "application/pdf")
    response = client.post(change_url(event), _with_one_upload(event, upload))
    assert response.status_code == 200
    assert "The selected file is not a real PDF." in response.content.decode()
    assert not EventDocument.objects.exists()


def refuse_everything(upload) -> None:
    """A scanner that finds a virus in every file."""
    raise ValidationError(INFECTED, code="virus")


def test_a_document_the_virus_scanner_refuses_is_not_saved(client, organiser, settings):
    settings.UPLOAD_SCANNER = "tests.movement.test_admin_events.refuse_everything"
    event = EventFactory()
    upload = SimpleUploadedFile("flyer.pdf", FLYER_PDF, "application/pdf")
    response = client.post(change_url(event), _with_one_upload(event, upload))
    assert "contains a virus" in response.content.decode()
    assert not EventDocument.objects.exists()


def test_the_change_page_links_to_the_event_pages_and_its_registrations(client, organiser):
    event = EventFactory()
    EventDocumentFactory(event=event)
    page = client.get(change_url(event)).content.decode()
    for path in ("attendees/", "sign-in-sheet/", "attendance/", "message/"):
        assert f"/admin/movement/event/{event.pk}/{path}" in page
    assert f"/admin/movement/registration/?event__id__exact={event.pk}" in page
    assert "PDF, " in page and event.get_absolute_url() in page


def test_organisers_reach_the_movement_admin_through_the_two_factor_gate(client, settings):
    settings.STAFF_MFA_REQUIRED = True
    user = staff_in("Movement event organisers")
    event = EventFactory()
    client.force_login(user)  # a session that has not used its second factor
    assert client.get(LIST).status_code == 302
    assert client.get(f"{LIST}{event.pk}/attendees/").status_code == 302
    client.logout()
    sign_in_with_two_factor(client, user)
    assert client.get("/admin/").status_code == 200
    assert client.get(LIST).status_code == 200
    assert client.get(f"{LIST}{event.pk}/attendees/").status_code == 200


def test_pine_staff_cannot_see_the_movement_admin(client):
    event = EventFactory()
    client.force_login(manager())
    assert "Movement for Evidence-Based Practice" not in client.get("/admin/").content.decode()
    for path in [
        LIST,
        change_url(event),
        f"{LIST}{event.pk}/attendees/",
        f"{LIST}{event.pk}/sign-in-sheet/",
        f"{LIST}{event.pk}/attendance/",
        f"{LIST}{event.pk}/message/",
        "/admin/movement/registration/",
        "/admin/movement/attendeeexport/",
        "/admin/movement/eventmessage/",
    ]:
        assert client.get(path).status_code == 403, path
