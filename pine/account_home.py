"""PINE's sections of the account home: the person's applications and their projects.

Each section makes one query however many rows it shows. Registered in PineConfig.ready().
"""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.account_home import Section
from accounts.models import User
from pine.models import Action, Application, Meeting, Project, ProjectStage
from pine.services.projects.progress import FINISHED
from pine.workflow import Status

APPLICATIONS_ORDER, PROJECTS_ORDER = 10, 20

WITH_US = "We are checking it"
# What the applicant can do next, and where: "application" or "project" (None: nothing to do).
NEXT_STEPS = {
    Status.DRAFT: ("Continue your application", "application"),
    Status.SUBMITTED: (WITH_US, None),
    Status.SCREENING: (WITH_US, None),
    Status.CONSULTATION: (WITH_US, None),
    Status.MORE_INFORMATION: ("Send us more information", "application"),
    Status.ACCEPTED: ("Go to your project", "project"),
}


def next_step(application: Application) -> dict | None:
    """The next step as words and, where there is something to open, a link."""
    if application.status not in NEXT_STEPS:
        return None
    text, target = NEXT_STEPS[application.status]
    href = None
    if target == "application":
        href = application.get_absolute_url()
    elif target == "project":
        project = getattr(application, "project", None)
        if project is None:  # accepted, with the project still to be set up
            return {"text": "We will set up your project", "href": None}
        href = project.get_absolute_url()
    return {"text": text, "href": href}


def applications_section(user: User) -> Section:
    applications = Application.objects.for_user(user).select_related("project")
    rows = [{"application": a, "next_step": next_step(a)} for a in applications]
    return Section("pine/includes/account_home_applications.html", {"rows": rows})


def _in_stages_that_count(queryset, stage_path: str):
    # A skipped stage's meetings and actions are not the partner's to attend or do.
    return queryset.exclude(**{f"{stage_path}__status": ProjectStage.Status.SKIPPED})


def projects_section(user: User) -> Section | None:
    """The projects of the person's organisations; left out for someone with none."""
    meetings = _in_stages_that_count(
        Meeting.objects.filter(stage__project=OuterRef("pk"), starts_at__gte=timezone.now()),
        "stage",
    ).order_by("starts_at")
    actions = (
        _in_stages_that_count(
            Action.objects.filter(meeting__stage__project=OuterRef("pk"), done=False),
            "meeting__stage",
        )
        .order_by()
        .values("meeting__stage__project")
        .annotate(n=Count("pk"))
        .values("n")
    )
    projects = list(
        Project.objects.for_user(user, staff_verified=False)
        .with_current_stage()
        .annotate(
            next_meeting_at=Subquery(meetings.values("starts_at")[:1]),
            open_action_count=Coalesce(Subquery(actions), 0),
        )
    )
    if not projects:
        return None
    for project in projects:
        project.finished = project.status in FINISHED
        if project.finished:  # a finished project has no current stage, whatever is left
            project.current_stage_name = None
    return Section("pine/includes/account_home_projects.html", {"projects": projects})
