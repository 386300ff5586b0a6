"""What happens in a project's stages: meetings with agreed actions, documents, and events."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from core.uploads import KINDS
from pine.models.projects import Project, ProjectStage, _document_path


class Meeting(models.Model):
    """The stage's meeting with the practice and research teams."""

    stage = models.ForeignKey(ProjectStage, on_delete=models.PROTECT, related_name="meetings")
    starts_at = models.DateTimeField("date and time")
    duration_minutes = models.PositiveSmallIntegerField(
        "length in minutes", default=60, validators=[MinValueValidator(1), MaxValueValidator(720)]
    )
    location = models.CharField(
        "place or link", max_length=300, help_text="An address, or a link to join online."
    )
    attendees = models.TextField(blank=True, help_text="Who is coming, one per line.")
    notes = models.TextField(
        blank=True, help_text="Notes of the meeting (Markdown). The partner can read them."
    )
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Goes up each time the meeting is moved (for calendars).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return f"{self.stage.name}: {timezone.localtime(self.starts_at):%-d %B %Y %H:%M}"

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def is_online(self) -> bool:
        return self.location.startswith(("https://", "http://"))


class Action(models.Model):
    """Something agreed at a meeting, with who will do it and by when."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(max_length=500)
    owner = models.CharField(max_length=200, help_text="Who will do it: a name or a team.")
    due_date = models.DateField(null=True, blank=True)
    done = models.BooleanField(default=False)

    class Meta:
        ordering = ["done", "due_date", "pk"]

    def __str__(self) -> str:
        return self.description


class DocumentQuerySet(models.QuerySet):
    def for_user(self, user, *, staff_verified: bool = True) -> "DocumentQuerySet":
        """Documents of the projects this person can open; none for anyone else."""
        projects = Project.objects.for_user(user, staff_verified=staff_verified)
        return self.filter(stage__project__in=projects.values("pk")).select_related(
            "stage__project"
        )


class Document(models.Model):
    """A file uploaded to a stage, kept in private storage and served only by a checking view."""

    class Kind(models.TextChoices):
        THEORY_OF_CHANGE = "theory_of_change", "Theory of change"
        EVALUATION_PLAN = "evaluation_plan", "Evaluation plan"
        ETHICS = "ethics", "Data protection or ethics form"
        INSTRUMENT = "instrument", "Survey, topic guide or other instrument"
        DATA = "data", "Data or analysis"
        DRAFT = "draft", "Draft report"
        OTHER = "other", "Something else"

    stage = models.ForeignKey(ProjectStage, on_delete=models.PROTECT, related_name="documents")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.OTHER)
    file = models.FileField(upload_to=_document_path, max_length=200)
    original_name = models.CharField(max_length=255, editable=False)
    content_type = models.CharField(max_length=120, editable=False)
    size = models.PositiveIntegerField(editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("pine:document_download", kwargs={"pk": self.pk})

    @property
    def kind_label(self) -> str:
        return next(
            (k.label for k in KINDS.values() if k.content_type == self.content_type), "File"
        )


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
    emails_pending = models.BooleanField(
        default=False, help_text="Set while the event's emails have not been sent."
    )

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.project}: {self.get_kind_display()}"
