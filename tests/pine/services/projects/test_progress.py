"""A project's progress: which stage starts when one is skipped, restored or added, and what
the emails of the events it records say."""

import pytest
from django.core import mail

from pine.services.projects import stage_add, stage_mark_ready, stage_restore, stage_skip
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
    assert email.subject.startswith("PINE, “Family Group Conferencing Verify your account”:")
    assert f"{organisation} has marked the stage" in email.body
    assert "\nVerify your account" not in email.body
    assert (
        f"you are a PINE programme manager, and “Sam Jones” of {organisation} made this change"
    ) in email.body
    assert f"tell us at {settings.CONTACT_EMAIL}" in email.body
