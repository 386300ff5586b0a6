"""What the workspace tests share: a project made as acceptance makes it, a meeting, and a PDF
that passes the upload checks."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pine.models import Meeting, Project, ProjectStage
from pine.services.projects import meeting_save, project_create
from pine.workflow import Status
from tests.pine.factories import ApplicationFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def make_project(**application) -> Project:
    return project_create(
        application=ApplicationFactory(status=Status.ACCEPTED, **application), user=None
    )


def upload(name="plan.pdf", content=PDF):
    return SimpleUploadedFile(name, content)


def add_meeting(stage: ProjectStage, **fields) -> Meeting:
    defaults = {
        "starts_at": timezone.now() + timedelta(days=7),
        "location": "Town Hall, Room 4",
        "attendees": "Sam Partner\nAlex Researcher",
        "notes": "Private notes about the **plan**.",
    }
    return meeting_save(meeting=Meeting(stage=stage, **(defaults | fields)), user=None)
