"""Publishing and unpublishing a project's evaluation report."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.concurrency import changed_meanwhile, lock_unchanged
from pine.models import (
    EvaluationReport,
    Project,
    ProjectStage,
)
from pine.services import ActionRefused, Conflict
from pine.services.projects.progress import Kind, Stage, record_event, save_stage


def _changed(report: EvaluationReport) -> Conflict:
    return changed_meanwhile("this report")


@transaction.atomic
def report_publish(
    *, report: EvaluationReport, user: User, seen_version: int | None = None
) -> EvaluationReport:
    """Publish the report today, complete the project's final stage and the project itself."""
    reports = EvaluationReport.objects.select_related("project")
    locked = lock_unchanged(reports, pk=report.pk, seen=seen_version, conflict=_changed)
    if not (user.is_staff and user.has_perm("pine.publish_evaluationreport")):
        raise ActionRefused("Only PINE programme managers can publish a report.")
    if locked.published_on is not None:
        raise ActionRefused(f"{locked} is already published.")
    project = Project.objects.select_for_update().get(pk=locked.project_id)
    if project.status == Project.Status.WITHDRAWN:
        raise ActionRefused("The project was withdrawn, so its report cannot be published.")
    stages = list(ProjectStage.objects.select_for_update().filter(project=project))
    final = next((s for s in reversed(stages) if s.status != Stage.SKIPPED), None)
    unfinished = [s.name for s in stages if s is not final and s.status not in ProjectStage.DONE]
    if unfinished:
        raise ActionRefused(
            "Publishing the report completes the project, so sign off or skip its other stages "
            "first. Not done yet: " + ", ".join(unfinished) + "."
        )
    now = timezone.now()
    locked.published_on = timezone.localdate()
    locked.version += 1
    locked.save(update_fields=["published_on", "version"])
    if final is not None and final.status != Stage.COMPLETE:
        before = final.status
        save_stage(
            final,
            status=Stage.COMPLETE,
            signed_off_by=user,
            signed_off_at=now,
            started_at=final.started_at or now,
        )
        record_event(
            project,
            Kind.STAGE_SIGNED_OFF,
            user=user,
            stage=final,
            before=before,
            message="Report published.",
        )
    project.status = Project.Status.COMPLETED
    project.version += 1
    project.save(update_fields=["status", "version"])
    record_event(project, Kind.REPORT_PUBLISHED, user=user, message=locked.title)
    return locked


@transaction.atomic
def report_unpublish(
    *, report: EvaluationReport, user: User, seen_version: int | None = None
) -> EvaluationReport:
    """Take a report off the public pages; the project stays completed."""
    locked = lock_unchanged(
        EvaluationReport.objects, pk=report.pk, seen=seen_version, conflict=_changed
    )
    if not (user.is_staff and user.has_perm("pine.publish_evaluationreport")):
        raise ActionRefused("Only PINE programme managers can unpublish a report.")
    if locked.published_on is None:
        raise ActionRefused(f"{locked} is not published.")
    locked.published_on = None
    locked.version += 1
    locked.save(update_fields=["published_on", "version"])
    record_event(
        Project.objects.get(pk=locked.project_id),
        Kind.REPORT_UNPUBLISHED,
        user=user,
        message=locked.title,
    )
    return locked
