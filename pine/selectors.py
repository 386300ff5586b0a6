"""Reads for the project workspace and its stage pages.

The number of queries stays the same however many stages, meetings and documents a project has.
"""

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from pine.models import (
    Action,
    Document,
    EvaluationReport,
    Meeting,
    Project,
    ProjectEvent,
    ProjectStage,
)
from pine.models.projects import ProjectQuerySet
from pine.services.projects.progress import FINISHED

UPCOMING_MEETINGS, RECENT_DOCUMENTS, RECENT_EVENTS = 3, 5, 8


def numbered_stages(project: Project) -> list[ProjectStage]:
    """The project's stages in order, each with its `number` (its place in that order)."""
    stages = list(project.stages.all())
    for number, stage in enumerate(stages, start=1):
        stage.number = number
    return stages


def next_stage(stages: list[ProjectStage], current: ProjectStage | None) -> ProjectStage | None:
    """The first stage after the current one that has not started; None if there is no current."""
    after_current = stages[current.number :] if current else []
    return next((s for s in after_current if s.status == ProjectStage.Status.NOT_STARTED), None)


def published_report(project: Project) -> EvaluationReport | None:
    """The project's evaluation report if it is public; select_related("report") saves a query."""
    report = getattr(project, "report", None)
    if report is None or not report.is_published or project.status == Project.Status.WITHDRAWN:
        return None
    return report


def _numbers(stages: list[ProjectStage]) -> dict[int, int]:
    return {stage.pk: stage.number for stage in stages}


def project_meetings(project: Project) -> QuerySet[Meeting]:
    """Every meeting of the project, with its stage."""
    return Meeting.objects.filter(stage__project=project).select_related("stage")


def upcoming_meetings(project: Project, stages: list[ProjectStage]) -> list[Meeting]:
    """The next few meetings, each stage numbered as in `stages` for its link."""
    meetings = list(project_meetings(project).upcoming()[:UPCOMING_MEETINGS])
    numbers = _numbers(stages)
    for meeting in meetings:
        meeting.stage.number = numbers[meeting.stage_id]
    return meetings


def open_actions(project: Project, stages: list[ProjectStage]) -> list[Action]:
    """Actions not yet done, each with its `stage_number` and whether it is `overdue`."""
    actions = list(
        Action.objects.open()
        .filter(meeting__stage__project=project)
        .select_related("meeting__stage")
    )
    numbers, today = _numbers(stages), timezone.localdate()
    for action in actions:
        action.stage_number = numbers[action.meeting.stage_id]
        action.overdue = action.due_date is not None and action.due_date < today
    return actions


def with_next_steps(projects: ProjectQuerySet) -> list[Project]:
    """Projects with their current stage, next meeting and open actions, in one query.

    Each gets `next_meeting_at`, `open_action_count`, and `finished`; a finished project has
    no current stage, whatever is left undone.
    """
    meetings = (
        Meeting.objects.upcoming().filter(stage__project=OuterRef("pk")).order_by("starts_at")
    )
    actions = (
        Action.objects.open()
        .filter(meeting__stage__project=OuterRef("pk"))
        .order_by()
        .values("meeting__stage__project")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = list(
        projects.with_current_stage().annotate(
            next_meeting_at=Subquery(meetings.values("starts_at")[:1]),
            open_action_count=Coalesce(Subquery(actions), 0),
        )
    )
    for project in rows:
        project.finished = project.status in FINISHED
        if project.finished:
            project.current_stage_name = None
    return rows


def recent_documents(project: Project, stages: list[ProjectStage]) -> list[Document]:
    """The latest documents, each stage numbered as in `stages` for its link."""
    documents = list(
        Document.objects.filter(stage__project=project).select_related("stage", "uploaded_by")[
            :RECENT_DOCUMENTS
        ]
    )
    numbers = _numbers(stages)
    for document in documents:
        document.stage.number = numbers[document.stage_id]
    return documents


def recent_events(project: Project) -> QuerySet[ProjectEvent]:
    """What happened in the project lately, newest first."""
    return (
        ProjectEvent.objects.filter(project=project)
        .select_related("stage", "actor")
        .order_by("-created_at", "-pk")[:RECENT_EVENTS]
    )


def stage_meetings(stage: ProjectStage) -> QuerySet[Meeting]:
    """The stage's meetings, each with its actions: open ones first, then by due date."""
    return stage.meetings.prefetch_related(
        Prefetch("actions", queryset=Action.objects.order_by("done", "due_date", "pk"))
    )


def stage_documents(stage: ProjectStage) -> QuerySet[Document]:
    return stage.documents.select_related("uploaded_by")
