"""Every change to a project: creating it on acceptance, the stages' sign-off, meetings, documents.

Each function runs in a transaction and locks what it changes. A person acting on something that
changed since they saw it gets a Conflict, and nothing is saved. Emails go after commit.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import Membership
from config.scanning import scan
from config.uploads import validate_upload
from pine.models import (
    Application,
    Document,
    EvaluationReport,
    Meeting,
    Project,
    ProjectEvent,
    ProjectStage,
    StageTemplate,
)
from pine.services import ActionRefused, Conflict
from pine.services.project_emails import queue_emails

Stage = ProjectStage.Status
Kind = ProjectEvent.Kind
# How long each stage is expected to take, to set first due dates; staff change them freely.
WEEKS_PER_STAGE = 8


def is_partner(user, project: Project) -> bool:
    """Whether this person belongs to the project's organisation."""
    return (
        user.is_authenticated
        and Membership.objects.filter(user=user, organisation=project.organisation_id).exists()
    )


def can_sign_off(user) -> bool:
    return bool(
        user.is_authenticated and user.is_staff and user.has_perm("pine.sign_off_projectstage")
    )


def can_upload(user, project: Project) -> bool:
    if project.status == Project.Status.WITHDRAWN:
        return False
    staff = user.is_authenticated and user.is_staff and user.has_perm("pine.add_document")
    return staff or is_partner(user, project)


def current_stage(stages: list[ProjectStage]) -> ProjectStage | None:
    """The stage being worked on: the first in progress or awaiting sign-off, else the next to start."""
    active = [s for s in stages if s.status in (Stage.IN_PROGRESS, Stage.AWAITING_SIGN_OFF)]
    if active:
        return active[0]
    return next((s for s in stages if s.status == Stage.NOT_STARTED), None)


def _event(
    project: Project, kind: str, *, user, stage=None, before="", message="", meeting=None
) -> ProjectEvent:
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


def _create_with_unique_slug(**fields) -> Project:
    """Create the project with its organisation's slug, numbered if taken (even concurrently)."""
    base = slugify(fields["organisation"].slug)[:90].strip("-") or "project"
    taken = set(Project.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    for n in range(1, 1000):
        slug = base if n == 1 else f"{base}-{n}"
        if slug in taken:
            continue
        try:
            with transaction.atomic():  # a savepoint: a clash with a concurrent insert is retried
                return Project.objects.create(slug=slug, **fields)
        except IntegrityError:
            taken.add(slug)
    raise ActionRefused("Could not choose an address for the project. Try again.")


@transaction.atomic
def project_create(*, application: Application, user) -> Project:
    """Start the partnership for an accepted application, with its stages copied from templates.

    It is called inside the acceptance's own transaction, so either both happen or neither does.
    """
    project = _create_with_unique_slug(
        application=application,
        organisation=application.organisation,
        title=application.title or f"{application.organisation} PINE project",
        # Public from the start, so never the application's own (private) words: staff rewrite it.
        summary=f"{application.organisation} is evaluating its practice with PINE.",
    )
    today = timezone.localdate()
    now = timezone.now()
    stages = [
        ProjectStage(
            project=project,
            template=template,
            name=template.name,
            guidance=template.guidance,
            position=n * 10,
            due_date=today + timedelta(weeks=WEEKS_PER_STAGE * n),
            status=Stage.IN_PROGRESS if n == 1 else Stage.NOT_STARTED,
            started_at=now if n == 1 else None,
        )
        for n, template in enumerate(StageTemplate.objects.filter(active=True), start=1)
    ]
    ProjectStage.objects.bulk_create(stages)
    _event(project, Kind.CREATED, user=user, message=f"From application {application.reference}.")
    return project


@transaction.atomic
def stage_add(
    *,
    project: Project,
    user,
    name: str,
    guidance: str = "",
    due_date=None,
    position: int | None = None,
) -> ProjectStage:
    """Add a stage to this project only: at the given position, or else at the end."""
    if not (user.is_staff and user.has_perm("pine.add_projectstage")):
        raise ActionRefused("Only PINE programme managers can add a stage.")
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if position is None:
        position = (locked.stages.aggregate(m=Max("position"))["m"] or 0) + 10
    stage = ProjectStage.objects.create(
        project=locked, name=name, guidance=guidance, due_date=due_date, position=position
    )
    _event(locked, Kind.STAGE_ADDED, user=user, stage=stage)
    _start_next(locked, user=user)
    stage.refresh_from_db()
    return stage


@transaction.atomic
def project_change_status(
    *, project: Project, user, status: str, seen_version: int | None = None, reason: str = ""
) -> Project:
    """Pause, resume, withdraw or complete a project; resuming starts the next stage if none is."""
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if seen_version is not None and locked.version != seen_version:
        raise Conflict(
            "Someone else changed this project since you opened it. Nothing was changed: check "
            "it and try again."
        )
    if not (user.is_staff and user.has_perm("pine.change_project")):
        raise ActionRefused("Only PINE programme managers can change a project's status.")
    if status not in Project.Status.values:
        raise ActionRefused("Choose a status from the list.")
    if status == locked.status:
        return locked
    before = locked.get_status_display()
    locked.status = status
    locked.version += 1
    locked.save(update_fields=["status", "version"])
    message = f"{before} to {locked.get_status_display().lower()}."
    _event(locked, Kind.STATUS_CHANGED, user=user, message=f"{message} {reason.strip()}".strip())
    if status == Project.Status.ACTIVE:
        _start_next(locked, user=user)
    return locked


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


def _save_stage(stage: ProjectStage, **changes) -> None:
    for field, value in changes.items():
        setattr(stage, field, value)
    stage.version += 1
    stage.save(update_fields=[*changes, "version"])


def _start_next(project: Project, *, user) -> ProjectStage | None:
    """If no stage is under way, start the first one not started (in the project's order)."""
    stages = list(ProjectStage.objects.select_for_update().filter(project=project))
    if any(s.status in (Stage.IN_PROGRESS, Stage.AWAITING_SIGN_OFF) for s in stages):
        return None
    following = next((s for s in stages if s.status == Stage.NOT_STARTED), None)
    if following is not None and project.status == Project.Status.ACTIVE:
        _save_stage(following, status=Stage.IN_PROGRESS, started_at=timezone.now())
        _event(project, Kind.STAGE_STARTED, user=user, stage=following, before=Stage.NOT_STARTED)
    return following


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
    _save_stage(
        locked,
        status=Stage.AWAITING_SIGN_OFF,
        ready_at=timezone.now(),
        ready_by=user,
        started_at=locked.started_at or timezone.now(),
    )
    _event(project, Kind.STAGE_READY, user=user, stage=locked, before=before)
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
    _save_stage(
        locked,
        status=Stage.COMPLETE,
        signed_off_by=user,
        signed_off_at=timezone.now(),
        returned_comment="",
    )
    _event(
        locked.project,
        Kind.STAGE_SIGNED_OFF,
        user=user,
        stage=locked,
        before=Stage.AWAITING_SIGN_OFF,
        message=comment.strip(),
    )
    _start_next(locked.project, user=user)
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
    _save_stage(locked, status=Stage.IN_PROGRESS, returned_comment=comment)
    _event(
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
    _save_stage(locked, status=Stage.SKIPPED, returned_comment="")
    _event(
        locked.project,
        Kind.STAGE_SKIPPED,
        user=user,
        stage=locked,
        before=before,
        message=reason.strip(),
    )
    _start_next(locked.project, user=user)
    return locked


@transaction.atomic
def stage_restore(*, stage: ProjectStage, user, seen_version: int | None = None) -> ProjectStage:
    """Bring a skipped stage back; it starts when it is next in line."""
    locked = _locked_stage(stage, seen_version)
    if not can_sign_off(user):
        raise ActionRefused("Only PINE programme managers can restore a stage.")
    if locked.status != Stage.SKIPPED:
        raise ActionRefused("Only a skipped stage can be restored.")
    _save_stage(locked, status=Stage.NOT_STARTED)
    _event(locked.project, Kind.STAGE_RESTORED, user=user, stage=locked, before=Stage.SKIPPED)
    _start_next(locked.project, user=user)
    locked.refresh_from_db()
    return locked


STAGE_ACTIONS = {
    "sign_off": stage_sign_off,
    "return": stage_return,
    "skip": stage_skip,
    "restore": stage_restore,
}


@transaction.atomic
def meeting_save(*, meeting: Meeting, user) -> Meeting:
    """Save a meeting; a new or moved meeting is recorded and the partner is emailed."""
    before = (
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first() if meeting.pk else None
    )
    kind = None
    if before is None:
        kind = Kind.MEETING_SCHEDULED
    elif (before.starts_at, before.duration_minutes, before.location) != (
        meeting.starts_at,
        meeting.duration_minutes,
        meeting.location,
    ):
        kind = Kind.MEETING_MOVED
        meeting.sequence = before.sequence + 1
    meeting.version = (before.version if before else 0) + 1
    meeting.save()
    if kind is not None:
        project = meeting.stage.project
        when = timezone.localtime(meeting.starts_at)
        _event(
            project,
            kind,
            user=user,
            stage=meeting.stage,
            meeting=meeting,
            message=f"{when:%-d %B %Y at %H:%M}, {meeting.location}",
        )
    return meeting


def document_upload(
    *, stage: ProjectStage, user, upload: UploadedFile, title: str, kind: str
) -> Document:
    """Check the file, store it under a name the server chooses, and record it on the stage.

    Raises ValidationError (for the form's file field) or ActionRefused.
    """
    project = stage.project
    if not can_upload(user, project):
        raise ActionRefused("You cannot add documents to this project.")
    file_kind = validate_upload(upload)
    scan(upload)
    with transaction.atomic():
        document = Document(
            stage=stage,
            title=title.strip() or upload.name[:200],
            kind=kind,
            original_name=(upload.name or "")[:255],
            content_type=file_kind.content_type,
            size=upload.size,
            uploaded_by=user,
        )
        document.file.save(upload.name, upload, save=False)
        try:
            document.save()
            _event(project, Kind.DOCUMENT_UPLOADED, user=user, stage=stage, message=document.title)
        except Exception:
            document.file.delete(save=False)  # nothing is kept for a record that was not made
            raise
    return document


def validate_report_pdf(upload: UploadedFile) -> None:
    kind = validate_upload(upload)
    if kind.content_type != "application/pdf":
        raise ValidationError("The report must be a PDF.", code="not_pdf")
    scan(upload)


@transaction.atomic
def report_publish(
    *, report: EvaluationReport, user, seen_version: int | None = None
) -> EvaluationReport:
    """Publish the report today, complete the project's final stage and the project itself."""
    locked = (
        EvaluationReport.objects.select_for_update().select_related("project").get(pk=report.pk)
    )
    if seen_version is not None and locked.version != seen_version:
        raise Conflict(
            "Someone else changed this report since you opened it. Nothing was changed: check it and try again."
        )
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
        _save_stage(
            final,
            status=Stage.COMPLETE,
            signed_off_by=user,
            signed_off_at=now,
            started_at=final.started_at or now,
        )
        _event(
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
    _event(project, Kind.REPORT_PUBLISHED, user=user, message=locked.title)
    return locked


@transaction.atomic
def report_unpublish(
    *, report: EvaluationReport, user, seen_version: int | None = None
) -> EvaluationReport:
    """Take a report off the public pages; the project stays completed."""
    locked = EvaluationReport.objects.select_for_update().get(pk=report.pk)
    if seen_version is not None and locked.version != seen_version:
        raise Conflict(
            "Someone else changed this report since you opened it. Nothing was changed: check it "
            "and try again."
        )
    if not (user.is_staff and user.has_perm("pine.publish_evaluationreport")):
        raise ActionRefused("Only PINE programme managers can unpublish a report.")
    if locked.published_on is None:
        raise ActionRefused(f"{locked} is not published.")
    locked.published_on = None
    locked.version += 1
    locked.save(update_fields=["published_on", "version"])
    _event(
        Project.objects.get(pk=locked.project_id),
        Kind.REPORT_UNPUBLISHED,
        user=user,
        message=locked.title,
    )
    return locked
