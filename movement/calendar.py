"""An event as iCalendar (RFC 5545): attached to the confirmation email and downloadable from
the person's place page. It holds the time, the place and a link; nothing about the person."""

from datetime import UTC

from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from core.links import absolute_url
from movement.models import Event

PRODID = "-//What Works for Children's Social Care//Movement for Evidence-Based Practice//EN"


def event_calendar(event: Event) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    entry = CalendarEvent()
    url = absolute_url(event.get_absolute_url())
    entry.add("uid", f"event-{event.pk}@movement")
    entry.add("dtstamp", timezone.now().astimezone(UTC))
    entry.add("dtstart", event.starts_at.astimezone(UTC))
    entry.add("dtend", event.ends_at.astimezone(UTC))
    entry.add("sequence", event.version)
    entry.add("summary", event.title)
    address = ", ".join(line.strip() for line in event.venue_address.splitlines() if line.strip())
    entry.add("location", f"{event.venue_name}, {address}" if address else event.venue_name)
    entry.add("description", f"{event.summary}\n\nDetails, agenda and access information: {url}")
    entry.add("url", url)
    calendar.add_component(entry)
    return calendar.to_ical()
