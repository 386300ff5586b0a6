"""A project's status (pine/services/projects/status.py): changed with a reason, as the table says."""

import pytest

from pine.models import Project, ProjectEvent, ProjectStage
from pine.services import ActionRefused, Conflict
from pine.services.projects import project_transition
from tests.pine.factories import ProjectFactory, manager, member_of, stages_of

pytestmark = pytest.mark.django_db


def test_pausing_needs_a_reason_and_records_it():
    project = ProjectFactory()
    staff = manager(totp=False)
    with pytest.raises(ActionRefused, match="Say why"):
        project_transition(project=project, transition="pause", user=staff, text=" ")
    paused = project_transition(project=project, transition="pause", user=staff, text="Leave.")
    assert paused.status == Project.Status.PAUSED and paused.version == project.version + 1
    event = ProjectEvent.objects.get(kind=ProjectEvent.Kind.STATUS_CHANGED)
    assert (event.actor, event.message) == (staff, "Active to paused. Leave.")


def test_resuming_starts_the_next_stage_when_none_is_under_way():
    project = ProjectFactory(status=Project.Status.PAUSED)
    first, second, *_ = stages_of(project)
    ProjectStage.objects.filter(pk=first.pk).update(status=ProjectStage.Status.COMPLETE)
    project_transition(project=project, transition="resume", user=manager(totp=False), text="Back.")
    second.refresh_from_db()
    assert second.status == ProjectStage.Status.IN_PROGRESS


def test_only_programme_managers_change_the_status_and_a_stale_version_changes_nothing():
    project = ProjectFactory()
    with pytest.raises(ActionRefused, match="Only PINE programme managers can pause a project"):
        project_transition(
            project=project, transition="pause", user=member_of(project.organisation), text="x"
        )
    with pytest.raises(Conflict, match="Someone else changed this project"):
        project_transition(
            project=project,
            transition="pause",
            user=manager(totp=False),
            text="x",
            seen_version=project.version + 1,
        )
    assert Project.objects.get(pk=project.pk).status == Project.Status.ACTIVE
