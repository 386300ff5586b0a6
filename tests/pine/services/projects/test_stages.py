"""A stage's sign-off: marked ready, then signed off, returned, skipped or restored; who may
act, what changed meanwhile, and two programme managers acting at once."""

import contextlib
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

import pine.services.projects.stages as project_stages
from pine.models import Document, Meeting, Project, ProjectStage
from pine.services import ActionRefused, Conflict
from pine.services.projects import (
    stage_mark_ready,
    stage_restore,
    stage_return,
    stage_sign_off,
    stage_skip,
)
from tests.accounts.factories import OrganisationFactory
from tests.pine.factories import manager, member_of, restore_reference_data
from tests.pine.services.projects.accepted_projects import (
    Kind,
    Stage,
    _outsider,
    _reviewer,
    event_kinds,
    make_project,
    stage_rows,
)

pytestmark = pytest.mark.django_db

POSTGRES_ONLY = pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite has no row locks and lets one writer in at a time, so there is no race to test.",
)


def awaiting_sign_off(project: Project, partner) -> ProjectStage:
    return stage_mark_ready(stage=project.stages.first(), user=partner)


def test_partner_marks_a_stage_ready_and_programme_managers_are_emailed_after_commit(
    pine_manager, pine_reviewer, django_capture_on_commit_callbacks
):
    project = make_project()
    partner = member_of(project.organisation)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        stage = stage_mark_ready(stage=project.stages.first(), user=partner)
        assert mail.outbox == []
    assert mail.outbox == []
    for callback in callbacks:
        callback()

    stage.refresh_from_db()
    assert (stage.status, stage.ready_by) == (Stage.AWAITING_SIGN_OFF, partner)
    assert stage.ready_at is not None
    event = project.events.get(kind=Kind.STAGE_READY)
    assert (event.stage, event.actor) == (stage, partner)
    assert (event.from_status, event.to_status) == (Stage.IN_PROGRESS, Stage.AWAITING_SIGN_OFF)
    (email,) = mail.outbox
    assert email.to == [pine_manager.email]
    assert email.subject.endswith("says stage 1 of its PINE evaluation is ready for sign-off")
    assert f'stage 1, "{stage.name}",' in email.body


def test_manager_signs_off_the_stage_the_next_starts_and_the_partner_is_emailed(
    pine_manager, django_capture_on_commit_callbacks
):
    project = make_project()
    partners = [member_of(project.organisation), member_of(project.organisation)]
    member_of(OrganisationFactory())
    stage = awaiting_sign_off(project, partners[0])
    with django_capture_on_commit_callbacks(execute=True):
        stage_sign_off(
            stage=stage, user=pine_manager, seen_version=stage.version, comment="Well done."
        )

    first, second, *rest = project.stages.all()
    assert (first.status, first.signed_off_by) == (Stage.COMPLETE, pine_manager)
    assert first.signed_off_at is not None
    assert second.status == Stage.IN_PROGRESS and second.started_at is not None
    assert all(s.status == Stage.NOT_STARTED for s in rest)
    assert event_kinds(project)[-2:] == [Kind.STAGE_SIGNED_OFF, Kind.STAGE_STARTED]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in partners)
    assert all("signed off" in m.subject and "Well done." in m.body for m in mail.outbox)


def test_returning_a_stage_needs_a_comment_which_is_emailed_to_the_partner(
    pine_manager, django_capture_on_commit_callbacks
):
    project = make_project()
    partner = member_of(project.organisation)
    stage = awaiting_sign_off(project, partner)
    with pytest.raises(ActionRefused, match="Say what still needs to be done"):
        stage_return(stage=stage, user=pine_manager, comment="   ", seen_version=stage.version)
    assert project.stages.get(pk=stage.pk).status == Stage.AWAITING_SIGN_OFF

    with django_capture_on_commit_callbacks(execute=True):
        stage_return(
            stage=stage,
            user=pine_manager,
            comment="Add the consent form.",
            seen_version=stage.version,
        )
    stage.refresh_from_db()
    assert (stage.status, stage.returned_comment) == (Stage.IN_PROGRESS, "Add the consent form.")
    assert project.events.last().kind == Kind.STAGE_RETURNED
    (email,) = mail.outbox
    assert email.to == [partner.email]
    assert "Add the consent form." in email.body


def test_a_returned_stage_loses_its_comment_once_signed_off_or_skipped(pine_manager):
    project = make_project()
    partner = member_of(project.organisation)
    first, second, *_ = project.stages.all()
    for stage, finish in [(first, stage_sign_off), (second, stage_skip)]:
        stage_mark_ready(stage=stage, user=partner)
        stage_return(stage=stage, user=pine_manager, comment="Add the survey.")
        assert ProjectStage.objects.get(pk=stage.pk).returned_comment == "Add the survey."
        if finish is stage_sign_off:
            stage_mark_ready(stage=stage, user=partner)
        finish(stage=stage, user=pine_manager)
        assert ProjectStage.objects.get(pk=stage.pk).returned_comment == ""


def _partner(project):
    return member_of(project.organisation)


REFUSED_ACTIONS = [
    ("mark_ready", _outsider),
    ("mark_ready", _reviewer),
    ("sign_off", _partner),
    ("sign_off", _reviewer),
    ("sign_off", _outsider),
    ("return", _partner),
    ("return", _reviewer),
    ("skip", _partner),
    ("skip", _reviewer),
]


def act(action: str, stage: ProjectStage, user, seen_version: int | None = None):
    if action == "mark_ready":
        return stage_mark_ready(stage=stage, user=user, seen_version=seen_version)
    if action == "sign_off":
        return stage_sign_off(stage=stage, user=user, seen_version=seen_version)
    if action == "return":
        return stage_return(stage=stage, user=user, comment="More.", seen_version=seen_version)
    if action == "skip":
        return stage_skip(stage=stage, user=user, seen_version=seen_version)
    raise AssertionError(action)


@pytest.mark.parametrize(("action", "who"), REFUSED_ACTIONS)
def test_people_who_may_not_act_on_a_stage_are_refused_and_nothing_changes(action, who):
    project = make_project()
    stage = project.stages.first()
    if action != "mark_ready":
        stage = awaiting_sign_off(project, member_of(project.organisation))
    before, events = stage_rows(project), event_kinds(project)
    with pytest.raises(ActionRefused, match=r"^Only "):
        act(action, stage, who(project), seen_version=stage.version)
    assert stage_rows(project) == before
    assert event_kinds(project) == events


@pytest.mark.parametrize("action", ["mark_ready", "sign_off", "return", "skip"])
def test_acting_on_a_stage_that_changed_since_it_was_seen_is_a_conflict(action, pine_manager):
    project = make_project()
    partner = member_of(project.organisation)
    stage = project.stages.first()
    seen_in_progress = stage.version
    seen_awaiting = stage_mark_ready(stage=stage, user=partner).version
    stage_return(stage=stage, user=pine_manager, comment="More.")
    if action != "mark_ready":
        stage_mark_ready(stage=stage, user=partner)
    seen = seen_in_progress if action == "mark_ready" else seen_awaiting
    before, events = stage_rows(project), event_kinds(project)

    user = partner if action == "mark_ready" else manager(totp=False)
    with pytest.raises(Conflict, match="Someone else changed the stage"):
        act(action, stage, user, seen_version=seen)
    assert stage_rows(project) == before
    assert event_kinds(project) == events


def test_skipping_restoring_and_reordering_keep_a_stages_documents_and_meetings(pine_manager):
    project = make_project()
    stage = project.stages.all()[1]
    meeting = Meeting.objects.create(
        stage=stage, starts_at=timezone.now(), location="Town Hall", notes="Agreed the plan."
    )
    document = Document.objects.create(
        stage=stage,
        title="Evaluation plan",
        file="pine/documents/plan.pdf",
        original_name="plan.pdf",
        content_type="application/pdf",
        size=10,
    )

    def still_attached():
        assert list(Meeting.objects.values_list("pk", "stage")) == [(meeting.pk, stage.pk)]
        assert list(Document.objects.values_list("pk", "stage")) == [(document.pk, stage.pk)]

    stage_skip(stage=stage, user=pine_manager)
    still_attached()
    stage_restore(stage=stage, user=pine_manager)
    still_attached()
    stage.refresh_from_db()
    stage.position = 5
    stage.save()
    assert project.stages.first() == stage
    still_attached()


@POSTGRES_ONLY
@pytest.mark.django_db(transaction=True)
def test_sign_off_and_return_of_the_same_stage_at_once_exactly_one_wins():
    restore_reference_data()
    project = make_project()
    stage = awaiting_sign_off(project, member_of(project.organisation))
    managers = [manager(totp=False), manager(totp=False)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def decide(user, action):
        seen = ProjectStage.objects.get(pk=stage.pk)
        barrier.wait()
        try:
            act(action, seen, user, seen_version=seen.version)
            outcomes.append(action)
        except Conflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(managers[0], "sign_off")),
        threading.Thread(target=decide, args=(managers[1], "return")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(outcomes) == 2 and outcomes.count("conflict") == 1
    decisions = project.events.filter(kind__in=[Kind.STAGE_SIGNED_OFF, Kind.STAGE_RETURNED])
    (decision,) = decisions
    stage.refresh_from_db()
    assert stage.status == decision.to_status
    assert stage.version == 2  # marked ready, then exactly one decision


@POSTGRES_ONLY
@pytest.mark.django_db(transaction=True)
def test_managers_acting_on_two_stages_of_one_project_at_once_both_get_an_answer(monkeypatch):
    restore_reference_data()
    project = make_project()
    current = awaiting_sign_off(project, member_of(project.organisation))
    later = project.stages.all()[3]
    both_locked = threading.Barrier(2)
    managers = [manager(totp=False), manager(totp=False)]
    locked_stage = project_stages._locked_stage

    def lock_then_wait(stage, seen_version):
        locked = locked_stage(stage, seen_version)
        # Each holds its own stage before going on; if one was made to wait, there is no overlap.
        with contextlib.suppress(threading.BrokenBarrierError):
            both_locked.wait(timeout=3)
        return locked

    monkeypatch.setattr(project_stages, "_locked_stage", lock_then_wait)
    errors: list[Exception] = []

    def run(action, stage, user):
        try:
            act(action, stage, user)
        except ActionRefused:
            pass
        except Exception as error:  # the point is which error escapes
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=("sign_off", current, managers[0])),
        threading.Thread(target=run, args=("skip", later, managers[1])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_a_restored_stage_starts_when_nothing_else_is_under_way(pine_manager):
    project = make_project()
    for stage in project.stages.all():
        stage_skip(stage=stage, user=pine_manager)
    restored = stage_restore(stage=project.stages.first(), user=pine_manager)
    assert restored.status == Stage.IN_PROGRESS
