"""The Movement in Django admin: events with their places, documents and staff pages for the
day, registrations and the waiting list, the records of attendee lists and messages sent; and
the practice network's moderation."""

from movement.admin import attendees, events, messages, moderation, practice, registrations

__all__ = ["attendees", "events", "messages", "moderation", "practice", "registrations"]
