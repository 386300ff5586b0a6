"""PINE's models: calls, applications and reviews; then projects with their stages and reports."""

from pine.models.applications import Application, Event, SectionAnswer
from pine.models.calls import Call, Priority
from pine.models.exports import ApplicationExport
from pine.models.projects import (
    Action,
    Document,
    EvaluationReport,
    Meeting,
    Project,
    ProjectEvent,
    ProjectStage,
    StageTemplate,
)
from pine.models.reviews import Criterion, Review, ReviewScore

__all__ = [
    "Action",
    "Application",
    "ApplicationExport",
    "Call",
    "Criterion",
    "Document",
    "EvaluationReport",
    "Event",
    "Meeting",
    "Priority",
    "Project",
    "ProjectEvent",
    "ProjectStage",
    "Review",
    "ReviewScore",
    "SectionAnswer",
    "StageTemplate",
]
