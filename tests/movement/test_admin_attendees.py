"""An event's staff pages: the attendee list as CSV and its log, the sign-in sheet, marking
attendance and a message to everyone confirmed."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.utils import timezone

from movement.models import AttendeeExport, EventMessage, Registration
from tests.accounts.factories import UserFactory
from tests.movement.factories import (
    EventFactory,
    OfferedFactory,
    PastEventFactory,
    RegistrationFactory,
    WaitingFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_two_factor_gate")]
Status = Registration.Status
NEEDS = "Step-free route Kookaburra"
DIET = "Vegan Platypus"


def staff_without_needs():
    user = UserFactory(is_staff=True)
    codenames = ["view_event", "view_registration", "change_registration", "export_registration"]
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="movement", codename__in=codenames)
    )
    return user


def page_of(event, name: str) -> str:
    return f"/admin/movement/event/{event.pk}/{name}/"


def download(client, event, **data) -> list[dict]:
    response = client.post(page_of(event, "attendees"), data)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="attendees-{event.slug}.csv"'
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def event():
    """Two people with places (one already marked as attended), and three without."""
    event = EventFactory(capacity=3)
    RegistrationFactory(
        event=event,
        name="=HYPERLINK(evil)",
        organisation_name="@Council",
        access_needs=NEEDS,
        dietary_needs=DIET,
    )
    RegistrationFactory(event=event, name="Ali Able", status=Status.ATTENDED)
    OfferedFactory(event=event, name="Offered Only")
    WaitingFactory(event=event, name="Waiting Only")
    RegistrationFactory(event=event, name="Cancelled Only", status=Status.CANCELLED)
    return event


def test_the_attendee_list_holds_those_with_places_neutralised_and_is_logged(
    client, organiser, event
):
    rows = download(client, event)
    assert [r["name"] for r in rows] == ["'=HYPERLINK(evil)", "Ali Able"]
    assert rows[0]["organisation"] == "'@Council"
    assert "access_needs" not in rows[0] and NEEDS not in str(rows)
    log = AttendeeExport.objects.get()
    assert (log.event, log.exported_by, log.included_needs, log.rows) == (
        event,
        organiser,
        False,
        2,
    )


def test_organisers_may_ask_for_the_needs_and_the_log_says_so(client, organiser, event):
    rows = download(client, event, include_needs="on")
    assert rows[0]["access_needs"] == NEEDS and rows[0]["dietary_needs"] == DIET
    assert AttendeeExport.objects.get().included_needs is True


def test_staff_without_the_permission_are_not_asked_and_get_no_needs(client, event):
    client.force_login(staff_without_needs())
    page = client.get(page_of(event, "attendees")).content.decode()
    assert "Include access and dietary needs" not in page
    rows = download(client, event, include_needs="on")
    assert "access_needs" not in rows[0] and NEEDS not in str(rows)
    assert AttendeeExport.objects.get().included_needs is False


def test_the_attendee_list_needs_the_export_permission(client, event):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_registration"))
    client.force_login(user)
    assert client.get(page_of(event, "attendees")).status_code == 403
    assert client.post(page_of(event, "attendees")).status_code == 403
    assert not AttendeeExport.objects.exists()


def test_the_page_shows_the_log_of_downloads(client, organiser, event):
    download(client, event, include_needs="on")
    page = client.get(page_of(event, "attendees")).content.decode()
    assert "Included" in page and (organiser.full_name in page)


def test_the_log_is_read_only(client, organiser, event):
    download(client, event)
    log = AttendeeExport.objects.get()
    assert client.get("/admin/movement/attendeeexport/").status_code == 200
    assert client.get(f"/admin/movement/attendeeexport/{log.pk}/change/").status_code == 200
    assert client.post(f"/admin/movement/attendeeexport/{log.pk}/change/").status_code == 403
    assert client.get(f"/admin/movement/attendeeexport/{log.pk}/delete/").status_code == 403


def test_the_sign_in_sheet_lists_places_by_name_with_a_signature_column(client, organiser):
    event = EventFactory()
    for name in ["Zoe Last", "adam first", "Mo Middle"]:
        RegistrationFactory(event=event, name=name, access_needs=NEEDS)
    WaitingFactory(event=event, name="Not Here")
    page = client.get(page_of(event, "sign-in-sheet")).content.decode()
    assert page.index("adam first") < page.index("Mo Middle") < page.index("Zoe Last")
    assert "Signature" in page and "Not Here" not in page
    assert NEEDS not in page  # not unless asked for
    asked = client.get(page_of(event, "sign-in-sheet") + "?include_needs=on").content.decode()
    assert NEEDS in asked


def test_the_sign_in_sheet_never_shows_needs_to_staff_without_the_permission(client):
    event = EventFactory()
    RegistrationFactory(event=event, name="Pat Person", access_needs=NEEDS, dietary_needs=DIET)
    client.force_login(staff_without_needs())
    page = client.get(page_of(event, "sign-in-sheet") + "?include_needs=on").content.decode()
    assert "Pat Person" in page
    assert NEEDS not in page and DIET not in page and "Access needs" not in page


def test_attendance_is_marked_on_the_day(client, organiser):
    event = EventFactory(starts_at=timezone.now() - timedelta(hours=1))
    came, missed = (RegistrationFactory(event=event) for _ in range(2))
    marked_by_mistake = RegistrationFactory(event=event, status=Status.ATTENDED)
    waiting = WaitingFactory(event=event)
    page = client.get(page_of(event, "attendance")).content.decode()
    assert f'value="{came.pk}"' in page and f'value="{waiting.pk}"' not in page
    response = client.post(
        page_of(event, "attendance"), {"attended": [came.pk, waiting.pk]}, follow=True
    )
    # Only people with places appear, so a waiting person's number is not a choice.
    assert "Select who came from the list." in response.content.decode()
    response = client.post(page_of(event, "attendance"), {"attended": [came.pk]}, follow=True)
    assert "1 of 3 people are marked as attended." in response.content.decode()
    statuses = {r.pk: r.status for r in Registration.objects.all()}
    assert statuses[came.pk] == Status.ATTENDED
    assert statuses[missed.pk] == statuses[marked_by_mistake.pk] == Status.CONFIRMED
    assert statuses[waiting.pk] == Status.WAITING


def test_attendance_cannot_be_marked_before_the_day(client, organiser):
    event = EventFactory(starts_at=timezone.now() + timedelta(days=3))
    place = RegistrationFactory(event=event)
    page = client.get(page_of(event, "attendance")).content.decode()
    assert "You can mark attendance from the day of the event" in page
    client.post(page_of(event, "attendance"), {"attended": [place.pk]})
    assert Registration.objects.get(pk=place.pk).status == Status.CONFIRMED


def test_a_message_goes_to_everyone_confirmed_and_no_one_else(
    client, organiser, event, django_capture_on_commit_callbacks
):
    confirmed = event.registrations.get(status=Status.CONFIRMED)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            page_of(event, "message"),
            {"subject": "Room change", "body": "We are now in the Banqueting Suite."},
            follow=True,
        )
    assert "Your message was sent to the 1 person with a confirmed place." in (
        response.content.decode()
    )
    assert [m.to for m in mail.outbox] == [[confirmed.user.email]]
    assert "We are now in the Banqueting Suite." in mail.outbox[0].body
    message = EventMessage.objects.get()
    assert (message.sent_by, message.recipients) == (organiser, 1)
    assert "Room change" in client.get(page_of(event, "message")).content.decode()


def test_a_message_needs_a_subject_and_someone_to_send_to(client, organiser):
    event = PastEventFactory()
    response = client.post(page_of(event, "message"), {"subject": "", "body": "Hello"})
    page = response.content.decode()
    assert "Enter a subject." in page and "Hello" in page
    response = client.post(page_of(event, "message"), {"subject": "Hi", "body": "Hello"})
    assert "Nobody has a confirmed place at this event" in response.content.decode()
    assert not EventMessage.objects.exists() and not mail.outbox


def test_messages_sent_are_a_read_only_record(client, organiser, event):
    message = EventMessage.objects.create(event=event, subject="Sent", body="Body", recipients=1)
    assert client.get("/admin/movement/eventmessage/").status_code == 200
    assert client.get(f"/admin/movement/eventmessage/{message.pk}/change/").status_code == 200
    assert client.get("/admin/movement/eventmessage/add/").status_code == 403
    assert client.get(f"/admin/movement/eventmessage/{message.pk}/delete/").status_code == 403
