"""Partnerships after acceptance: stage templates, projects and their stages.

A project's stages are copied from the stage templates when it is created, so staff can adapt one
project's stages without touching any other project or the templates.
"""

from django.conf import settings
from django.db import models
from django.db.models import Case, Count, Exists, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from pine.workflow.projects import ProjectStatus
from pine.workflow.stages import DONE, UNDER_WAY, StageStatus


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
        under_way = UNDER_WAY
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
        """The current stage, the stages complete, skipped and in all, and the overdue meetings.

        A stage's meeting is overdue when the stage is not complete or skipped, its due date has
        passed, and no meeting for it has taken place. One query for any number of projects.
        """
        stages = ProjectStage.objects.filter(project=OuterRef("pk"))
        # A stage's meetings, through the reverse relation: this module need not import Meeting.
        held = ProjectStage.objects.filter(
            pk=OuterRef("pk"), meetings__starts_at__lte=timezone.now()
        )
        overdue = stages.exclude(status__in=ProjectStage.DONE).filter(
            due_date__lt=timezone.localdate()
        )
        return self.with_current_stage().annotate(
            overdue_meetings=self._count(overdue.exclude(Exists(held))),
            stages_complete=self._count(stages.filter(status=ProjectStage.Status.COMPLETE)),
            stages_skipped=self._count(stages.filter(status=ProjectStage.Status.SKIPPED)),
            stages_total=self._count(stages),
        )

    @staticmethod
    def _count(stages: models.QuerySet) -> Coalesce:
        per_project = stages.order_by().values("project").annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(per_project), 0)


# The summary a project is created with, public from the start until staff write their own.
STARTING_SUMMARY = "{organisation} is evaluating its practice with PINE."


class Project(models.Model):
    """A partnership with one organisation to evaluate one practice."""

    Status = ProjectStatus  # its workflow is pine.workflow.projects

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

    @property
    def written_summary(self) -> str:
        """The summary staff wrote, or "" while it is still the one the project started with.

        That one says the organisation "is evaluating", which stops being true when the project
        ends, so pages show a sentence about the project's status in its place.
        """
        starting = STARTING_SUMMARY.format(organisation="")
        return "" if self.summary.strip().endswith(starting) else self.summary


class ProjectStage(models.Model):
    """One stage of one project; its number is its place in the project's current order."""

    Status = StageStatus  # its workflow is pine.workflow.stages
    DONE = DONE

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
