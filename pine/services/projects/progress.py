"""A project's progress through its stages: the current stage, how far it has come, saving a
stage, starting the next, and recording what happened (its emails go after commit). Who may act
is pine.workflow.rules'."""

from dataclasses import dataclass

from django.utils import timezone

from accounts.models import User
from pine.models import Project, ProjectEvent, ProjectStage
from pine.services.events import queue_emails

Stage = ProjectStage.Status
Kind = ProjectEvent.Kind
# How long each stage is expected to take, to set first due dates; staff change them freely.
WEEKS_PER_STAGE = 8
FINISHED = (Project.Status.COMPLETED, Project.Status.WITHDRAWN)


def current_stage(stages: list[ProjectStage]) -> ProjectStage | None:
    """The stage being worked on: the first in progress or awaiting sign-off, else the next to start."""
    active = [s for s in stages if s.status in (Stage.IN_PROGRESS, Stage.AWAITING_SIGN_OFF)]
    if active:
        return active[0]
    return next((s for s in stages if s.status == Stage.NOT_STARTED), None)


def project_current_stage(project: Project, stages: list[ProjectStage]) -> ProjectStage | None:
    """The current stage of a project still running; a finished project has none."""
    if project.status in FINISHED:
        return None
    return current_stage(stages)


@dataclass(frozen=True)
class StageCounts:
    total: int
    complete: int
    skipped: int

    def __str__(self) -> str:
        # Every stage is counted, so a finished project with skipped stages does not read as if
        # it had fewer stages than it was given.
        noun = "stage" if self.total == 1 else "stages"
        words = f"{self.complete} of {self.total} {noun} complete"
        return f"{words}, {self.skipped} skipped." if self.skipped else f"{words}."


def stage_counts(stages: list[ProjectStage]) -> StageCounts:
    return StageCounts(
        total=len(stages),
        complete=sum(s.status == Stage.COMPLETE for s in stages),
        skipped=sum(s.status == Stage.SKIPPED for s in stages),
    )


@dataclass(frozen=True)
class TrackerStep:
    """One step of the stage tracker: its state draws it, its words say the same for everyone."""

    number: int
    name: str
    state: str  # done, current, skipped, to_come or not_done

    @property
    def words(self) -> str:
        return TRACKER_WORDS[self.state]


TRACKER_WORDS = {
    "done": "done",
    "current": "current stage",
    "skipped": "skipped",
    "to_come": "to come",
    "not_done": "not done",  # a stage left undone when the project finished
}


def tracker_steps(project: Project, stages: list[ProjectStage]) -> list[TrackerStep]:
    """The project's stages as steps, in order; `stages` are numbered (selectors.numbered_stages)."""
    current = project_current_stage(project, stages)
    undone = "not_done" if project.status in FINISHED else "to_come"

    def state(stage: ProjectStage) -> str:
        if stage.status == Stage.COMPLETE:
            return "done"
        if stage.status == Stage.SKIPPED:
            return "skipped"
        return "current" if current is not None and stage.pk == current.pk else undone

    return [TrackerStep(number=s.number, name=s.name, state=state(s)) for s in stages]


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
