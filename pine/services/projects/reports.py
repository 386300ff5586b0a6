"""Publishing and unpublishing a project's evaluation report, and the one rule for when a report
can be published, which the admin reads to offer "Publish" or say why not."""

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


def _final_and_unfinished(stages: list[ProjectStage]) -> tuple[ProjectStage | None, list[str]]:
    """The stage publishing completes (the last not skipped), and the names of the other
    stages that are neither signed off nor skipped."""
    final = next((s for s in reversed(stages) if s.status != Stage.SKIPPED), None)
    return final, [s.name for s in stages if s is not final and s.status not in ProjectStage.DONE]


def _publish_refusal(
    user: User, report: EvaluationReport, project: Project, stages: list[ProjectStage]
) -> str | None:
    if not (user.is_staff and user.has_perm("pine.publish_evaluationreport")):
        return "Only PINE programme managers can publish a report."
    if report.published_on is not None:
        return f"{report} is already published."
    if project.status == Project.Status.WITHDRAWN:
        return "The project was withdrawn, so its report cannot be published."
    _final, unfinished = _final_and_unfinished(stages)
    if unfinished:
        return (
            "You can publish the report when every other stage is signed off or skipped. "
            "Not done yet: " + ", ".join(unfinished) + "."
        )
    return None


def report_publish_refusal(*, report: EvaluationReport, user: User) -> str | None:
    """Why this person cannot publish the report now, in words they can act on; None if they
    can. report_publish asks the same of the rows it has locked."""
    project = Project.objects.get(pk=report.project_id)
    return _publish_refusal(user, report, project, list(project.stages.all()))


@transaction.atomic
def report_publish(
    *, report: EvaluationReport, user: User, seen_version: int | None = None
) -> EvaluationReport:
    """Publish the report today, complete the project's final stage and the project itself."""
    reports = EvaluationReport.objects.select_related("project")
    locked = lock_unchanged(reports, pk=report.pk, seen=seen_version, conflict=_changed)
    project = Project.objects.select_for_update().get(pk=locked.project_id)
    stages = list(ProjectStage.objects.select_for_update().filter(project=project))
    refused = _publish_refusal(user, locked, project, stages)
    if refused:
        raise ActionRefused(refused)
    final, _unfinished = _final_and_unfinished(stages)
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
