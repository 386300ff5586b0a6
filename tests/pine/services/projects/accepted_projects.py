"""What the project service tests share: a project made the way acceptance makes it, people who
may not act on it, and its stages and events read back."""

from pine.models import Project, ProjectEvent, ProjectStage
from pine.services.projects import project_create
from pine.workflow import Status
from tests.accounts.factories import OrganisationFactory
from tests.pine.factories import ApplicationFactory, member_of, reviewer

Stage = ProjectStage.Status
Kind = ProjectEvent.Kind


def make_project(**application_fields) -> Project:
    application = ApplicationFactory(status=Status.ACCEPTED, **application_fields)
    return project_create(application=application, user=None)


def stage_rows(project: Project) -> list[tuple]:
    return list(
        project.stages.values_list("pk", "name", "guidance", "position", "status", "version")
    )


def event_kinds(project: Project) -> list[str]:
    return list(project.events.values_list("kind", flat=True))


def _outsider(project):
    return member_of(OrganisationFactory())


def _reviewer(project):
    return reviewer(totp=False)
