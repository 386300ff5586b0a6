"""Partnerships after acceptance: projects, their stages, meetings with agreed actions, documents.

A project's stages are copied from the stage templates when it is created, so staff can adapt one
project's stages without touching any other project or the templates.
"""

import uuid
from contextlib import suppress
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Count, Exists, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from config.uploads import KINDS


class StageTemplate(models.Model):
    """A stage every new project starts with; editing it changes only projects created later."""

    name = models.CharField(max_length=200, unique=True)
    guidance = models.TextField(
        help_text="What happens at this stage, for practitioners (Markdown)."
    )
    position = models.PositiveIntegerField(default=0)
    active = models.BooleanField(
        default=True, help_text="Untick to stop copying this stage into new projects."
    )

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


# A workspace shows meeting notes and documents: staff need to be allowed to see all three.
STAFF_WORKSPACE_PERMISSIONS = ("pine.view_project", "pine.view_meeting", "pine.view_document")


class ProjectQuerySet(models.QuerySet):
    def for_user(self, user, *, staff_verified: bool = True) -> "ProjectQuerySet":
        """Projects of the organisations this person belongs to; every project for PINE staff.

        Staff powers apply only when `staff_verified`: views pass whether this session passed
        the staff two-factor check, as the admin requires.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if staff_verified and user.is_staff and user.has_perms(STAFF_WORKSPACE_PERMISSIONS):
            return self.select_related("organisation")
        return self.filter(organisation__memberships__user=user).select_related("organisation")

    def public(self) -> "ProjectQuerySet":
        return self.exclude(status=Project.Status.WITHDRAWN)

    def with_current_stage(self) -> "ProjectQuerySet":
        """Annotate the current stage's name, and when it started if it is under way.

        The current stage is the first (in the project's order) in progress or awaiting sign-off,
        else the first not started, as services.projects.current_stage decides.
        """
        under_way = (ProjectStage.Status.IN_PROGRESS, ProjectStage.Status.AWAITING_SIGN_OFF)
        current = (
            ProjectStage.objects.filter(project=OuterRef("pk"))
            .exclude(status__in=ProjectStage.DONE)
            .annotate(waiting=Case(When(status__in=under_way, then=Value(0)), default=Value(1)))
            .order_by("waiting", "position", "pk")
        )
        return self.annotate(
            current_stage_name=Subquery(current.values("name")[:1]),
            # A restored stage may keep the start of its earlier run: only an active one counts.
            current_stage_started_at=Subquery(current.filter(waiting=0).values("started_at")[:1]),
        )

    def with_progress(self) -> "ProjectQuerySet":
        """The current stage, the stages complete and counted, and the overdue meetings.

        A stage's meeting is overdue when the stage is not complete or skipped, its due date has
        passed, and no meeting for it has taken place. One query for any number of projects.
        """
        stages = ProjectStage.objects.filter(project=OuterRef("pk"))
        held = Meeting.objects.filter(stage=OuterRef("pk"), starts_at__lte=timezone.now())
        overdue = stages.exclude(status__in=ProjectStage.DONE).filter(
            due_date__lt=timezone.localdate()
        )
        return self.with_current_stage().annotate(
            overdue_meetings=self._count(overdue.exclude(Exists(held))),
            stages_complete=self._count(stages.filter(status=ProjectStage.Status.COMPLETE)),
            stages_total=self._count(stages.exclude(status=ProjectStage.Status.SKIPPED)),
        )

    @staticmethod
    def _count(stages: models.QuerySet) -> Coalesce:
        per_project = stages.order_by().values("project").annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(per_project), 0)


class Project(models.Model):
    """A partnership with one organisation to evaluate one practice."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Paused"
        COMPLETED = "completed", "Completed"
        WITHDRAWN = "withdrawn", "Withdrawn"

    application = models.OneToOneField(
        "pine.Application", on_delete=models.PROTECT, related_name="project"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="pine_projects"
    )
    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=200, help_text="Shown on the public partners page.")
    summary = models.TextField(help_text="Shown on the public partners page: a few sentences.")
    intervention = models.ForeignKey(
        "evidence_store.Intervention",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pine_projects",
        help_text="The evidence store intervention this practice is closest to, if any.",
    )
    topic = models.ForeignKey(
        "evidence_store.Topic",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pine_projects",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    started_on = models.DateField(default=timezone.localdate)
    version = models.PositiveIntegerField(default=0, editable=False)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "title"]
        permissions = [
            ("sign_off_projectstage", "Can sign off and return project stages"),
            ("export_project", "Can export the list of projects as CSV"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("pine:project_detail", kwargs={"slug": self.slug})

    def get_public_url(self) -> str:
        return reverse("pine:partner_detail", kwargs={"slug": self.slug})


class ProjectStage(models.Model):
    """One stage of one project; its number is its place in the project's current order."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        AWAITING_SIGN_OFF = "awaiting_sign_off", "Awaiting sign-off"
        COMPLETE = "complete", "Complete"
        SKIPPED = "skipped", "Skipped"

    DONE = (Status.COMPLETE, Status.SKIPPED)

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="stages")
    template = models.ForeignKey(
        StageTemplate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(max_length=200)
    guidance = models.TextField(blank=True, help_text="Markdown.")
    position = models.PositiveIntegerField(
        default=0, help_text="Stages are shown in this order, lowest first."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    due_date = models.DateField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True, editable=False)
    ready_at = models.DateTimeField(null=True, blank=True, editable=False)
    ready_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True, editable=False)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    returned_comment = models.TextField(
        blank=True, editable=False, help_text="Why staff last returned the stage to the partner."
    )
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["position", "pk"]  # always within one project
        indexes = [models.Index(fields=["project", "position"], name="pine_stage_order")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_done(self) -> bool:
        return self.status in self.DONE


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


def _document_path(instance: "Document", filename: str) -> str:
    from config.uploads import server_chosen_name

    return server_chosen_name("pine/documents", filename)


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


class EvaluationReportQuerySet(models.QuerySet):
    def published(self) -> "EvaluationReportQuerySet":
        """Published by today, of a project that was not withdrawn."""
        return self.filter(
            published_on__isnull=False, published_on__lte=timezone.localdate()
        ).exclude(project__status=Project.Status.WITHDRAWN)


def _report_path(instance: "EvaluationReport", filename: str) -> str:
    from config.uploads import server_chosen_name

    return server_chosen_name("pine/reports", filename)


class EvaluationReport(models.Model):
    """The published evaluation of a project: public once staff publish it."""

    project = models.OneToOneField(Project, on_delete=models.PROTECT, related_name="report")
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    summary = models.TextField(help_text="A few sentences for the list of evaluations.")
    findings = models.TextField(help_text="What the evaluation found, in plain words (Markdown).")
    published_on = models.DateField(null=True, blank=True, editable=False)
    pdf = models.FileField(
        "report PDF", upload_to=_report_path, max_length=200, blank=True, help_text="A PDF file."
    )
    pdf_size = models.PositiveIntegerField(null=True, blank=True, editable=False)
    link = models.URLField(
        blank=True, max_length=500, help_text="Or a link to where the report is published."
    )
    illustrative = models.BooleanField(
        default=False,
        help_text="Tick for example content that is not a real evaluation; pages will say so.",
    )
    version = models.PositiveIntegerField(default=0, editable=False)

    objects = EvaluationReportQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "title"]
        permissions = [("publish_evaluationreport", "Can publish evaluation reports")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(pdf="") | ~Q(link=""),
                name="pine_report_pdf_or_link",
                violation_error_message="Upload the report as a PDF, or give a link to it.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if not self.pdf:
            self.pdf_size = None
        elif self.pdf_size is None or not getattr(self.pdf, "_committed", True):
            # The size is only shown beside the link; a missing file gives 404 there.
            with suppress(OSError):
                self.pdf_size = self.pdf.size
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("pine:evaluation_detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.published_on is not None and self.published_on <= timezone.localdate()
