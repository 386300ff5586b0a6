"""What the workspace tests share: a project made as acceptance makes it, a meeting, a project
finished with most of its stages skipped, and a PDF that passes the upload checks."""

import re
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pine.models import EvaluationReport, Meeting, Project, ProjectStage
from pine.services.projects import meeting_save, project_create, report_publish, stage_skip
from pine.workflow import Status
from tests.pine.factories import ApplicationFactory, manager

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


def finish_skipping_five(project: Project) -> EvaluationReport:
    """Sign off the first stage, skip the next five, and publish the report, which completes the
    last stage and the project: 2 of 7 stages complete, 5 skipped."""
    pine_manager = manager(totp=False)
    first, *middle, _ = project.stages.all()
    ProjectStage.objects.filter(pk=first.pk).update(
        status=ProjectStage.Status.COMPLETE, signed_off_at=timezone.now()
    )
    for stage in middle:
        stage_skip(stage=stage, user=pine_manager)
    report = EvaluationReport.objects.create(
        project=project,
        title=f"What {project.title} found",
        slug=project.slug,
        summary="A short summary.",
        findings="It helped.",
        link="https://example.org/report",
    )
    return report_publish(report=report, user=pine_manager)


def tracker_items(page: str) -> list[str]:
    """What each step of the stage tracker says, as a screen reader reads it (markers are hidden)."""
    texts = re.findall(
        r'<span class="app-stage-tracker__text[^"]*">(.*?)</span>\s*</li>', page, re.S
    )
    return [" ".join(re.sub(r"<[^>]+>", "", text).split()) for text in texts]
