"""PINE's models: calls and priorities, applications and their answers, events and reviews."""

from pine.models.applications import Application, Event, SectionAnswer
from pine.models.calls import Call, Priority
from pine.models.exports import ApplicationExport
from pine.models.reviews import Criterion, Review, ReviewScore

__all__ = [
    "Application",
    "ApplicationExport",
    "Call",
    "Criterion",
    "Event",
    "Priority",
    "Review",
    "ReviewScore",
    "SectionAnswer",
]
