"""Starting a partnership: its project, created on acceptance with the stages copied from
the templates; and stages added to one project later."""

import pytest
from django.core import mail

import pine.services.projects.partnership as project_creation
from pine.models import Application, Event, Project, ProjectStage, StageTemplate
from pine.services import ActionRefused
from pine.services.projects import project_create, stage_add, stage_skip
from pine.services.transitions import application_transition
from pine.workflow import Status
from tests.pine.factories import ApplicationFactory, member_of
from tests.pine.services.projects.accepted_projects import Kind, Stage, make_project, stage_rows

pytestmark = pytest.mark.django_db

DEFAULT_STAGES = [
    "Planning and modelling the intervention",
    "Evaluation plan",
    "Data protection and research ethics",
    "Data collection",
    "Analysis and summarising findings",
    "Writing up the report",
    "Publication",
]


def template_rows() -> list[tuple]:
    return list(StageTemplate.objects.values_list("pk", "name", "guidance", "position", "active"))


# --- Creation on acceptance -----------------------------------------------------------------------


def test_accepting_an_application_creates_its_project_with_stages_from_the_active_templates(
    pine_manager, django_capture_on_commit_callbacks
):
    StageTemplate.objects.filter(name="Data protection and research ethics").update(active=False)
    StageTemplate.objects.filter(name="Publication").update(position=0)
    application = ApplicationFactory(status=Status.CONSULTATION)
    with django_capture_on_commit_callbacks(execute=True):
        application_transition(
            application=application, transition="accept", user=pine_manager, message="Yes."
        )

    project = Project.objects.get()
    assert project.application == application
    assert project.organisation == application.organisation
    stages = list(project.stages.all())
    names = [s.name for s in stages]
    assert names == list(StageTemplate.objects.filter(active=True).values_list("name", flat=True))
    assert names[0] == "Publication"
    assert "Data protection and research ethics" not in names
    assert len(names) == len(DEFAULT_STAGES) - 1
    assert all(s.guidance == s.template.guidance and s.name == s.template.name for s in stages)
    first, *rest = stages
    assert first.status == Stage.IN_PROGRESS and first.started_at is not None
    assert all(s.status == Stage.NOT_STARTED and s.started_at is None for s in rest)
    (created,) = project.events.all()
    assert (created.kind, created.actor) == (Kind.CREATED, pine_manager)
    assert application.reference in created.message


def _fail_stage_copy(monkeypatch):
    def refuse(*args, **kwargs):
        raise RuntimeError("the database refused the stages")

    monkeypatch.setattr(ProjectStage.objects, "bulk_create", refuse)


def _fail_after_the_stages(monkeypatch):
    def refuse(*args, **kwargs):
        raise RuntimeError("the event could not be recorded")

    monkeypatch.setattr(project_creation, "record_event", refuse)


@pytest.mark.parametrize("break_it", [_fail_stage_copy, _fail_after_the_stages])
def test_acceptance_is_undone_when_the_project_cannot_be_created(
    break_it, monkeypatch, pine_manager, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(status=Status.CONSULTATION)
    member_of(application.organisation)
    break_it(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        application_transition(
            application=application, transition="accept", user=pine_manager, message="Yes."
        )
    assert Application.objects.get().status == Status.CONSULTATION
    assert not Project.objects.exists()
    assert not ProjectStage.objects.exists()
    assert not Event.objects.exists()
    assert mail.outbox == []


def test_an_application_cannot_be_accepted_twice(pine_manager):
    application = ApplicationFactory(status=Status.CONSULTATION)
    application_transition(
        application=application, transition="accept", user=pine_manager, message="Yes."
    )
    with pytest.raises(ActionRefused, match="You cannot accept"):
        application_transition(
            application=application, transition="accept", user=pine_manager, message="Again."
        )
    assert Project.objects.count() == 1
    assert ProjectStage.objects.count() == len(DEFAULT_STAGES)


def test_a_second_project_for_an_organisation_gets_a_numbered_address(pine_manager):
    first = make_project()
    second = project_create(
        application=ApplicationFactory(organisation=first.organisation, status=Status.ACCEPTED),
        user=pine_manager,
    )
    assert second.slug == f"{first.slug}-2"


# --- Adapting one project's stages ----------------------------------------------------------------


def test_adapting_one_projects_stages_leaves_other_projects_and_the_templates_alone(pine_manager):
    adapted, other = make_project(), make_project()
    other_before, templates_before = stage_rows(other), template_rows()

    first, second, third, *_ = adapted.stages.all()
    added = stage_add(
        project=adapted, user=pine_manager, name="Site visit", position=second.position + 1
    )
    stage_skip(stage=third, user=pine_manager, reason="Not needed here.")
    first.name, first.position = "Modelling the service", 1000
    first.save()

    names = list(adapted.stages.values_list("name", flat=True))
    assert names[:3] == ["Evaluation plan", "Site visit", "Data protection and research ethics"]
    assert names[-1] == "Modelling the service"
    assert added.template is None
    assert adapted.stages.get(pk=third.pk).status == Stage.SKIPPED
    assert stage_rows(other) == other_before
    assert template_rows() == templates_before


def test_editing_a_template_changes_only_projects_created_later():
    existing = make_project()
    before = stage_rows(existing)
    template = StageTemplate.objects.get(name="Evaluation plan")
    template.name, template.guidance = "Evaluation and analysis plan", "New guidance."
    template.save()
    StageTemplate.objects.filter(name="Data collection").update(active=False)

    assert stage_rows(existing) == before
    later = make_project()
    names = list(later.stages.values_list("name", flat=True))
    assert "Evaluation and analysis plan" in names and "Data collection" not in names
    assert later.stages.get(template=template).guidance == "New guidance."


def test_the_starting_summary_gives_way_to_the_status_and_to_one_staff_write():
    project = make_project()
    assert project.summary == f"{project.organisation} is evaluating its practice with PINE."
    assert project.written_summary == ""  # pages say what the status means instead
    project.summary = "Family meetings held before a child protection conference."
    assert project.written_summary == project.summary
