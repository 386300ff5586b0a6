"""A project's progress: which stage starts when one is skipped, restored or added, what the
emails of the events it records say, and how far it has come (counts and the stage tracker)."""

import pytest
from django.core import mail

from pine.models import Project, ProjectStage
from pine.services.projects import stage_add, stage_mark_ready, stage_restore, stage_skip
from pine.services.projects.progress import (
    StageCounts,
    project_current_stage,
    stage_counts,
    tracker_steps,
)
from tests.pine.factories import member_of
from tests.pine.services.projects.accepted_projects import Kind, Stage, event_kinds, make_project

pytestmark = pytest.mark.django_db


def test_skipping_the_current_stage_starts_the_next(pine_manager):
    project = make_project()
    first, second, *_ = project.stages.all()
    stage_skip(stage=first, user=pine_manager, reason="Done before we started.")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Stage.SKIPPED
    assert second.status == Stage.IN_PROGRESS and second.started_at is not None
    skipped = project.events.get(kind=Kind.STAGE_SKIPPED)
    assert (skipped.stage, skipped.message) == (first, "Done before we started.")
    assert project.events.get(kind=Kind.STAGE_STARTED).stage == second


def test_a_restored_stage_waits_for_its_turn(pine_manager):
    project = make_project()
    first, _, third, *_ = project.stages.all()
    stage_skip(stage=third, user=pine_manager)
    restored = stage_restore(stage=third, user=pine_manager)
    assert restored.status == Stage.NOT_STARTED
    assert project.stages.get(pk=first.pk).status == Stage.IN_PROGRESS
    assert event_kinds(project)[-2:] == [Kind.STAGE_SKIPPED, Kind.STAGE_RESTORED]


def test_a_stage_added_at_the_end_starts_when_every_other_stage_is_done(pine_manager):
    project = make_project()
    for stage in project.stages.all():
        stage_skip(stage=stage, user=pine_manager)
    added = stage_add(project=project, user=pine_manager, name="Follow-up")
    added.refresh_from_db()
    assert list(project.stages.all())[-1] == added
    assert added.status == Stage.IN_PROGRESS and added.started_at is not None


def test_project_emails_quote_the_names_people_chose_and_say_why_they_were_sent(
    pine_manager, django_capture_on_commit_callbacks, settings
):
    project = make_project()
    project.title = "Family Group Conferencing\nVerify your account"
    project.save()
    partner = member_of(project.organisation)
    partner.full_name = "Sam Jones"
    partner.save()
    with django_capture_on_commit_callbacks(execute=True):
        stage_mark_ready(stage=project.stages.first(), user=partner)
    (email,) = mail.outbox
    organisation = f"“{project.organisation.name}”"
    assert (
        email.subject == f"{organisation} says stage 1 of its PINE evaluation is ready for sign-off"
    )
    assert (
        f'{organisation} has marked stage 1, "{project.stages.first().name}", of '
        "“Family Group Conferencing Verify your account” as ready"
    ) in email.body
    assert "\nVerify your account" not in email.body
    assert (
        f"you are a PINE programme manager, and “Sam Jones” of {organisation} made this change"
    ) in email.body
    assert f"tell us at {settings.CONTACT_EMAIL}" in email.body


def numbered(project) -> list:
    stages = list(project.stages.all())
    for number, stage in enumerate(stages, start=1):
        stage.number = number
    return stages


def set_statuses(project, *statuses) -> None:
    for stage, status in zip(project.stages.all(), statuses, strict=False):
        ProjectStage.objects.filter(pk=stage.pk).update(status=status)


def test_stage_counts_count_every_stage_and_say_how_many_were_skipped():
    project = make_project()
    set_statuses(project, Stage.COMPLETE, *[Stage.SKIPPED] * 5, Stage.COMPLETE)
    counts = stage_counts(list(project.stages.all()))
    assert (counts.total, counts.complete, counts.skipped) == (7, 2, 5)
    assert str(counts) == "2 of 7 stages complete, 5 skipped."
    assert str(StageCounts(total=1, complete=0, skipped=0)) == "0 of 1 stage complete."


def test_tracker_steps_are_done_current_skipped_or_to_come_in_the_projects_order(pine_manager):
    project = make_project()
    set_statuses(project, Stage.COMPLETE, Stage.SKIPPED, Stage.AWAITING_SIGN_OFF)
    stage_add(project=project, user=pine_manager, name="Sharing the findings")
    steps = tracker_steps(project, numbered(project))
    assert [(s.number, s.state) for s in steps] == [
        (1, "done"), (2, "skipped"), (3, "current"), *[(n, "to_come") for n in range(4, 9)]
    ]  # fmt: skip
    assert (steps[-1].name, steps[2].words) == ("Sharing the findings", "current stage")


@pytest.mark.parametrize(
    ("status", "current", "undone"),
    [
        (Project.Status.ACTIVE, True, "to_come"),
        (Project.Status.PAUSED, True, "to_come"),
        (Project.Status.COMPLETED, False, "not_done"),
        (Project.Status.WITHDRAWN, False, "not_done"),
    ],
)
def test_a_finished_project_has_no_current_stage(status, current, undone):
    project = make_project()
    Project.objects.filter(pk=project.pk).update(status=status)
    project.refresh_from_db()
    stages = numbered(project)
    assert (project_current_stage(project, stages) is not None) == current
    assert tracker_steps(project, stages)[-1].state == undone
