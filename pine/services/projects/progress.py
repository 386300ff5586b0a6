"""A project's progress through its stages: the current stage, saving a stage, starting the
next, and recording what happened (its emails go after commit). Who may act is
pine.workflow.rules'."""

from django.utils import timezone

from accounts.models import User
from pine.models import Project, ProjectEvent, ProjectStage
from pine.services.events import queue_emails

Stage = ProjectStage.Status
Kind = ProjectEvent.Kind
# How long each stage is expected to take, to set first due dates; staff change them freely.
WEEKS_PER_STAGE = 8


def current_stage(stages: list[ProjectStage]) -> ProjectStage | None:
    """The stage being worked on: the first in progress or awaiting sign-off, else the next to start."""
    active = [s for s in stages if s.status in (Stage.IN_PROGRESS, Stage.AWAITING_SIGN_OFF)]
    if active:
        return active[0]
    return next((s for s in stages if s.status == Stage.NOT_STARTED), None)


def record_event(
    project: Project,
    kind: str,
    *,
    user: User | None,
    stage=None,
    before="",
    message="",
    meeting=None,
) -> ProjectEvent:
    """Record what happened in the project; its emails, if any, go after commit."""
    event = ProjectEvent.objects.create(
        project=project,
        stage=stage,
        meeting=meeting,
        kind=kind,
        actor=user if user is not None and user.is_authenticated else None,
        from_status=before,
        to_status=stage.status if stage is not None else "",
        message=message,
    )
    queue_emails(event)
    return event


def save_stage(stage: ProjectStage, **changes) -> None:
    """Save these fields of a stage the caller has locked, and move its version on."""
    for field, value in changes.items():
        setattr(stage, field, value)
    stage.version += 1
    stage.save(update_fields=[*changes, "version"])


def start_next(project: Project, *, user: User) -> ProjectStage | None:
    """If no stage is under way, start the first one not started (in the project's order)."""
    stages = list(ProjectStage.objects.select_for_update().filter(project=project))
    if any(s.status in (Stage.IN_PROGRESS, Stage.AWAITING_SIGN_OFF) for s in stages):
        return None
    following = next((s for s in stages if s.status == Stage.NOT_STARTED), None)
    if following is not None and project.status == Project.Status.ACTIVE:
        save_stage(following, status=Stage.IN_PROGRESS, started_at=timezone.now())
        record_event(
            project, Kind.STAGE_STARTED, user=user, stage=following, before=Stage.NOT_STARTED
        )
    return following
