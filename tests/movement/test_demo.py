"""The Movement's demo content: the real #IUseEvidence event of 2019, past and full, with its
flyer; illustrative events to come with few places left and a waiting list; loaded twice
without duplicates, and with people only when the demo accounts exist."""

import io
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.color import no_style
from django.utils import timezone

from accounts import demo as accounts_demo
from accounts.models import User
from config.management.commands.load_demo_data import LOADERS
from core.uploads import validate_upload
from movement import demo
from movement.models import Event, EventDocument, Registration
from movement.services.places import free_places, waiting_position

pytestmark = pytest.mark.django_db
Status = Registration.Status
LONDON = ZoneInfo("Europe/London")
APPLICANT = "applicant@barking-dagenham.example.org"


def _load(settings, debug: bool = True) -> str:
    settings.DEBUG = debug
    out = io.StringIO()
    for loader in (accounts_demo.load, demo.load):
        loader(stdout=out, style=no_style())
    return out.getvalue()


def _state() -> dict:
    return {
        "events": list(
            Event.objects.order_by("pk").values_list(
                "pk", "slug", "starts_at", "ends_at", "capacity", "is_published", "version"
            )
        ),
        "registrations": list(
            Registration.objects.order_by("pk").values_list(
                "pk", "event_id", "user_id", "status", "created_at", "waiting_since"
            )
        ),
        "documents": list(EventDocument.objects.values_list("pk", "file", "size")),
        "people": User.objects.count(),
    }


def _files(root) -> dict:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _held(event: Event) -> int:
    return Event.objects.with_places().get(pk=event.pk).held


def test_loading_twice_changes_nothing_and_stores_the_flyer_once(settings):
    _load(settings)
    first, files = _state(), _files(settings.MEDIA_ROOT)
    _load(settings)
    assert _state() == first
    assert _files(settings.MEDIA_ROOT) == files
    assert len(first["events"]) == 3
    assert len(first["documents"]) == len(files) == 1
    assert len(first["registrations"]) == 100 + 37 + 33


def test_the_2019_event_is_the_real_one_past_full_with_100_places(settings):
    _load(settings)
    event = Event.objects.get(slug="iuseevidence-2019")
    assert event.title == "#IUseEvidence"
    assert event.starts_at == datetime(2019, 1, 30, 10, tzinfo=LONDON)
    assert event.ends_at == datetime(2019, 1, 30, 16, tzinfo=LONDON)
    assert event.starts_at.astimezone(LONDON).strftime("%A") == "Wednesday"
    assert event.venue_name == "Birmingham Council House"
    assert event.venue_address.splitlines() == ["Victoria Square", "Birmingham", "B1 1BB"]
    assert event.capacity == 100
    assert event.is_published and not event.illustrative
    assert event.has_finished and not event.registration_is_open
    assert event in Event.objects.published().past()
    assert _held(event) == event.capacity
    assert event.registrations.filter(status=Status.ATTENDED).count() == 100
    for fact in ("100 social workers", "8 January 2019", "Stephen Rice", "was full"):
        assert fact in event.description
    assert '"Join the Movement for Evidence-Based Practice"' in event.description
    # Everyone registered between the announcement and the day.
    registered = event.registrations.values_list("created_at", flat=True)
    assert min(registered) >= datetime(2019, 1, 8, tzinfo=LONDON)
    assert max(registered) < event.starts_at


def test_the_flyer_is_a_plain_pdf_that_passes_the_upload_checks(settings):
    _load(settings)
    flyer = EventDocument.objects.get(event__slug="iuseevidence-2019")
    with flyer.file.open("rb") as stored:
        data = stored.read()
    kind = validate_upload(SimpleUploadedFile(flyer.original_name, data))
    assert kind.content_type == flyer.content_type == "application/pdf"
    assert flyer.size == len(data)
    assert flyer.title == "Flyer" and flyer.kind_label == "PDF"
    assert flyer.file.name.startswith("movement/documents/")
    assert flyer.original_name not in flyer.file.name
    startxref = int(re.search(rb"startxref\n(\d+)\n%%EOF\n$", data).group(1))
    assert data[startxref:].startswith(b"xref\n0 ")
    for words in (b"#IUseEvidence", b"Wednesday 30 January 2019, 10.00am to 4.00pm"):
        assert words in data
    assert b"Birmingham Council House, Victoria Square, Birmingham, B1 1BB" in data
    assert b"It is not the original flyer." in data


def test_one_event_to_come_has_few_places_left_and_another_is_full_with_a_waiting_list(settings):
    _load(settings)
    few, full = Event.objects.filter(illustrative=True).order_by("starts_at")
    now = timezone.now()
    for event in (few, full):
        assert event.is_published and event.registration_is_open
        assert event.starts_at > now
        assert event.description.startswith("**This is an illustrative event.**")
        assert "example venue" in event.venue_name
    assert (few.capacity, _held(few), free_places(few)) == (40, 37, 3)
    assert 0 < free_places(few) < few.capacity / 10
    assert (full.capacity, _held(full), free_places(full)) == (30, 30, 0)
    waiting = list(full.registrations.waiting_in_order())
    assert [waiting_position(r) for r in waiting] == [1, 2, 3]
    assert waiting == sorted(waiting, key=lambda r: r.waiting_since)
    # Nobody waits while a place is free, as the services keep it.
    assert not few.registrations.filter(status=Status.WAITING).exists()
    assert few.registrations.exclude(access_needs="").exists()


def test_the_demo_applicant_sees_their_place_in_their_account_home(settings, client):
    _load(settings)
    applicant = User.objects.get(email=APPLICANT)
    place = Registration.objects.get(user=applicant)
    assert place.status == Status.CONFIRMED
    assert place.event.illustrative and place.event.starts_at > timezone.now()
    assert place.organisation.slug == "barking-and-dagenham"
    client.force_login(applicant)
    page = client.get("/accounts/").content.decode()
    assert place.event.title in page
    assert f"/movement/places/{place.token}/" in page


def test_illustrative_people_are_made_in_bulk_and_cannot_sign_in(
    settings, django_assert_max_num_queries
):
    settings.DEBUG = True
    accounts_demo.load(stdout=io.StringIO(), style=no_style())
    # A query or two for each event, its flyer and its places, never one for each person.
    with django_assert_max_num_queries(60):
        demo.load(stdout=io.StringIO(), style=no_style())
    people = User.objects.filter(email__startswith="practitioner-")
    assert people.count() == 100
    assert all(p.email.endswith("@example.org") and not p.has_usable_password() for p in people)
    assert not people.filter(is_staff=True).exists()
    assert not people.filter(email=APPLICANT).exists()


def test_without_debug_the_events_and_flyer_load_but_no_people_or_places(settings):
    output = _load(settings, debug=False)
    assert Event.objects.count() == 3
    assert EventDocument.objects.count() == 1
    assert not User.objects.exists()
    assert not Registration.objects.exists()
    assert "only made when DEBUG=true; none made." in output


def test_loading_the_demo_sends_no_email_and_leaves_the_jobs_nothing_to_do(
    settings, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _load(settings)
        out = io.StringIO()
        call_command("movement_jobs", stdout=out)
    assert mailoutbox == []
    assert [line.rsplit(": ", 1)[1] for line in out.getvalue().splitlines()] == ["0", "0", "0"]


def test_the_demo_loader_loads_the_movement_after_the_accounts_it_needs():
    assert LOADERS.index("movement.demo.load") > LOADERS.index("accounts.demo.load")
    # the practice network's demo people are the events demo's
    assert LOADERS[-2:] == ["movement.demo.load", "movement.demo_practice.load"]


def test_the_summary_counts_the_events_and_places(settings):
    output = _load(settings)
    assert (
        "Movement: 3 events and 1 flyer; 100 illustrative people with 100 places attended, "
        "67 confirmed and 3 on a waiting list."
    ) in output
