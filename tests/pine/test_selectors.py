"""The workspace's reads: stage numbers, the next stage, meetings, actions, documents, events."""

from datetime import timedelta

import pytest
from django.utils import timezone

from pine import selectors
from pine.models import Project, ProjectEvent, ProjectStage
from tests.pine.factories import (
    ActionFactory,
    DocumentFactory,
    EvaluationReportFactory,
    MeetingFactory,
    ProjectFactory,
    stages_of,
)

pytestmark = pytest.mark.django_db

Stage = ProjectStage.Status


@pytest.fixture
def project():
    return ProjectFactory()


def move_first_stage_last(project) -> ProjectStage:
    first = stages_of(project)[0]
    ProjectStage.objects.filter(pk=first.pk).update(position=1000)
    return first


def set_statuses(project, *statuses: str) -> list[ProjectStage]:
    stages = stages_of(project)
    for stage, status in zip(stages, statuses, strict=False):
        ProjectStage.objects.filter(pk=stage.pk).update(status=status)
    return stages


def test_stages_are_numbered_by_their_current_order(project):
    moved = move_first_stage_last(project)
    stages = selectors.numbered_stages(project)
    assert [s.pk for s in stages] == [s.pk for s in stages_of(project)]
    assert [s.number for s in stages] == list(range(1, len(stages) + 1))
    assert stages[-1].pk == moved.pk and stages[-1].number == len(stages)


def test_the_next_stage_is_the_first_not_started_after_the_current_one(project):
    _, second, _, fourth, *_ = set_statuses(
        project, Stage.NOT_STARTED, Stage.IN_PROGRESS, Stage.SKIPPED, Stage.NOT_STARTED
    )
    stages = selectors.numbered_stages(project)
    current = stages[1]
    assert current.pk == second.pk
    assert selectors.next_stage(stages, current).pk == fourth.pk  # not the earlier first


def test_there_is_no_next_stage_without_a_current_one(project):
    stages = selectors.numbered_stages(project)
    assert selectors.next_stage(stages, None) is None


def test_upcoming_meetings_are_the_next_three_with_their_stage_numbered(project):
    moved = move_first_stage_last(project)
    now = timezone.now()
    MeetingFactory(stage=moved, starts_at=now - timedelta(days=1))
    later = [MeetingFactory(stage=moved, starts_at=now + timedelta(days=d)) for d in (4, 2, 3, 1)]
    stages = selectors.numbered_stages(project)
    upcoming = selectors.upcoming_meetings(project, stages)
    assert [m.pk for m in upcoming] == [later[3].pk, later[1].pk, later[2].pk]
    assert {m.stage.number for m in upcoming} == {len(stages)}


def test_open_actions_leave_out_done_ones_and_say_which_are_overdue(project):
    moved = move_first_stage_last(project)
    meeting = MeetingFactory(stage=moved)
    today = timezone.localdate()
    ActionFactory(meeting=meeting, description="Done", done=True, due_date=today)
    ActionFactory(meeting=meeting, description="Late", due_date=today - timedelta(days=1))
    ActionFactory(meeting=meeting, description="Today", due_date=today)
    ActionFactory(meeting=meeting, description="Undated")
    stages = selectors.numbered_stages(project)
    actions = selectors.open_actions(project, stages)
    assert {a.description: a.overdue for a in actions} == {
        "Late": True,
        "Today": False,
        "Undated": False,
    }
    assert {a.stage_number for a in actions} == {len(stages)}


def test_a_skipped_stages_meetings_and_actions_are_not_upcoming_or_open(project):
    first, second, *_ = stages_of(project)
    kept, dropped = MeetingFactory(stage=first), MeetingFactory(stage=second)
    ActionFactory(meeting=kept, description="Kept")
    ActionFactory(meeting=dropped, description="Dropped")
    ProjectStage.objects.filter(pk=second.pk).update(status=Stage.SKIPPED)
    stages = selectors.numbered_stages(project)
    assert [m.pk for m in selectors.upcoming_meetings(project, stages)] == [kept.pk]
    assert [a.description for a in selectors.open_actions(project, stages)] == ["Kept"]
    assert selectors.project_meetings(project).count() == 2  # the calendar still holds both


def test_the_report_is_given_only_once_published_and_while_the_project_stands():
    report = EvaluationReportFactory()
    project = report.project
    assert selectors.published_report(project) is None
    report.published_on = timezone.localdate()
    report.save()
    assert selectors.published_report(Project.objects.get(pk=project.pk)) == report
    Project.objects.filter(pk=project.pk).update(status=Project.Status.WITHDRAWN)
    assert selectors.published_report(Project.objects.get(pk=project.pk)) is None
    assert selectors.published_report(ProjectFactory()) is None  # no report at all


def test_recent_documents_are_the_latest_five_with_their_stage_numbered(project):
    moved = move_first_stage_last(project)
    documents = [DocumentFactory(stage=moved, title=f"Plan {n}") for n in range(6)]
    stages = selectors.numbered_stages(project)
    recent = selectors.recent_documents(project, stages)
    assert [d.pk for d in recent] == [d.pk for d in reversed(documents[1:])]
    assert {d.stage.number for d in recent} == {len(stages)}


def test_recent_events_are_the_latest_eight_newest_first(project):
    ProjectEvent.objects.bulk_create(
        ProjectEvent(project=project, kind=ProjectEvent.Kind.STAGE_ADDED) for _ in range(10)
    )
    events = list(selectors.recent_events(project))
    newest = ProjectEvent.objects.filter(project=project).order_by("-pk")[:8]
    assert [e.pk for e in events] == [e.pk for e in newest]


def test_reads_leave_out_other_projects(project):
    other_stage = stages_of(ProjectFactory())[0]
    other_meeting = MeetingFactory(stage=other_stage)
    ActionFactory(meeting=other_meeting)
    DocumentFactory(stage=other_stage)
    stages = selectors.numbered_stages(project)
    assert selectors.upcoming_meetings(project, stages) == []
    assert selectors.open_actions(project, stages) == []
    assert selectors.recent_documents(project, stages) == []
    assert not selectors.project_meetings(project).exists()
    assert {e.project_id for e in selectors.recent_events(project)} == {project.pk}


def test_each_list_is_one_query_however_long(project, django_assert_num_queries):
    stage = stages_of(project)[0]
    for _ in range(3):
        meeting = MeetingFactory(stage=stage)
        ActionFactory.create_batch(2, meeting=meeting)
        DocumentFactory(stage=stage)
    stages = selectors.numbered_stages(project)
    for read in (selectors.upcoming_meetings, selectors.open_actions, selectors.recent_documents):
        with django_assert_num_queries(1):
            read(project, stages)


def test_a_stages_meetings_come_with_their_actions_in_two_queries(
    project, django_assert_num_queries
):
    stage = stages_of(project)[0]
    for _ in range(3):
        ActionFactory.create_batch(2, meeting=MeetingFactory(stage=stage))
    with django_assert_num_queries(2):
        actions = [a.description for m in selectors.stage_meetings(stage) for a in m.actions.all()]
    assert len(actions) == 6
