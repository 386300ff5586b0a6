"""Project meetings as iCalendar (RFC 5545), for the .ics feed and the invitation emails.

Meeting notes stay out of the calendar: it holds the time, the place and who is coming.
"""

from collections.abc import Iterable
from datetime import UTC

from django.utils import timezone
from icalendar import Calendar, Event

from pine.models import Meeting, Project

PRODID = "-//What Works for Children's Social Care//PINE//EN"


def meeting_summary(meeting: Meeting, project: Project) -> str:
    return f"PINE meeting: {meeting.stage.name} ({project.title})"


def calendar_for(project: Project, meetings: Iterable[Meeting], *, stage_urls: dict) -> bytes:
    """The project's meetings as one calendar; `stage_urls` maps stage ids to absolute URLs."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"PINE: {project.title}")
    stamp = timezone.now().astimezone(UTC)
    for meeting in meetings:
        event = Event()
        event.add("uid", f"{meeting.uid}@pine")
        event.add("dtstamp", stamp)
        event.add("dtstart", meeting.starts_at.astimezone(UTC))
        event.add("dtend", meeting.ends_at.astimezone(UTC))
        event.add("sequence", meeting.sequence)
        event.add("summary", meeting_summary(meeting, project))
        event.add("location", meeting.location)
        description = [f"Stage: {meeting.stage.name}"]
        if meeting.attendees.strip():
            description.append("Attendees:\n" + meeting.attendees.strip())
        url = stage_urls.get(meeting.stage_id)
        if url:
            description.append(f"Stage page: {url}")
            event.add("url", url)
        event.add("description", "\n\n".join(description))
        calendar.add_component(event)
    return calendar.to_ical()
