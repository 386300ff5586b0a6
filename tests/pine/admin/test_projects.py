"""The project admin's list of projects with each one's progress, its CSV export, and the
stage templates; and Django's checks of every project admin."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib import admin
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
from tests.accounts.factories import OrganisationFactory
from tests.pine.admin.project_pages import PROJECTS, Stage
from tests.pine.factories import ApplicationFactory, MeetingFactory, ProjectFactory, stages_of

pytestmark = pytest.mark.django_db


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
    assert (row.stages_complete, row.stages_skipped, row.stages_total) == (0, 1, 7)


def test_current_stage_is_the_next_not_started_when_none_is_under_way():
    project = ProjectFactory(status=Project.Status.PAUSED)
    first, second, *_ = stages_of(project)
    ProjectStage.objects.filter(pk=first.pk).update(status=Stage.COMPLETE)

    row = Project.objects.filter(pk=project.pk).with_progress().get()

    assert row.current_stage_name == second.name
    assert row.current_stage_started_at is None
    assert (row.stages_complete, row.stages_skipped, row.stages_total) == (1, 0, 7)


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


def test_list_counts_skipped_stages_among_every_stage(client, pine_manager):
    project = ProjectFactory()
    first, *rest = stages_of(project)
    ProjectStage.objects.filter(pk=first.pk).update(status=Stage.COMPLETE)
    ProjectStage.objects.filter(pk__in=[s.pk for s in rest[:5]]).update(status=Stage.SKIPPED)
    client.force_login(pine_manager)
    page = client.get(PROJECTS).content.decode()
    assert '<td class="field-progress">1 of 7, 5 skipped</td>' in page


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
    assert row[8:11] == ["0", "0", "7"]


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
