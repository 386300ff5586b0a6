"""PINE's models: calls, applications and reviews; then projects with their stages and reports."""

from pine.models.application_gaps import ApplicationGap
from pine.models.applications import Application, Event, SectionAnswer
from pine.models.calls import Call, Priority
from pine.models.documents import Document
from pine.models.evaluation_reports import EvaluationReport
from pine.models.exports import Export
from pine.models.meetings import Action, Meeting
from pine.models.project_events import ProjectEvent
from pine.models.projects import Project, ProjectStage, StageTemplate
from pine.models.reviews import Criterion, Review, ReviewScore

__all__ = [
    "Action",
    "Application",
    "ApplicationGap",
    "Call",
    "Criterion",
    "Document",
    "EvaluationReport",
    "Event",
    "Export",
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
