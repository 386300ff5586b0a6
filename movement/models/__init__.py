"""The Movement's models: events and the places people hold at them; and the practice
network's tests, updates, findings, replies, trials, follows and moderation."""

from movement.models.events import Event, EventDocument
from movement.models.moderation import ModerationStep, Post
from movement.models.practice import (
    Duration,
    Finding,
    Follow,
    Member,
    PracticeTest,
    PracticeUpdate,
    Reply,
    Result,
    Trial,
)
from movement.models.registrations import AttendeeExport, EventMessage, Registration

__all__ = [
    "AttendeeExport",
    "Duration",
    "Event",
    "EventDocument",
    "EventMessage",
    "Finding",
    "Follow",
    "Member",
    "ModerationStep",
    "Post",
    "PracticeTest",
    "PracticeUpdate",
    "Registration",
    "Reply",
    "Result",
    "Trial",
]
