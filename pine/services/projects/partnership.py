"""A partnership starting: its project, created on acceptance with the stages copied from the
templates; and a stage added to one project later."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from pine.models import (
    Application,
    Project,
    ProjectStage,
    StageTemplate,
)
from pine.models.projects import STARTING_SUMMARY
from pine.services import ActionRefused
from pine.services.projects.progress import (
    WEEKS_PER_STAGE,
    Kind,
    Stage,
    record_event,
    start_next,
)


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
def project_create(*, application: Application, user: User) -> Project:
    """Start the partnership for an accepted application, with its stages copied from templates.

    It is called inside the acceptance's own transaction, so either both happen or neither does.
    """
    project = _create_with_unique_slug(
        application=application,
        organisation=application.organisation,
        title=application.title or f"{application.organisation} PINE project",
        # Public from the start, so never the application's own (private) words: staff rewrite it.
        summary=STARTING_SUMMARY.format(organisation=application.organisation),
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
    record_event(
        project, Kind.CREATED, user=user, message=f"From application {application.reference}."
    )
    return project


@transaction.atomic
def stage_add(
    *,
    project: Project,
    user: User,
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
    record_event(locked, Kind.STAGE_ADDED, user=user, stage=stage)
    start_next(locked, user=user)
    stage.refresh_from_db()
    return stage
