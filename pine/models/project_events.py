"""What happened in a project: who did what to which stage, meeting or report, and when."""

from django.conf import settings
from django.db import models

from pine.models.meetings import Meeting
from pine.models.projects import Project, ProjectStage


class ProjectEvent(models.Model):
    """Something that happened in a project: a stage's sign-off steps, meetings, documents."""

    class Kind(models.TextChoices):
        CREATED = "created", "Partnership started"
        STAGE_STARTED = "stage_started", "Stage started"
        STAGE_READY = "stage_ready", "Marked ready for sign-off"
        STAGE_SIGNED_OFF = "stage_signed_off", "Signed off"
        STAGE_RETURNED = "stage_returned", "Returned for more work"
        STAGE_SKIPPED = "stage_skipped", "Stage skipped"
        STAGE_RESTORED = "stage_restored", "Stage restored"
        STAGE_ADDED = "stage_added", "Stage added"
        STATUS_CHANGED = "status_changed", "Project status changed"
        MEETING_SCHEDULED = "meeting_scheduled", "Meeting scheduled"
        MEETING_MOVED = "meeting_moved", "Meeting moved"
        DOCUMENT_UPLOADED = "document_uploaded", "Document uploaded"
        REPORT_PUBLISHED = "report_published", "Evaluation report published"
        REPORT_UNPUBLISHED = "report_unpublished", "Evaluation report unpublished"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="events")
    stage = models.ForeignKey(
        ProjectStage, on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    from_status = models.CharField(max_length=20, choices=ProjectStage.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ProjectStage.Status.choices, blank=True)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.project}: {self.get_kind_display()}"
