"""The project admin: the list and its export, stages and their sign-off, meetings, documents,
evaluation reports and project events."""

import csv
import io
from datetime import timedelta
from pathlib import Path

import pytest
from django import forms
from django.contrib import admin
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pine.models import (
    Document,
    EvaluationReport,
    Meeting,
    Project,
    ProjectEvent,
    ProjectStage,
    StageTemplate,
)
from pine.services.projects import project_transition, stage_mark_ready, stage_return
from tests.accounts.factories import OrganisationFactory, UserFactory
from tests.pine.factories import ApplicationFactory, manager, member_of, reviewer
from tests.pine.project_factories import (
    PDF_BYTES,
    DocumentFactory,
    EvaluationReportFactory,
    MeetingFactory,
    ProjectFactory,
    stages_of,
)

pytestmark = pytest.mark.django_db

Stage = ProjectStage.Status
Kind = ProjectEvent.Kind
PROJECTS = "/admin/pine/project/"
STAGES = "/admin/pine/projectstage/"
MEETINGS = "/admin/pine/meeting/"
DOCUMENTS = "/admin/pine/document/"
REPORTS = "/admin/pine/evaluationreport/"


@pytest.fixture
def private_storage(settings) -> Path:
    """Where uploads go: tests/conftest.py points storage at a fresh directory for each test."""
    return Path(settings.STORAGES["default"]["OPTIONS"]["location"])


def _stored_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def _post_data(response) -> dict:
    """What the change page would send back unchanged: its form, inlines and management forms."""
    every_form = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        every_form += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in every_form:
        for bound in form:
            if isinstance(bound.field, forms.FileField):
                continue  # a stored file is kept when no new one is sent
            value = bound.value()
            if value is None or value is False:
                continue
            data[bound.html_name] = "on" if value is True else value
    return data


def _ready(stage: ProjectStage) -> ProjectStage:
    """The partner marks the stage as ready for sign-off."""
    return stage_mark_ready(stage=stage, user=member_of(stage.project.organisation))


@pytest.mark.parametrize(
    "model",
    [StageTemplate, Project, ProjectStage, Meeting, Document, EvaluationReport, ProjectEvent],
)
def test_each_admin_passes_django_checks(model):
    assert admin.site.get_model_admin(model).check() == []


# --- Stage templates -------------------------------------------------------------------------


def test_editing_a_template_leaves_existing_projects_alone(client, pine_manager):
    project = ProjectFactory()
    template = StageTemplate.objects.get(position=1)
    client.force_login(pine_manager)
    response = client.post(
        f"/admin/pine/stagetemplate/{template.pk}/change/",
        {"name": "Modelling", "guidance": "New words.", "position": 1, "active": "on"},
    )
    assert response.status_code == 302
    assert StageTemplate.objects.get(pk=template.pk).name == "Modelling"
    first = stages_of(project)[0]
    assert first.name == "Planning and modelling the intervention"
    assert first.guidance != "New words."


# --- The project list and its export ---------------------------------------------------------


def test_list_query_count_does_not_grow_with_projects(client, pine_manager):
    client.force_login(pine_manager)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(PROJECTS).status_code == 200
        return len(queries)

    ProjectFactory.create_batch(2)
    count()
    few = count()
    for project in ProjectFactory.create_batch(8):
        MeetingFactory(stage=stages_of(project)[0])
    assert count() == few


def test_annotations_give_current_stage_days_in_it_and_overdue_meetings():
    project = ProjectFactory()
    first, second, third, fourth, *_ = stages_of(project)
    now, today = timezone.now(), timezone.localdate()
    yesterday = today - timedelta(days=1)
    ProjectStage.objects.filter(pk=first.pk).update(
        started_at=now - timedelta(days=3), due_date=yesterday
    )
    ProjectStage.objects.filter(pk=second.pk).update(due_date=yesterday)
    # A meeting that has taken place means the stage's meeting is not overdue.
    ProjectStage.objects.filter(pk=third.pk).update(due_date=yesterday)
    MeetingFactory(stage=third, starts_at=now - timedelta(days=2))
    # Skipped stages need no meeting.
    ProjectStage.objects.filter(pk=fourth.pk).update(due_date=yesterday, status=Stage.SKIPPED)

    row = Project.objects.filter(pk=project.pk).with_progress().get()

    assert row.current_stage_name == first.name
    assert (today - timezone.localdate(row.current_stage_started_at)).days == 3
    assert row.overdue_meetings == 2  # the first and second stages
    assert (row.stages_complete, row.stages_total) == (0, 6)


def test_current_stage_is_the_next_not_started_when_none_is_under_way():
    project = ProjectFactory(status=Project.Status.PAUSED)
    first, second, *_ = stages_of(project)
    ProjectStage.objects.filter(pk=first.pk).update(status=Stage.COMPLETE)

    row = Project.objects.filter(pk=project.pk).with_progress().get()

    assert row.current_stage_name == second.name
    assert row.current_stage_started_at is None
    assert (row.stages_complete, row.stages_total) == (1, 7)


def test_a_restored_stage_is_not_counted_as_started_until_it_starts_again():
    project = ProjectFactory()
    first, second, *_ = stages_of(project)
    ProjectStage.objects.filter(pk=first.pk).update(status=Stage.COMPLETE)
    # Started once, then skipped and restored: it keeps its old start but is not under way.
    ProjectStage.objects.filter(pk=second.pk).update(
        status=Stage.NOT_STARTED, started_at=timezone.now() - timedelta(days=30)
    )

    row = Project.objects.filter(pk=project.pk).with_progress().get()

    assert row.current_stage_name == second.name
    assert row.current_stage_started_at is None


def test_public_current_stage_is_the_one_the_admin_list_shows():
    project = ProjectFactory()
    first, second, *_ = stages_of(project)
    ProjectStage.objects.filter(pk=first.pk).update(status=Stage.SKIPPED)
    ProjectStage.objects.filter(pk=second.pk).update(status=Stage.AWAITING_SIGN_OFF)

    public = Project.objects.filter(pk=project.pk).with_current_stage().get()
    listed = Project.objects.filter(pk=project.pk).with_progress().get()

    assert public.current_stage_name == listed.current_stage_name == second.name


def test_list_shows_the_columns(client, pine_manager):
    project = ProjectFactory(title="Family Circles in Wigan")
    first = stages_of(project)[0]
    ProjectStage.objects.filter(pk=first.pk).update(
        started_at=timezone.now() - timedelta(days=12),
        due_date=timezone.localdate() - timedelta(days=1),
    )
    client.force_login(pine_manager)
    page = client.get(PROJECTS).content.decode()
    assert "Family Circles in Wigan" in page
    assert '<td class="field-current_stage">Planning and modelling the intervention</td>' in page
    assert '<td class="field-days_in_stage">12</td>' in page
    assert '<td class="field-overdue_meetings">1</td>' in page
    assert '<td class="field-progress">0 of 7</td>' in page


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("?overdue=yes", ["Late"]),
        ("?overdue=no", ["On time"]),
        ("?organisation__region__exact=london", ["On time"]),
        ("?stage=Evaluation+plan", ["On time"]),
        ("?status__exact=active", ["Late", "On time"]),
        ("?q=late", ["Late"]),
    ],
)
def test_list_filters_and_search(client, pine_manager, query, shown):
    late = ProjectFactory(title="Late")
    ProjectStage.objects.filter(pk=stages_of(late)[0].pk).update(
        due_date=timezone.localdate() - timedelta(days=1)
    )
    london = OrganisationFactory(region="london")
    on_time = ProjectFactory(application=ApplicationFactory(organisation=london, status="accepted"))
    Project.objects.filter(pk=on_time.pk).update(title="On time")
    ProjectStage.objects.filter(pk=stages_of(on_time)[0].pk).update(status=Stage.COMPLETE)
    ProjectStage.objects.filter(pk=stages_of(on_time)[1].pk).update(status=Stage.IN_PROGRESS)
    client.force_login(pine_manager)
    response = client.get(PROJECTS + query)
    assert response.status_code == 200
    listed = sorted(p.title for p in response.context["cl"].result_list)
    assert listed == shown


def _export(client, query: str = "") -> list[list[str]]:
    response = client.get(f"{PROJECTS}export/{query}")
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_export_follows_the_filters_and_neutralises_formulas(client, pine_manager):
    ProjectFactory(title='=HYPERLINK("http://bad.example")')
    ProjectFactory(title="Family Circles", status=Project.Status.PAUSED)
    client.force_login(pine_manager)

    header, *rows = _export(client, "?status__exact=active")

    assert header[:6] == ["slug", "title", "organisation", "region", "status", "current_stage"]
    (row,) = rows
    assert row[1] == '\'=HYPERLINK("http://bad.example")'
    assert row[3:8] == ["North West", "Active", "Planning and modelling the intervention", "0", "0"]
    assert row[8:10] == ["0", "7"]


def test_export_gives_days_in_stage_and_overdue_meetings(client, pine_manager):
    project = ProjectFactory()
    ProjectStage.objects.filter(pk=stages_of(project)[0].pk).update(
        started_at=timezone.now() - timedelta(days=5),
        due_date=timezone.localdate() - timedelta(days=1),
    )
    client.force_login(pine_manager)

    _header, row = _export(client)

    assert (row[0], row[6], row[7]) == (project.slug, "5", "1")


def test_changelist_links_to_the_export_with_its_filters(client, pine_manager):
    client.force_login(pine_manager)
    page = client.get(PROJECTS + "?status__exact=paused").content.decode()
    assert "/admin/pine/project/export/?status__exact=paused" in page


def test_export_query_count_does_not_grow(client, pine_manager):
    client.force_login(pine_manager)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            _export(client)
        return len(queries)

    ProjectFactory()
    count()
    few = count()
    ProjectFactory.create_batch(5)
    assert count() == few
    assert len(_export(client)) == 7


def test_each_export_is_logged_with_who_which_filter_and_how_many_rows(client, pine_manager):
    """As for applications: the log says who took which projects out of the service."""
    from pine.models import Export

    ProjectFactory(status=Project.Status.PAUSED)
    ProjectFactory()
    client.force_login(pine_manager)
    _export(client, "?status__exact=paused")
    log = Export.objects.get()
    assert (log.kind, log.exported_by, log.filters, log.rows) == (
        Export.Kind.PROJECTS,
        pine_manager,
        "status__exact=paused",
        1,
    )
    assert client.get("/admin/pine/export/").status_code == 200


def test_staff_without_the_export_permission_are_refused(client, pine_reviewer):
    client.force_login(pine_reviewer)
    assert client.get(f"{PROJECTS}export/").status_code == 403
    assert "export/" not in client.get(PROJECTS).content.decode()


# --- The project's page ----------------------------------------------------------------------


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


# --- Stages and their sign-off ---------------------------------------------------------------


def test_stage_list_finds_stages_awaiting_sign_off(client, pine_manager):
    waiting = _ready(stages_of(ProjectFactory(title="Waiting"))[0])
    ProjectFactory(title="Working")
    client.force_login(pine_manager)
    response = client.get(f"{STAGES}?status__exact=awaiting_sign_off")
    assert [s.pk for s in response.context["cl"].result_list] == [waiting.pk]


def test_stage_page_offers_only_the_actions_that_apply(client, pine_manager):
    stage = stages_of(ProjectFactory())[0]
    client.force_login(pine_manager)
    url = f"{STAGES}{stage.pk}/change/"
    page = client.get(url).content.decode()
    assert f"{stage.pk}/act/skip/" in page and f"{stage.pk}/act/sign_off/" not in page
    _ready(stage)
    page = client.get(url).content.decode()
    assert f"{stage.pk}/act/sign_off/" in page and f"{stage.pk}/act/return/" in page
    assert f"{stage.pk}/act/restore/" not in page


def test_sign_off_completes_the_stage_starts_the_next_and_tells_the_partner(
    client, pine_manager, django_capture_on_commit_callbacks
):
    first, second, *_ = stages_of(ProjectFactory())
    partner = member_of(first.project.organisation)
    stage = stage_mark_ready(stage=first, user=partner)
    client.force_login(pine_manager)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{STAGES}{stage.pk}/act/sign_off/",
            {"seen_version": stage.version, "text": "Well done."},
        )

    assert response.status_code == 302 and response.url == f"{STAGES}{stage.pk}/change/"
    stage.refresh_from_db()
    second.refresh_from_db()
    assert (stage.status, stage.signed_off_by) == (Stage.COMPLETE, pine_manager)
    assert second.status == Stage.IN_PROGRESS
    event = ProjectEvent.objects.get(kind=Kind.STAGE_SIGNED_OFF)
    assert (event.stage, event.actor, event.message) == (stage, pine_manager, "Well done.")
    assert [m.to for m in mail.outbox] == [[partner.email]]
    assert "Well done." in mail.outbox[0].body


def test_return_needs_a_comment_and_sends_it_back(client, pine_manager):
    stage = _ready(stages_of(ProjectFactory())[0])
    client.force_login(pine_manager)
    url = f"{STAGES}{stage.pk}/act/return/"

    response = client.post(url, {"seen_version": stage.version, "text": ""})
    assert "Say what still needs to be done." in response.content.decode()
    assert ProjectStage.objects.get(pk=stage.pk).status == Stage.AWAITING_SIGN_OFF

    response = client.post(url, {"seen_version": stage.version, "text": "Add the outcomes."})
    assert response.status_code == 302
    stage.refresh_from_db()
    assert (stage.status, stage.returned_comment) == (Stage.IN_PROGRESS, "Add the outcomes.")
    assert ProjectEvent.objects.filter(kind=Kind.STAGE_RETURNED, stage=stage).exists()


def test_skip_and_restore_keep_the_stage_and_record_why(client, pine_manager):
    first, second, *_ = stages_of(ProjectFactory())
    DocumentFactory(stage=first)
    client.force_login(pine_manager)

    response = client.post(
        f"{STAGES}{first.pk}/act/skip/",
        {"seen_version": first.version, "text": "Their model is already written."},
    )
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Stage.SKIPPED, Stage.IN_PROGRESS)
    assert first.documents.count() == 1
    skipped = ProjectEvent.objects.get(kind=Kind.STAGE_SKIPPED)
    assert skipped.message == "Their model is already written."

    response = client.post(f"{STAGES}{first.pk}/act/restore/", {"seen_version": first.version})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == Stage.NOT_STARTED
    assert ProjectEvent.objects.filter(kind=Kind.STAGE_RESTORED, stage=first).exists()


def test_acting_on_a_stage_someone_changed_gives_the_conflict_and_keeps_the_text(
    client, pine_manager
):
    stage = _ready(stages_of(ProjectFactory())[0])
    client.force_login(pine_manager)
    seen = stage.version
    stage_return(stage=stage, user=manager(totp=False), comment="Not yet.")

    response = client.post(
        f"{STAGES}{stage.pk}/act/sign_off/", {"seen_version": seen, "text": "My careful note"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed the stage" in page and "My careful note" in page
    assert "See the stage as it is now" in page
    stage.refresh_from_db()
    assert stage.status == Stage.IN_PROGRESS and stage.signed_off_at is None
    assert not ProjectEvent.objects.filter(kind=Kind.STAGE_SIGNED_OFF).exists()


def test_an_action_that_does_not_apply_is_refused_with_the_reason(client, pine_manager):
    stage = stages_of(ProjectFactory())[0]
    client.force_login(pine_manager)
    response = client.post(f"{STAGES}{stage.pk}/act/sign_off/", {"seen_version": stage.version})
    assert "not awaiting sign-off" in response.content.decode()
    assert ProjectStage.objects.get(pk=stage.pk).status == Stage.IN_PROGRESS


@pytest.mark.parametrize("action", ["sign_off", "return", "skip", "restore"])
def test_staff_without_sign_off_permission_get_403(client, pine_reviewer, action):
    stage = _ready(stages_of(ProjectFactory())[0])
    client.force_login(pine_reviewer)
    url = f"{STAGES}{stage.pk}/act/{action}/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"seen_version": stage.version, "text": "x"}).status_code == 403
    assert ProjectStage.objects.get(pk=stage.pk).status == Stage.AWAITING_SIGN_OFF


def test_unknown_action_is_not_found(client, pine_manager):
    stage = stages_of(ProjectFactory())[0]
    client.force_login(pine_manager)
    assert client.get(f"{STAGES}{stage.pk}/act/delete/").status_code == 404


def test_a_stage_with_documents_cannot_be_deleted(client, pine_manager):
    document = DocumentFactory()
    stage = document.stage
    client.force_login(UserFactory(is_staff=True, is_superuser=True, totp=False))
    assert client.post(f"{STAGES}{stage.pk}/delete/", {"post": "yes"}).status_code == 403
    client.force_login(pine_manager)
    assert client.post(f"{STAGES}{stage.pk}/delete/", {"post": "yes"}).status_code == 403
    assert ProjectStage.objects.filter(pk=stage.pk).exists()
    assert Document.objects.filter(pk=document.pk).exists()


def test_stage_page_lists_its_meetings_and_documents(client, pine_manager):
    meeting = MeetingFactory(location="Wigan Life Centre")
    document = DocumentFactory(stage=meeting.stage, title="Our logic model")
    client.force_login(pine_manager)
    page = client.get(f"{STAGES}{meeting.stage_id}/change/").content.decode()
    assert "Wigan Life Centre" in page and f"{MEETINGS}{meeting.pk}/change/" in page
    assert "Our logic model" in page and f"/pine/documents/{document.pk}/" in page


def test_stage_search_labels_each_stage_with_its_project(client, pine_manager):
    ProjectFactory(title="Family Circles")
    ProjectFactory(title="Safe Steps")
    client.force_login(pine_manager)
    response = client.get(
        f"{STAGES}autocomplete/",
        {"app_label": "pine", "model_name": "meeting", "field_name": "stage", "term": "safe"},
    )
    labels = [r["text"] for r in response.json()["results"]]
    assert len(labels) == 7
    assert all(": Safe Steps – " in label for label in labels)


# --- Meetings --------------------------------------------------------------------------------


def _meeting_data(stage: ProjectStage, when, **extra) -> dict:
    local = timezone.localtime(when)
    return {
        "stage": stage.pk,
        "starts_at_0": local.strftime("%Y-%m-%d"),
        "starts_at_1": local.strftime("%H:%M"),
        "duration_minutes": 90,
        "location": "Town Hall",
        "attendees": "Jo Bloggs",
        "notes": "",
        "actions-TOTAL_FORMS": 1,
        "actions-INITIAL_FORMS": 0,
        "actions-0-description": "Bring the logic model",
        "actions-0-owner": "Jo Bloggs",
        **extra,
    }


def test_meeting_scheduled_in_the_admin_is_recorded_and_sent_with_an_invitation(
    client, pine_manager, django_capture_on_commit_callbacks
):
    stage = stages_of(ProjectFactory())[0]
    partner = member_of(stage.project.organisation)
    when = (timezone.now() + timedelta(days=14)).replace(second=0, microsecond=0)
    client.force_login(pine_manager)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{MEETINGS}add/", _meeting_data(stage, when))

    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.starts_at, meeting.sequence, meeting.version) == (when, 0, 1)
    assert meeting.actions.get().description == "Bring the logic model"
    event = ProjectEvent.objects.get(kind=Kind.MEETING_SCHEDULED)
    assert (event.meeting, event.actor, event.emails_pending) == (meeting, pine_manager, False)
    (email,) = mail.outbox
    assert email.to == [partner.email]
    ((_name, content, mimetype),) = email.attachments
    assert mimetype == "text/calendar" and "BEGIN:VCALENDAR" in content


def test_moving_a_meeting_bumps_its_sequence_and_tells_the_partner(
    client, pine_manager, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    member_of(meeting.stage.project.organisation)
    client.force_login(pine_manager)
    data = _post_data(client.get(f"{MEETINGS}{meeting.pk}/change/"))
    later = timezone.localtime(meeting.starts_at + timedelta(days=2))
    data.update(
        {"starts_at_0": later.strftime("%Y-%m-%d"), "starts_at_1": later.strftime("%H:%M:%S")}
    )
    data.pop("starts_at", None)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{MEETINGS}{meeting.pk}/change/", data)

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    assert ProjectEvent.objects.filter(kind=Kind.MEETING_MOVED, meeting=meeting).exists()
    (email,) = mail.outbox
    assert "moved" in email.subject
    assert "SEQUENCE:1" in email.attachments[0][1]


def test_changing_only_the_notes_does_not_email_anyone(
    client, pine_manager, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    member_of(meeting.stage.project.organisation)
    client.force_login(pine_manager)
    data = _post_data(client.get(f"{MEETINGS}{meeting.pk}/change/"))
    local = timezone.localtime(meeting.starts_at)
    data.update(
        {
            "starts_at_0": local.strftime("%Y-%m-%d"),
            "starts_at_1": local.strftime("%H:%M:%S"),
            "notes": "We agreed the outcomes.",
        }
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{MEETINGS}{meeting.pk}/change/", data)

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.notes, meeting.sequence) == ("We agreed the outcomes.", 0)
    assert mail.outbox == []


def test_meetings_cannot_be_deleted_even_by_a_superuser(client, pine_manager):
    meeting = MeetingFactory()
    url = f"{MEETINGS}{meeting.pk}/delete/"
    for staff in [pine_manager, UserFactory(is_staff=True, is_superuser=True, totp=False)]:
        client.force_login(staff)
        assert client.post(url, {"post": "yes"}).status_code == 403
        assert "delete_selected" not in client.get(MEETINGS).content.decode()
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_meeting_page_says_to_move_rather_than_delete(client, pine_manager):
    meeting = MeetingFactory()
    client.force_login(pine_manager)
    page = client.get(f"{MEETINGS}{meeting.pk}/change/").content.decode()
    assert "Meetings are not deleted" in page and "move it to its new date" in page
    assert f"{MEETINGS}{meeting.pk}/delete/" not in page


# --- Documents -------------------------------------------------------------------------------


def test_document_upload_refuses_a_renamed_executable_and_stores_nothing(
    client, pine_manager, private_storage
):
    stage = stages_of(ProjectFactory())[0]
    client.force_login(pine_manager)
    upload = SimpleUploadedFile("x.pdf", b"MZ\x90\x00" + b"\x00" * 200)

    response = client.post(
        f"{DOCUMENTS}add/",
        {"stage": stage.pk, "title": "Plan", "kind": "evaluation_plan", "file": upload},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "The selected file is not a real PDF. Save it again as a PDF, DOCX, XLSX, ODT or CSV "
        "and upload that."
    ]
    assert "Plan" in response.content.decode()
    assert not Document.objects.exists() and _stored_files(private_storage) == []


def test_document_upload_stores_a_real_pdf_through_the_service(
    client, pine_manager, private_storage
):
    stage = stages_of(ProjectFactory())[0]
    client.force_login(pine_manager)
    upload = SimpleUploadedFile("plan.pdf", PDF_BYTES, content_type="application/pdf")

    response = client.post(
        f"{DOCUMENTS}add/",
        {"stage": stage.pk, "title": "Plan", "kind": "evaluation_plan", "file": upload},
    )

    assert response.status_code == 302 and response.url == f"{STAGES}{stage.pk}/change/"
    document = Document.objects.get()
    assert (document.stage, document.uploaded_by, document.size) == (
        stage,
        pine_manager,
        len(PDF_BYTES),
    )
    assert document.file.name.startswith("pine/documents/") and "plan" not in document.file.name
    assert [p.read_bytes() for p in _stored_files(private_storage)] == [PDF_BYTES]
    assert ProjectEvent.objects.filter(kind=Kind.DOCUMENT_UPLOADED, stage=stage).exists()


def test_documents_of_a_withdrawn_project_are_refused(client, pine_manager):
    stage = stages_of(ProjectFactory(status=Project.Status.WITHDRAWN))[0]
    client.force_login(pine_manager)
    upload = SimpleUploadedFile("plan.pdf", PDF_BYTES)
    response = client.post(
        f"{DOCUMENTS}add/", {"stage": stage.pk, "title": "", "kind": "other", "file": upload}
    )
    assert "You cannot add documents to this project." in response.content.decode()
    assert not Document.objects.exists()


def test_stored_documents_are_read_only_and_link_to_the_checked_download(client, pine_manager):
    document = DocumentFactory()
    client.force_login(pine_manager)
    url = f"{DOCUMENTS}{document.pk}/change/"
    page = client.get(url).content.decode()
    assert f'href="/pine/documents/{document.pk}/"' in page
    assert client.post(url, {"title": "Changed"}).status_code == 403
    assert client.post(f"{DOCUMENTS}{document.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Document.objects.get(pk=document.pk).title == "Theory of change"


# --- Evaluation reports ----------------------------------------------------------------------


def test_publishing_a_report_completes_the_final_stage_and_the_project(client, pine_manager):
    report = EvaluationReportFactory()
    client.force_login(pine_manager)
    assert "/publish/" in client.get(f"{REPORTS}{report.pk}/change/").content.decode()

    response = client.post(f"{REPORTS}{report.pk}/publish/", {"seen_version": report.version})

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.published_on == timezone.localdate()
    final = stages_of(report.project)[-1]
    assert (final.status, final.signed_off_by) == (Stage.COMPLETE, pine_manager)
    assert Project.objects.get(pk=report.project_id).status == Project.Status.COMPLETED
    assert ProjectEvent.objects.filter(kind=Kind.REPORT_PUBLISHED).exists()


def test_publishing_a_report_someone_changed_is_refused(client, pine_manager):
    report = EvaluationReportFactory()
    client.force_login(pine_manager)
    seen = report.version
    EvaluationReport.objects.filter(pk=report.pk).update(version=seen + 1)
    response = client.post(f"{REPORTS}{report.pk}/publish/", {"seen_version": seen})
    assert "Someone else changed this report" in response.content.decode()
    assert EvaluationReport.objects.get(pk=report.pk).published_on is None


def test_unpublishing_takes_the_report_off_and_leaves_the_project_complete(client, pine_manager):
    report = EvaluationReportFactory()
    client.force_login(pine_manager)
    client.post(f"{REPORTS}{report.pk}/publish/", {"seen_version": report.version})
    assert "/unpublish/" in client.get(f"{REPORTS}{report.pk}/change/").content.decode()

    report.refresh_from_db()

    response = client.post(f"{REPORTS}{report.pk}/unpublish/", {"seen_version": report.version})

    assert response.status_code == 302
    assert EvaluationReport.objects.get(pk=report.pk).published_on is None
    assert Project.objects.get(pk=report.project_id).status == Project.Status.COMPLETED
    event = ProjectEvent.objects.get(kind=Kind.REPORT_UNPUBLISHED)
    assert (event.actor, event.message) == (pine_manager, report.title)


def test_unpublishing_a_report_someone_changed_is_refused(client, pine_manager):
    report = EvaluationReportFactory()
    client.force_login(pine_manager)
    client.post(f"{REPORTS}{report.pk}/publish/", {"seen_version": report.version})
    report.refresh_from_db()
    EvaluationReport.objects.filter(pk=report.pk).update(version=report.version + 1)

    response = client.post(f"{REPORTS}{report.pk}/unpublish/", {"seen_version": report.version})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else changed this report" in page and "See the report as it is now" in page
    assert EvaluationReport.objects.get(pk=report.pk).published_on is not None
    assert not ProjectEvent.objects.filter(kind=Kind.REPORT_UNPUBLISHED).exists()


def test_unpublishing_a_report_that_is_not_published_says_so(client, pine_manager):
    report = EvaluationReportFactory()
    client.force_login(pine_manager)
    response = client.post(f"{REPORTS}{report.pk}/unpublish/", {"seen_version": report.version})
    assert response.status_code == 200
    assert f"{report.title} is not published." in response.content.decode()


def test_publishing_over_unfinished_stages_is_refused_with_the_stages_named(client, pine_manager):
    project = ProjectFactory()
    report = EvaluationReportFactory(project=project)  # only the first stage has started
    client.force_login(pine_manager)

    response = client.post(f"{REPORTS}{report.pk}/publish/", {"seen_version": report.version})

    assert response.status_code == 200
    page = response.content.decode()
    assert "sign off or skip its other stages first" in page
    assert "Planning and modelling the intervention" in page
    assert EvaluationReport.objects.get(pk=report.pk).published_on is None
    assert Project.objects.get(pk=project.pk).status == Project.Status.ACTIVE


def test_staff_without_the_publish_permission_get_403(client, pine_reviewer):
    report = EvaluationReportFactory()
    client.force_login(pine_reviewer)
    assert client.post(f"{REPORTS}{report.pk}/publish/", {}).status_code == 403
    assert EvaluationReport.objects.get(pk=report.pk).published_on is None


def _report_data(project: Project, **extra) -> dict:
    return {
        "project": project.pk,
        "title": "What we learnt",
        "slug": "what-we-learnt",
        "summary": "A summary.",
        "findings": "Findings.",
        "link": "",
        **extra,
    }


def test_report_pdf_must_be_a_real_pdf(client, pine_manager, private_storage):
    project = ProjectFactory()
    client.force_login(pine_manager)
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf")
    response = client.post(f"{REPORTS}add/", _report_data(project, pdf=fake))
    assert response.status_code == 200
    assert "not a real PDF" in str(response.context["adminform"].form.errors["pdf"])
    assert not EvaluationReport.objects.exists() and _stored_files(private_storage) == []

    real = SimpleUploadedFile("report.pdf", PDF_BYTES)
    response = client.post(f"{REPORTS}add/", _report_data(project, pdf=real))
    assert response.status_code == 302
    report = EvaluationReport.objects.get()
    assert report.pdf_size == len(PDF_BYTES) and report.pdf.name.startswith("pine/reports/")


def test_report_needs_a_pdf_or_a_link(client, pine_manager):
    project = ProjectFactory()
    client.force_login(pine_manager)
    response = client.post(f"{REPORTS}add/", _report_data(project))
    assert "Upload the report as a PDF, or give a link to it." in response.content.decode()
    assert not EvaluationReport.objects.exists()


def test_a_published_report_can_still_be_edited(client, pine_manager):
    report = EvaluationReportFactory()
    client.force_login(pine_manager)
    client.post(f"{REPORTS}{report.pk}/publish/", {"seen_version": report.version})
    data = _post_data(client.get(f"{REPORTS}{report.pk}/change/"))
    data["summary"] = "A clearer summary."
    response = client.post(f"{REPORTS}{report.pk}/change/", data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.summary == "A clearer summary." and report.published_on is not None


# --- Project events --------------------------------------------------------------------------


def test_emails_that_failed_can_be_sent_again(client, pine_manager):
    meeting = MeetingFactory()
    partner = member_of(meeting.stage.project.organisation)
    event = ProjectEvent.objects.create(
        project=meeting.stage.project,
        stage=meeting.stage,
        meeting=meeting,
        kind=Kind.MEETING_SCHEDULED,
        emails_pending=True,
    )
    client.force_login(pine_manager)

    response = client.post(
        "/admin/pine/projectevent/",
        {"action": "send_emails_again", "_selected_action": [event.pk]},
    )

    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[partner.email]]
    assert not ProjectEvent.objects.get(pk=event.pk).emails_pending


def test_project_events_are_read_only(client, pine_manager):
    event = ProjectFactory().events.get()
    client.force_login(pine_manager)
    assert client.get("/admin/pine/projectevent/add/").status_code == 403
    response = client.post(f"/admin/pine/projectevent/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert ProjectEvent.objects.filter(pk=event.pk).exists()


def test_programme_managers_have_no_delete_permission_on_stages_or_documents():
    staff = manager(totp=False)
    assert staff.has_perm("pine.sign_off_projectstage") and staff.has_perm("pine.export_project")
    assert not staff.has_perm("pine.delete_projectstage")
    assert not staff.has_perm("pine.delete_document")
    assert not reviewer(totp=False).has_perm("pine.sign_off_projectstage")
