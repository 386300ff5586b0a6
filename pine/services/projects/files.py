"""Meetings (with their emails) and documents uploaded to a stage."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from core.scanning import scan
from core.uploads import validate_upload
from pine.models import (
    Document,
    Meeting,
    ProjectStage,
)
from pine.services import ActionRefused
from pine.services.projects.common import Kind, record_event
from pine.workflow.rules import can_upload


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
        record_event(
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
            record_event(
                project, Kind.DOCUMENT_UPLOADED, user=user, stage=stage, message=document.title
            )
        except Exception:
            document.file.delete(save=False)  # nothing is kept for a record that was not made
            raise
    return document


def validate_report_pdf(upload: UploadedFile) -> None:
    kind = validate_upload(upload)
    if kind.content_type != "application/pdf":
        raise ValidationError("The report must be a PDF.", code="not_pdf")
    scan(upload)
