"""The workflows' data (pine/workflow/): every state is reachable, every transition names who may
act and says what it does, and the rules say why not."""

import pytest

from pine.models import Application, Project, ProjectEvent, ProjectStage
from pine.workflow import (
    APPLICANT_STATUS,
    PROJECT_TRANSITIONS,
    STAFF_GROUPS,
    STAGE_TRANSITIONS,
    TRANSITIONS,
    Actor,
    ProjectStatus,
    StageStatus,
    Status,
    applicant_transition,
)
from pine.workflow.rules import choices, refusal
from tests.pine.factories import ProjectFactory, manager, member_of, reviewer


def test_every_status_has_a_plain_label_for_applicants():
    assert set(APPLICANT_STATUS) == set(Status)


def test_every_status_but_draft_is_the_target_of_a_transition():
    assert {t.target for t in TRANSITIONS.values()} == set(Status) - {Status.DRAFT}


def test_only_programme_managers_decide():
    decisions = [t for t in TRANSITIONS.values() if t.target in (Status.ACCEPTED, Status.DECLINED)]
    assert decisions and all(t.actors == (Actor.MANAGER,) for t in decisions)
    assert all(t.message_required and t.email_applicant for t in decisions)


def test_staff_actors_are_the_staff_groups():
    assert set(STAFF_GROUPS) == {Actor.REVIEWER, Actor.MANAGER}


# --- The stages' and projects' tables, and who may do what ----------------------------------


def test_application_transitions_say_what_they_do_rather_than_by_name():
    sending = [t.name for t in TRANSITIONS.values() if t.applicant_page == "submit"]
    assert sending == ["submit", "resubmit"]
    assert all(TRANSITIONS[n].needs_complete_sections for n in sending)
    assert [t.name for t in TRANSITIONS.values() if t.creates_project] == ["accept"]
    assert {t.stamps for t in TRANSITIONS.values()} <= {
        "",
        *(f.name for f in Application._meta.fields),
    }
    assert applicant_transition(Status.MORE_INFORMATION, "submit").name == "resubmit"
    assert applicant_transition(Status.ACCEPTED, "withdraw").name == "withdraw"  # refused on use


@pytest.mark.parametrize(
    "table", [STAGE_TRANSITIONS, PROJECT_TRANSITIONS], ids=["stages", "projects"]
)
def test_every_transition_records_a_known_event_between_known_statuses(table):
    statuses = set(StageStatus) if table is STAGE_TRANSITIONS else set(ProjectStatus)
    for t in table.values():
        assert t.event in ProjectEvent.Kind.values, t.name
        assert {*t.sources, t.target} <= statuses, t.name
        assert t.text in ("", "optional", "required"), t.name
        assert t.text != "required" or t.text_missing, t.name


def test_what_a_stage_transition_writes_are_fields_of_the_stage():
    fields = {f.name for f in ProjectStage._meta.fields}
    for t in STAGE_TRANSITIONS.values():
        assert set(t.sets) <= fields, t.name


@pytest.mark.django_db
def test_the_partner_is_offered_ready_on_the_workspace_and_a_manager_sign_off_in_the_admin():
    project = ProjectFactory()
    stage = project.stages.order_by("position").first()
    partner, staff = member_of(project.organisation), manager(totp=False)
    assert [t.name for t in choices(user=partner, subject=stage, page="workspace")] == [
        "mark_ready"
    ]
    assert choices(user=partner, subject=stage, page="admin") == []
    assert [t.name for t in choices(user=staff, subject=stage, page="admin")] == ["skip"]

    ProjectStage.objects.filter(pk=stage.pk).update(status=StageStatus.AWAITING_SIGN_OFF)
    stage.refresh_from_db()
    assert [t.name for t in choices(user=staff, subject=stage, page="admin")] == [
        "sign_off",
        "return",
        "skip",
    ]
    assert refusal(user=partner, subject=stage, transition="sign_off") == (
        "Only PINE programme managers can sign off a stage."
    )
    assert refusal(user=staff, subject=stage, transition="restore") == (
        "Only a skipped stage can be restored."
    )


@pytest.mark.django_db
def test_a_paused_project_can_be_resumed_or_withdrawn_and_says_why_not_otherwise():
    project = ProjectFactory(status=Project.Status.PAUSED)
    staff = manager(totp=False)
    assert [t.name for t in choices(user=staff, subject=project)] == ["resume", "withdraw"]
    assert refusal(user=staff, subject=project, transition="pause") == (
        "The project is paused, so it cannot be paused."
    )
    assert refusal(user=reviewer(totp=False), subject=project, transition="resume") == (
        "Only PINE programme managers can resume a project."
    )
