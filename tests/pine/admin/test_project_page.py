"""A project's admin page: saving it, changing its status (pause, resume, withdraw, complete)
on the transition pages, and the stages it adds or changes for itself."""

import pytest

from pine.models import Project, ProjectEvent, ProjectStage, StageTemplate
from pine.services.projects import project_transition
from tests.pine.admin.project_pages import PROJECTS, STAGES, Kind, Stage, _post_data, _ready
from tests.pine.factories import ProjectFactory, manager, stages_of

pytestmark = pytest.mark.django_db


def test_projects_are_neither_added_nor_deleted_in_the_admin(client, pine_manager):
    project = ProjectFactory()
    client.force_login(pine_manager)
    assert client.get(f"{PROJECTS}add/").status_code == 403
    assert client.post(f"{PROJECTS}{project.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Project.objects.filter(pk=project.pk).exists()


def test_change_page_shows_stages_history_and_links_to_the_workspace(client, pine_manager):
    project = ProjectFactory()
    client.force_login(pine_manager)
    response = client.get(f"{PROJECTS}{project.pk}/change/")
    page = response.content.decode()
    assert "Partnership started" in page
    assert f"{STAGES}{stages_of(project)[0].pk}/change/" in page
    on_site = client.get(response.context["absolute_url"])  # "View on site"
    assert on_site.status_code == 302 and on_site.url.endswith(f"/pine/projects/{project.slug}/")


def test_saving_a_project_over_someone_elses_change_is_refused(client, pine_manager):
    project = ProjectFactory(title="Family Circles")
    client.force_login(pine_manager)
    data = _post_data(client.get(f"{PROJECTS}{project.pk}/change/"))
    Project.objects.filter(pk=project.pk).update(title="Changed meanwhile", version=5)
    data["title"] = "My new title"

    response = client.post(f"{PROJECTS}{project.pk}/change/", data)

    assert response.status_code == 200
    assert "Someone else saved changes to this" in response.content.decode()
    assert "My new title" in response.content.decode()
    assert Project.objects.get(pk=project.pk).title == "Changed meanwhile"


def _change_project(client, project: Project, **changes):
    data = _post_data(client.get(f"{PROJECTS}{project.pk}/change/"))
    data.update(changes)
    return client.post(f"{PROJECTS}{project.pk}/change/", data)


def _act(client, project: Project, name: str, text: str = "Waiting for new staff."):
    """Open the transition's page, then send it with what the person typed."""
    url = f"{PROJECTS}{project.pk}/act/{name}/"
    page = client.get(url)
    assert page.status_code == 200
    return client.post(
        url, {"seen_version": page.context["form"].initial["seen_version"], "text": text}
    )


def test_the_change_form_offers_the_status_changes_and_cannot_change_the_status(
    client, pine_manager
):
    project = ProjectFactory(title="Family Circles")
    client.force_login(pine_manager)
    page = client.get(f"{PROJECTS}{project.pk}/change/").content.decode()
    for name in ["pause", "withdraw", "complete"]:
        assert f"{PROJECTS}{project.pk}/act/{name}/" in page
    assert f"{PROJECTS}{project.pk}/act/resume/" not in page

    response = _change_project(client, project, status="withdrawn", title="Family Circles, Wigan")

    assert response.status_code == 302, response.context["errors"]
    project.refresh_from_db()
    assert (project.status, project.title) == (Project.Status.ACTIVE, "Family Circles, Wigan")
    assert not ProjectEvent.objects.filter(kind=Kind.STATUS_CHANGED).exists()


def test_changing_the_status_asks_why_and_records_it(client, pine_manager):
    project = ProjectFactory()
    client.force_login(pine_manager)

    refused = _act(client, project, "pause", text="  ")
    assert refused.status_code == 200
    assert "Say why. It is kept in the project&#x27;s history." in refused.content.decode()

    response = _act(client, project, "pause")

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == Project.Status.PAUSED
    event = ProjectEvent.objects.get(kind=Kind.STATUS_CHANGED)
    assert (event.actor, event.message) == (
        pine_manager,
        "Active to paused. Waiting for new staff.",
    )
    assert _act(client, project, "resume", "Staff are back.").status_code == 302
    assert ProjectEvent.objects.filter(kind=Kind.STATUS_CHANGED).count() == 2


def test_saving_without_changing_the_status_records_no_status_change(client, pine_manager):
    project = ProjectFactory()
    client.force_login(pine_manager)
    assert _change_project(client, project, title="A new title").status_code == 302
    assert not ProjectEvent.objects.filter(kind=Kind.STATUS_CHANGED).exists()


def test_resuming_a_paused_project_starts_the_next_stage(client, pine_manager):
    project = ProjectFactory(status=Project.Status.PAUSED)
    first, second, third, *_ = stages_of(project)
    ProjectStage.objects.filter(pk=first.pk).update(status=Stage.COMPLETE)
    client.force_login(pine_manager)

    response = _act(client, project, "resume", "Staff are back.")

    assert response.status_code == 302
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, third.status) == (Stage.IN_PROGRESS, Stage.NOT_STARTED)
    assert second.started_at is not None
    assert ProjectEvent.objects.filter(kind=Kind.STAGE_STARTED, stage=second).exists()


def test_resuming_leaves_a_stage_under_way_alone(client, pine_manager):
    project = ProjectFactory(status=Project.Status.PAUSED)
    client.force_login(pine_manager)

    assert _act(client, project, "resume", "Staff are back.").status_code == 302

    statuses = [s.status for s in stages_of(project)][:2]
    assert statuses == [Stage.IN_PROGRESS, Stage.NOT_STARTED]
    assert not ProjectEvent.objects.filter(kind=Kind.STAGE_STARTED).exists()


def test_a_stale_status_change_is_refused_and_keeps_what_was_typed(client, pine_manager):
    project = ProjectFactory()
    client.force_login(pine_manager)
    url = f"{PROJECTS}{project.pk}/act/withdraw/"
    seen = client.get(url).context["form"].initial["seen_version"]
    project_transition(project=project, transition="pause", user=manager(totp=False), text="x")

    response = client.post(url, {"seen_version": seen, "text": "My careful reason"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this project" in page and "My careful reason" in page
    assert Project.objects.get(pk=project.pk).status == Project.Status.PAUSED
    assert ProjectEvent.objects.filter(kind=Kind.STATUS_CHANGED).count() == 1


def test_a_status_change_the_workflow_does_not_allow_is_refused_in_words(client, pine_manager):
    project = ProjectFactory(status=Project.Status.WITHDRAWN)
    client.force_login(pine_manager)
    response = _act(client, project, "resume", "Please")
    assert "The project is withdrawn, so it cannot be resumed." in response.content.decode()
    assert client.get(f"{PROJECTS}{project.pk}/act/nonsense/").status_code == 404


def test_only_programme_managers_change_a_projects_status(client, pine_reviewer):
    project = ProjectFactory()
    client.force_login(pine_reviewer)
    assert client.get(f"{PROJECTS}{project.pk}/act/pause/").status_code == 403


def test_adding_a_stage_changes_only_this_project(client, pine_manager):
    project, other = ProjectFactory(), ProjectFactory()
    templates = list(StageTemplate.objects.values_list("name", flat=True))
    client.force_login(pine_manager)
    data = _post_data(client.get(f"{PROJECTS}{project.pk}/change/"))
    n = int(data["stages-TOTAL_FORMS"])
    data.update(
        {
            "stages-TOTAL_FORMS": n + 1,
            f"stages-{n}-name": "Follow-up survey",
            f"stages-{n}-position": "",
            f"stages-{n}-due_date": "2027-03-01",
        }
    )

    response = client.post(f"{PROJECTS}{project.pk}/change/", data)

    assert response.status_code == 302, response.context["errors"]
    added = stages_of(project)[-1]
    assert (added.name, added.status, str(added.due_date)) == (
        "Follow-up survey",
        Stage.NOT_STARTED,
        "2027-03-01",
    )
    assert added.position > stages_of(project)[-2].position
    assert len(stages_of(project)) == 8 and len(stages_of(other)) == 7
    assert list(StageTemplate.objects.values_list("name", flat=True)) == templates
    event = ProjectEvent.objects.get(kind=Kind.STAGE_ADDED)
    assert (event.stage, event.actor) == (added, pine_manager)


def test_a_stage_added_with_a_position_goes_there(client, pine_manager):
    project = ProjectFactory()
    first, second, *_ = stages_of(project)
    client.force_login(pine_manager)
    data = _post_data(client.get(f"{PROJECTS}{project.pk}/change/"))
    n = int(data["stages-TOTAL_FORMS"])
    data.update(
        {
            "stages-TOTAL_FORMS": n + 1,
            f"stages-{n}-name": "Co-design workshop",
            f"stages-{n}-position": first.position + 5,
            f"stages-{n}-due_date": "2027-02-01",
        }
    )

    response = client.post(f"{PROJECTS}{project.pk}/change/", data)

    assert response.status_code == 302, response.context["errors"]
    names = [s.name for s in stages_of(project)]
    assert names[:3] == [first.name, "Co-design workshop", second.name]
    added = ProjectStage.objects.get(name="Co-design workshop")
    assert (added.position, str(added.due_date)) == (first.position + 5, "2027-02-01")


def test_a_stale_stage_row_is_refused(client, pine_manager):
    project = ProjectFactory()
    first = stages_of(project)[0]
    client.force_login(pine_manager)
    data = _post_data(client.get(f"{PROJECTS}{project.pk}/change/"))
    _ready(first)  # the partner acts meanwhile
    data["stages-0-due_date"] = "2027-01-31"

    response = client.post(f"{PROJECTS}{project.pk}/change/", data)

    assert response.status_code == 200
    assert "Someone else saved changes to this" in response.content.decode()
    first.refresh_from_db()
    assert first.status == Stage.AWAITING_SIGN_OFF and str(first.due_date) != "2027-01-31"
