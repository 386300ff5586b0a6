"""The public partners and evaluations pages: public fields only, published reports only."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from evidence_store.models import Intervention
from pine.models import Action, EvaluationReport, Meeting, Project
from pine.services.projects import document_upload, meeting_save, report_publish
from tests.evidence_store.factories import InterventionFactory
from tests.pine.factories import manager, member_of, ready_to_publish
from tests.pine.views.workspace import PDF, finish_skipping_five, make_project, tracker_items

pytestmark = pytest.mark.django_db

PRIVATE = [
    "Secret meeting notes",
    "Ada Attendee",
    "Private action",
    "ethics-approval",
    "jo@example.org",
]


@pytest.fixture
def private_project():
    """A project with everything that must stay private: notes, people, actions, documents."""
    project = make_project(title="Family Circles")
    stage = project.stages.first()
    meeting = meeting_save(
        meeting=Meeting(
            stage=stage,
            starts_at=timezone.now() + timedelta(days=3),
            location="Room 1",
            attendees="Ada Attendee",
            notes="Secret meeting notes",
        ),
        user=None,
    )
    Action.objects.create(meeting=meeting, description="Private action", owner="Ada Attendee")
    partner = member_of(project.organisation)
    document_upload(
        stage=stage,
        user=partner,
        upload=SimpleUploadedFile("ethics.pdf", PDF),
        title="ethics-approval",
        kind="ethics",
    )
    return project


def test_partners_page_lists_public_fields_only(client, private_project):
    Project.objects.filter(pk=private_project.pk).update(summary="Meetings with families.")
    withdrawn = make_project(title="Stopped early")
    Project.objects.filter(pk=withdrawn.pk).update(status=Project.Status.WITHDRAWN)
    for url in ["/pine/partners/", private_project.get_public_url()]:
        page = client.get(url).content.decode()
        assert "Family Circles" in page
        assert private_project.organisation.name.replace("'", "&#x27;") in page
        assert private_project.organisation.get_region_display() in page
        assert "Active" in page and private_project.stages.first().name in page
        assert not [text for text in PRIVATE if text in page]
        assert "/pine/documents/" not in page and "/pine/projects/" not in page
    assert (
        "Meetings with families." in client.get(private_project.get_public_url()).content.decode()
    )
    assert "Stopped early" not in client.get("/pine/partners/").content.decode()
    assert client.get(withdrawn.get_public_url()).status_code == 404


def test_partners_page_query_count_does_not_grow(client):
    make_project()
    with CaptureQueriesContext(connection) as few:
        client.get("/pine/partners/")
    for _ in range(5):
        make_project()
    finish_skipping_five(make_project())  # with its report and its tracker
    with CaptureQueriesContext(connection) as many:
        page = client.get("/pine/partners/").content.decode()
    assert "7 partnerships" in page
    assert len(many) == len(few)


@pytest.fixture
def report(private_project):
    intervention = InterventionFactory(status=Intervention.Status.PUBLISHED, name="Kinship care")
    private_project.intervention = intervention
    private_project.save(update_fields=["intervention"])
    return EvaluationReport.objects.create(
        project=private_project,
        title="What we learned from Family Circles",
        slug="family-circles",
        summary="A short summary.",
        findings="Families **felt heard**.",
        pdf=SimpleUploadedFile("report.pdf", PDF),
        illustrative=True,
    )


def test_unpublished_reports_are_not_shown(client, report):
    assert "Family Circles" not in client.get("/pine/evaluations/").content.decode()
    assert client.get(report.get_absolute_url()).status_code == 404
    assert client.get(f"{report.get_absolute_url()}report.pdf").status_code == 404


def test_published_report_page_links_the_intervention_and_the_pdf(client, report):
    report_publish(report=ready_to_publish(report.project).report, user=manager(totp=False))
    listing = client.get("/pine/evaluations/").content.decode()
    assert report.title in listing and "Illustrative" in listing
    page = client.get(report.get_absolute_url()).content.decode()
    assert "<strong>felt heard</strong>" in page
    assert "This report is illustrative" in page
    assert report.project.intervention.get_absolute_url() in page
    assert f"{report.get_absolute_url()}report.pdf" in page
    assert not [text for text in PRIVATE if text in page]
    pdf = client.get(f"{report.get_absolute_url()}report.pdf")
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content) == PDF
    assert pdf["Content-Disposition"].startswith("attachment;")
    partner_page = client.get(report.project.get_public_url()).content.decode()
    assert report.get_absolute_url() in partner_page and "Completed" in partner_page


def test_a_draft_intervention_is_not_linked(client, report):
    Intervention.objects.filter(pk=report.project.intervention_id).update(
        status=Intervention.Status.DRAFT
    )
    report_publish(report=ready_to_publish(report.project).report, user=manager(totp=False))
    page = client.get(report.get_absolute_url()).content.decode()
    assert "/evidence/" + report.project.intervention.slug not in page


def test_programme_page_links_partners_and_evaluations(client):
    page = client.get("/pine/").content.decode()
    assert 'href="/pine/partners/"' in page and 'href="/pine/evaluations/"' in page


def test_a_withdrawn_projects_report_leaves_the_public_pages(client, report):
    report_publish(report=ready_to_publish(report.project).report, user=manager(totp=False))
    assert client.get(report.get_absolute_url()).status_code == 200
    Project.objects.filter(pk=report.project_id).update(status=Project.Status.WITHDRAWN)
    assert client.get(report.get_absolute_url()).status_code == 404
    assert report.title not in client.get("/pine/evaluations/").content.decode()


def test_partner_pages_show_the_stage_tracker_in_words(client, private_project):
    stage = private_project.stages.first()
    detail = client.get(private_project.get_public_url()).content.decode()
    assert tracker_items(detail)[0] == f"Stage 1, {stage.name}: current stage"
    assert len(tracker_items(detail)) == 7 and "0 of 7 stages complete." in detail
    listing = client.get("/pine/partners/").content.decode()
    assert f"Stage 1, {stage.name}: current stage" in tracker_items(listing)
    assert "app-stage-tracker--compact" in listing
    assert f"Current stage: {stage.name}" in listing


def test_a_finished_partnership_says_so_and_links_its_report(client):
    project = make_project(title="Family Circles")
    report = finish_skipping_five(project)
    detail = client.get(project.get_public_url()).content.decode()
    assert "has finished evaluating its practice with PINE." in detail
    assert "is evaluating" not in detail
    assert "2 of 7 stages complete, 5 skipped." in detail
    assert f"Stage 2, {project.stages.all()[1].name}: skipped" in tracker_items(detail)
    assert f'href="{report.get_absolute_url()}"' in detail
    listing = client.get("/pine/partners/").content.decode()
    assert f'href="{report.get_absolute_url()}"' in listing and "read the evaluation" in listing
