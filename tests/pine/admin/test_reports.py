"""The evaluation report admin with its publish and unpublish pages, and the project event
admin, whose failed emails can be sent again."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pine.models import EvaluationReport, Project, ProjectEvent
from tests.pine.admin.project_pages import REPORTS, Kind, Stage, _post_data, _stored_files
from tests.pine.factories import (
    PDF_BYTES,
    EvaluationReportFactory,
    ProjectFactory,
    staff_in,
    stages_of,
)

pytestmark = pytest.mark.django_db


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
    assert "when every other stage is signed off or skipped" in page
    assert "Not done yet: Planning and modelling the intervention, Evaluation plan" in page
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


def test_publish_is_offered_only_when_the_report_can_be_published(client, pine_manager):
    report = EvaluationReportFactory(project=ProjectFactory())  # only the first stage started
    client.force_login(pine_manager)

    page = client.get(f"{REPORTS}{report.pk}/change/").content.decode()

    assert f"{REPORTS}{report.pk}/publish/" not in page
    assert (
        "You can publish the report when every other stage is signed off or skipped. "
        "Not done yet: Planning and modelling the intervention, Evaluation plan"
    ) in page
    ready = EvaluationReportFactory()
    page = client.get(f"{REPORTS}{ready.pk}/change/").content.decode()
    assert f"{REPORTS}{ready.pk}/publish/" in page and "Not done yet" not in page


def test_the_publish_page_says_why_it_cannot_publish_and_offers_no_button(client, pine_manager):
    report = EvaluationReportFactory(project=ProjectFactory())
    client.force_login(pine_manager)

    response = client.get(f"{REPORTS}{report.pk}/publish/")

    page = response.content.decode()
    assert "Not done yet: Planning and modelling the intervention" in page
    assert 'value="Publish the report"' not in page
    assert f'href="{REPORTS}{report.pk}/change/">Back to the report' in page


def test_view_on_site_shows_staff_a_preview_of_an_unpublished_report(client, pine_manager):
    report = EvaluationReportFactory(findings="Families felt **listened to**.")
    client.force_login(pine_manager)
    preview = f"{REPORTS}{report.pk}/preview/"
    assert f'href="{preview}"' in client.get(f"{REPORTS}{report.pk}/change/").content.decode()

    response = client.get(preview)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Preview: not published" in page and report.title in page
    assert "<strong>listened to</strong>" in page
    assert client.get(report.get_absolute_url()).status_code == 404  # still not public


def test_view_on_site_of_a_published_report_is_its_public_page(client, pine_manager):
    report = EvaluationReportFactory()
    client.force_login(pine_manager)
    client.post(f"{REPORTS}{report.pk}/publish/", {"seen_version": report.version})
    page = client.get(f"{REPORTS}{report.pk}/change/").content.decode()
    assert f'href="{report.get_absolute_url()}"' in page
    assert f"{REPORTS}{report.pk}/preview/" not in page


def test_the_preview_is_for_staff_only(client, user):
    report = EvaluationReportFactory()
    client.force_login(user)  # signed in, but not staff
    response = client.get(f"{REPORTS}{report.pk}/preview/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    editor = staff_in("Evidence editors")
    client.force_login(editor)
    assert client.get(f"{REPORTS}{report.pk}/preview/").status_code == 403


# --- Project events --------------------------------------------------------------------------


def test_project_events_are_read_only(client, pine_manager):
    event = ProjectFactory().events.get()
    client.force_login(pine_manager)
    assert client.get("/admin/pine/projectevent/add/").status_code == 403
    page = client.get(f"/admin/pine/projectevent/{event.pk}/change/").content.decode()
    assert 'name="_save"' not in page and 'name="_continue"' not in page
    response = client.post(f"/admin/pine/projectevent/{event.pk}/change/", {"message": "Changed"})
    assert response.status_code == 403
    assert ProjectEvent.objects.get(pk=event.pk).message != "Changed"
    response = client.post(f"/admin/pine/projectevent/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert ProjectEvent.objects.filter(pk=event.pk).exists()
