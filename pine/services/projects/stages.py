"""A stage's sign-off: marked ready by the partner, then signed off, returned, skipped or restored
by staff. stage_transition makes every one, as pine.workflow.stages says."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.concurrency import changed_meanwhile, lock_unchanged
from pine.models import Project, ProjectStage
from pine.services import Conflict
from pine.services.projects.progress import record_event, save_stage, start_next
from pine.workflow.rules import require
from pine.workflow.stages import BLANK, NOW, NOW_IF_UNSET, TEXT, USER


def _locked_stage(stage: ProjectStage, seen_version: int | None) -> ProjectStage:
    """Lock the project, then the stage: every stage service takes its locks in this order."""
    project = Project.objects.select_for_update().get(pk=stage.project_id)
    locked = lock_unchanged(ProjectStage.objects, pk=stage.pk, seen=seen_version, conflict=_changed)
    locked.project = project
    return locked


def _changed(stage: ProjectStage) -> Conflict:
    return changed_meanwhile(
        f"the stage {stage.name}", f"It is now {stage.get_status_display().lower()}."
    )


def _value(source: str, *, stage: ProjectStage, field: str, user: User, text: str):
    now = timezone.now()
    return {
        NOW: now,
        NOW_IF_UNSET: getattr(stage, field) or now,
        USER: user,
        TEXT: text,
        BLANK: "",
    }[source]


@transaction.atomic
def stage_transition(
    *,
    stage: ProjectStage,
    transition: str,
    user: User,
    text: str = "",
    seen_version: int | None = None,
) -> ProjectStage:
    """Make one transition of the stage: lock, check who may and the version they saw, change
    the stage, record the event (its emails go after commit) and start the next stage if due."""
    locked = _locked_stage(stage, seen_version)
    t = require(user=user, subject=locked, transition=transition, text=text)
    text = text.strip()
    before = locked.status
    changes = {
        field: _value(source, stage=locked, field=field, user=user, text=text)
        for field, source in t.sets.items()
    }
    save_stage(locked, status=t.target, **changes)
    record_event(locked.project, t.event, user=user, stage=locked, before=before, message=text)
    if t.starts_next:
        start_next(locked.project, user=user)
        locked.refresh_from_db()
    return locked


# The named steps, for callers that know which one they mean.
def stage_mark_ready(
    *, stage: ProjectStage, user: User, seen_version: int | None = None
) -> ProjectStage:
    """A partner says the stage's work is done and asks staff to sign it off."""
    return stage_transition(
        stage=stage, transition="mark_ready", user=user, seen_version=seen_version
    )


def stage_sign_off(
    *, stage: ProjectStage, user: User, seen_version: int | None = None, comment: str = ""
) -> ProjectStage:
    """Staff agree the stage is done; the next stage starts."""
    return stage_transition(
        stage=stage, transition="sign_off", user=user, text=comment, seen_version=seen_version
    )


def stage_return(
    *, stage: ProjectStage, user: User, comment: str, seen_version: int | None = None
) -> ProjectStage:
    """Staff send the stage back to the partner, saying what is still needed."""
    return stage_transition(
        stage=stage, transition="return", user=user, text=comment, seen_version=seen_version
    )


def stage_skip(
    *, stage: ProjectStage, user: User, reason: str = "", seen_version: int | None = None
) -> ProjectStage:
    """Staff decide this project does not need the stage. Its documents and meetings stay."""
    return stage_transition(
        stage=stage, transition="skip", user=user, text=reason, seen_version=seen_version
    )


def stage_restore(
    *, stage: ProjectStage, user: User, seen_version: int | None = None
) -> ProjectStage:
    """Bring a skipped stage back; it starts when it is next in line."""
    return stage_transition(stage=stage, transition="restore", user=user, seen_version=seen_version)
