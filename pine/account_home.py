"""PINE's sections of the account home: the person's applications and their projects.

Each section makes one query however many rows it shows. Registered in PineConfig.ready().
"""

from accounts.account_home import Section
from accounts.models import User
from pine import selectors
from pine.models import Application, Project
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


def projects_section(user: User) -> Section | None:
    """The projects of the person's organisations; left out for someone with none."""
    projects = selectors.with_next_steps(Project.objects.for_user(user, staff_verified=False))
    if not projects:
        return None
    return Section("pine/includes/account_home_projects.html", {"projects": projects})
