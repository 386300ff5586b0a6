"""Documents uploaded to a stage, checked by content and stored privately; and report PDFs."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from accounts.models import User
from core.scanning import scan
from core.uploads import validate_upload
from pine.models import Document, ProjectStage
from pine.services import ActionRefused
from pine.services.projects.progress import Kind, record_event
from pine.workflow.rules import can_upload


def document_upload(
    *, stage: ProjectStage, user: User, upload: UploadedFile, title: str, kind: str
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
