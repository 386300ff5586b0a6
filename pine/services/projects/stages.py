"""A stage's sign-off: marked ready by the partner, then signed off, returned, skipped or restored by staff."""

from django.db import transaction
from django.utils import timezone

from pine.models import (
    Project,
    ProjectStage,
)
from pine.services import ActionRefused, Conflict
from pine.services.projects.common import (
    Kind,
    Stage,
    can_sign_off,
    is_partner,
    record_event,
    save_stage,
    start_next,
)


def _locked_stage(stage: ProjectStage, seen_version: int | None) -> ProjectStage:
    """Lock the project, then the stage: every stage service takes its locks in this order."""
    project = Project.objects.select_for_update().get(pk=stage.project_id)
    locked = ProjectStage.objects.select_for_update().get(pk=stage.pk)
    locked.project = project
    if seen_version is not None and locked.version != seen_version:
        raise Conflict(
            f"Someone else changed the stage {locked.name} while you were looking at it. It is now "
            f"{locked.get_status_display().lower()}. Nothing was changed: check it and try again."
        )
    return locked


@transaction.atomic
def stage_mark_ready(*, stage: ProjectStage, user, seen_version: int | None = None) -> ProjectStage:
    """A partner says the stage's work is done and asks staff to sign it off."""
    locked = _locked_stage(stage, seen_version)
    project = locked.project
    if not (is_partner(user, project) or can_sign_off(user)):
        raise ActionRefused("Only members of the partner organisation can mark a stage as ready.")
    if project.status != Project.Status.ACTIVE:
        raise ActionRefused(
            f"The project is {project.get_status_display().lower()}, so stages cannot be marked as ready."
        )
    if locked.status != Stage.IN_PROGRESS:
        raise ActionRefused(
            f"This stage is {locked.get_status_display().lower()}, so it cannot be marked as "
            "ready. Only a stage in progress can be."
        )
    before = locked.status
    save_stage(
        locked,
        status=Stage.AWAITING_SIGN_OFF,
        ready_at=timezone.now(),
        ready_by=user,
        started_at=locked.started_at or timezone.now(),
    )
    record_event(project, Kind.STAGE_READY, user=user, stage=locked, before=before)
    return locked


@transaction.atomic
def stage_sign_off(
    *, stage: ProjectStage, user, seen_version: int | None = None, comment: str = ""
) -> ProjectStage:
    """Staff agree the stage is done; the next stage starts."""
    locked = _locked_stage(stage, seen_version)
    if not can_sign_off(user):
        raise ActionRefused("Only PINE programme managers can sign off a stage.")
    if locked.status != Stage.AWAITING_SIGN_OFF:
        raise ActionRefused(
            f"This stage is {locked.get_status_display().lower()}, not awaiting sign-off."
        )
    save_stage(
        locked,
        status=Stage.COMPLETE,
        signed_off_by=user,
        signed_off_at=timezone.now(),
        returned_comment="",
    )
    record_event(
        locked.project,
        Kind.STAGE_SIGNED_OFF,
        user=user,
        stage=locked,
        before=Stage.AWAITING_SIGN_OFF,
        message=comment.strip(),
    )
    start_next(locked.project, user=user)
    return locked


@transaction.atomic
def stage_return(
    *, stage: ProjectStage, user, comment: str, seen_version: int | None = None
) -> ProjectStage:
    """Staff send the stage back to the partner, saying what is still needed."""
    locked = _locked_stage(stage, seen_version)
    if not can_sign_off(user):
        raise ActionRefused("Only PINE programme managers can return a stage.")
    if locked.status != Stage.AWAITING_SIGN_OFF:
        raise ActionRefused(
            f"This stage is {locked.get_status_display().lower()}, not awaiting sign-off."
        )
    comment = comment.strip()
    if not comment:
        raise ActionRefused("Say what still needs to be done. It is sent to the partner.")
    save_stage(locked, status=Stage.IN_PROGRESS, returned_comment=comment)
    record_event(
        locked.project,
        Kind.STAGE_RETURNED,
        user=user,
        stage=locked,
        before=Stage.AWAITING_SIGN_OFF,
        message=comment,
    )
    return locked


@transaction.atomic
def stage_skip(
    *, stage: ProjectStage, user, reason: str = "", seen_version: int | None = None
) -> ProjectStage:
    """Staff decide this project does not need the stage. Its documents and meetings stay."""
    locked = _locked_stage(stage, seen_version)
    if not can_sign_off(user):
        raise ActionRefused("Only PINE programme managers can skip a stage.")
    if locked.status in ProjectStage.DONE:
        raise ActionRefused(f"This stage is already {locked.get_status_display().lower()}.")
    before = locked.status
    save_stage(locked, status=Stage.SKIPPED, returned_comment="")
    record_event(
        locked.project,
        Kind.STAGE_SKIPPED,
        user=user,
        stage=locked,
        before=before,
        message=reason.strip(),
    )
    start_next(locked.project, user=user)
    return locked


@transaction.atomic
def stage_restore(*, stage: ProjectStage, user, seen_version: int | None = None) -> ProjectStage:
    """Bring a skipped stage back; it starts when it is next in line."""
    locked = _locked_stage(stage, seen_version)
    if not can_sign_off(user):
        raise ActionRefused("Only PINE programme managers can restore a stage.")
    if locked.status != Stage.SKIPPED:
        raise ActionRefused("Only a skipped stage can be restored.")
    save_stage(locked, status=Stage.NOT_STARTED)
    record_event(locked.project, Kind.STAGE_RESTORED, user=user, stage=locked, before=Stage.SKIPPED)
    start_next(locked.project, user=user)
    locked.refresh_from_db()
    return locked


STAGE_ACTIONS = {
    "sign_off": stage_sign_off,
    "return": stage_return,
    "skip": stage_skip,
    "restore": stage_restore,
}
