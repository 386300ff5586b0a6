"""The Movement's models: events and their documents, and the places people hold at them."""

from movement.models.events import Event, EventDocument
from movement.models.registrations import AttendeeExport, EventMessage, Registration

__all__ = ["AttendeeExport", "Event", "EventDocument", "EventMessage", "Registration"]
