"""Publishing a project's evaluation report: only by programme managers, only once the other
stages are done, and never over someone else's change."""

from datetime import timedelta

import pytest
from django.utils import timezone

from pine.models import EvaluationReport, Project, ProjectEvent
from pine.services import ActionRefused, Conflict
from pine.services.projects import report_publish, stage_skip
from tests.pine.factories import manager
from tests.pine.services.projects.accepted_projects import Kind, Stage, event_kinds, make_project

pytestmark = pytest.mark.django_db


def make_report(project: Project, *, finish_stages: bool = True, **fields) -> EvaluationReport:
    """A report for the project; by default every stage but the final one is made complete."""
    if finish_stages:
        stages = list(project.stages.exclude(status=Stage.SKIPPED))
        project.stages.filter(pk__in=[s.pk for s in stages[:-1]]).update(
            status=Stage.COMPLETE, signed_off_at=timezone.now()
        )
    return EvaluationReport.objects.create(
        project=project,
        title=fields.pop("title", f"What {project.title} found"),
        slug=fields.pop("slug", project.slug),
        summary="A short summary.",
        findings="It helped.",
        link="https://example.org/report",
        **fields,
    )


def test_a_report_cannot_be_published_while_other_stages_are_unfinished(pine_manager):
    project = make_project()
    report = make_report(project, finish_stages=False)
    with pytest.raises(
        ActionRefused,
        match="Not done yet: Planning and modelling the intervention, Evaluation plan",
    ):
        report_publish(report=report, user=pine_manager)
    report.refresh_from_db()
    project.refresh_from_db()
    assert report.published_on is None and project.status == Project.Status.ACTIVE
    assert not project.stages.filter(status=Stage.COMPLETE).exists()


def test_publishing_a_report_completes_the_final_stage_and_the_project(pine_manager):
    project = make_project()
    stage_skip(stage=project.stages.last(), user=pine_manager)  # no separate publication stage
    report = make_report(project)

    published = report_publish(report=report, user=pine_manager, seen_version=report.version)

    assert published.published_on == timezone.localdate()
    project.refresh_from_db()
    assert project.status == Project.Status.COMPLETED
    *_, final, publication = project.stages.all()
    assert final.name == "Writing up the report"
    assert (final.status, final.signed_off_by) == (Stage.COMPLETE, pine_manager)
    assert final.signed_off_at is not None and final.started_at is not None
    assert publication.status == Stage.SKIPPED
    assert event_kinds(project)[-2:] == [Kind.STAGE_SIGNED_OFF, Kind.REPORT_PUBLISHED]
    assert project.events.get(kind=Kind.STAGE_SIGNED_OFF).stage == final
    assert list(EvaluationReport.objects.published()) == [published]


def test_a_reviewer_cannot_publish_a_report(pine_reviewer):
    project = make_project()
    report = make_report(project)
    with pytest.raises(ActionRefused, match="Only PINE programme managers"):
        report_publish(report=report, user=pine_reviewer)
    report.refresh_from_db()
    project.refresh_from_db()
    assert report.published_on is None and project.status == Project.Status.ACTIVE
    assert event_kinds(project) == [Kind.CREATED]
    assert not EvaluationReport.objects.published().exists()


def test_a_report_cannot_be_published_twice(pine_manager):
    report = make_report(make_project())
    report_publish(report=report, user=pine_manager)
    with pytest.raises(ActionRefused, match="already published"):
        report_publish(report=report, user=manager(totp=False))
    assert ProjectEvent.objects.filter(kind=Kind.REPORT_PUBLISHED).count() == 1


def test_publishing_a_report_seen_before_it_changed_is_a_conflict(pine_manager):
    report = make_report(make_project())
    seen = report.version
    EvaluationReport.objects.filter(pk=report.pk).update(version=seen + 1, title="Retitled")
    with pytest.raises(Conflict, match="Someone else changed this report"):
        report_publish(report=report, user=pine_manager, seen_version=seen)
    assert EvaluationReport.objects.get().published_on is None


def test_only_reports_published_on_or_before_today_are_published(pine_manager):
    published = make_report(make_project())
    report_publish(report=published, user=pine_manager)
    make_report(make_project())  # a draft
    scheduled = make_report(make_project())
    EvaluationReport.objects.filter(pk=scheduled.pk).update(
        published_on=timezone.localdate() + timedelta(days=1)
    )
    assert list(EvaluationReport.objects.published()) == [published]
