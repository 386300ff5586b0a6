"""Project meetings as iCalendar: valid RFC 5545 that calendars accept, without the meeting notes."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from pine.calendar import PRODID, calendar_for
from pine.models import Meeting
from pine.services.projects import project_create
from pine.workflow import Status
from tests.pine.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
NOTES = "Private notes: the service manager is leaving in May."
# Long and not all ASCII, so lines must be folded, and folded by octets rather than characters.
TITLE = (
    "Cyngor Sir Ynys Môn – Teuluoedd yn Gyntaf: cyfarfodydd teulu cyn cynhadledd amddiffyn plant"
)


@pytest.fixture
def project():
    application = ApplicationFactory(status=Status.ACCEPTED, title=TITLE)
    return project_create(application=application, user=None)


@pytest.fixture
def meetings(project):
    first, second, *_ = project.stages.all()
    summer = Meeting.objects.create(
        stage=first,
        starts_at=datetime(2026, 6, 1, 10, 0, tzinfo=LONDON),  # 09:00 UTC (British Summer Time)
        duration_minutes=90,
        location="Canolfan Ebrillwen, Stryd y Bont, Llangefni, Ynys Môn, LL77 7ÈÉ – Ystafell 4",
        attendees="Siân Llewelyn-Jones, Rheolwr Gwasanaeth\r\nDr Zoë Ó Súilleabháin, Ymchwilydd",
        notes=NOTES,
    )
    winter = Meeting.objects.create(
        stage=second,
        starts_at=datetime(2026, 12, 1, 14, 30, tzinfo=LONDON),  # 14:30 UTC
        location="https://meet.example.org/pine/family-circles",
        notes=NOTES,
    )
    Meeting.objects.filter(pk=winter.pk).update(sequence=3)
    winter.refresh_from_db()
    return [summer, winter]


def test_calendar_parses_with_one_event_per_meeting(project, meetings):
    calendar = Calendar.from_ical(calendar_for(project, meetings, stage_urls={}))
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == PRODID
    events = calendar.walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [f"{m.uid}@pine" for m in meetings]
    for event, meeting in zip(events, meetings, strict=True):
        assert event.decoded("DTSTAMP").tzinfo is not None
        assert event.decoded("DTSTART") == meeting.starts_at
        assert event.decoded("DTEND") == meeting.starts_at + timedelta(
            minutes=meeting.duration_minutes
        )
        assert str(event["SUMMARY"]) == f"PINE meeting: {meeting.stage.name} ({TITLE})"
        assert str(event["LOCATION"]) == meeting.location
        assert event.decoded("SEQUENCE") == meeting.sequence
    assert [e.decoded("SEQUENCE") for e in events] == [0, 3]
    assert "Zoë Ó Súilleabháin" in str(events[0]["DESCRIPTION"])


def test_times_are_written_in_utc(project, meetings):
    raw = calendar_for(project, meetings, stage_urls={})
    lines = unfolded(raw)
    assert lines.count(b"DTSTART:20260601T090000Z") == 1
    assert lines.count(b"DTEND:20260601T103000Z") == 1
    assert lines.count(b"DTSTART:20261201T143000Z") == 1
    stamps = [line for line in lines if line.startswith(b"DTSTAMP")]
    assert len(stamps) == 2 and all(s.endswith(b"Z") for s in stamps)
    for event in Calendar.from_ical(raw).walk("VEVENT"):
        for name in ("DTSTART", "DTEND", "DTSTAMP"):
            assert event.decoded(name).utcoffset() == timedelta(0)
            assert event.decoded(name).tzinfo in (UTC, ZoneInfo("UTC"))


def test_meeting_notes_stay_out_of_the_calendar(project, meetings):
    raw = calendar_for(project, meetings, stage_urls={})
    assert b"service manager is leaving" not in b"".join(unfolded(raw))
    for event in Calendar.from_ical(raw).walk("VEVENT"):
        assert "leaving" not in str(event.get("DESCRIPTION", ""))


def test_lines_end_in_crlf_and_are_folded_to_at_most_75_octets(project, meetings):
    raw = calendar_for(
        project, meetings, stage_urls={meetings[0].stage_id: "https://example.org/" + "x" * 200}
    )
    assert raw.endswith(b"\r\n")
    lines = raw[: -len(b"\r\n")].split(b"\r\n")
    assert all(b"\r" not in line and b"\n" not in line for line in lines)
    assert all(len(line) <= 75 for line in lines), max(lines, key=len)
    assert any(line.startswith(b" ") for line in lines)  # long lines really were folded
    assert raw.decode("utf-8")  # folding never splits a character


def test_each_stage_url_given_is_linked_from_its_meeting(project, meetings):
    url = "https://pine.example.org/projects/family-circles/stages/1/"
    raw = calendar_for(project, meetings, stage_urls={meetings[0].stage_id: url})
    first, second = Calendar.from_ical(raw).walk("VEVENT")
    assert str(first["URL"]) == url and url in str(first["DESCRIPTION"])
    assert "URL" not in second


def unfolded(raw: bytes) -> list[bytes]:
    return raw.replace(b"\r\n ", b"").split(b"\r\n")
