"""The Movement in Django admin: events with their places, documents and staff pages for the
day, registrations and the waiting list, and the records of attendee lists and messages sent."""

from movement.admin import attendees, events, messages, registrations

__all__ = ["attendees", "events", "messages", "registrations"]
