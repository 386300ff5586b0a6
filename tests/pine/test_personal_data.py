"""PINE's part of a person's data download: what they started, did and saved."""

import pytest

from accounts.personal_data import personal_data_collect
from tests.pine.factories import ApplicationFactory, EventFactory, SectionAnswerFactory

pytestmark = pytest.mark.django_db


def test_download_holds_the_applications_events_and_sections_a_person_authored(applicant):
    application = ApplicationFactory(created_by=applicant)
    EventFactory(application=application, actor=applicant, message="Sent")
    SectionAnswerFactory(application=application, updated_by=applicant)
    ApplicationFactory()  # someone else's
    data = personal_data_collect(applicant)
    assert [a["reference"] for a in data["pine_applications_started"]] == [application.reference]
    assert data["pine_application_events"][0]["message"] == "Sent"
    assert data["pine_section_answers_saved"][0]["section"] == "theory-of-change"


def test_download_holds_the_documents_and_project_steps_a_person_authored(settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pine.services.projects import document_upload, project_create, stage_mark_ready
    from tests.pine.factories import member_of

    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}  # fmt: skip
    project = project_create(application=ApplicationFactory(status="accepted"), user=None)
    partner = member_of(project.organisation)
    stage = project.stages.first()
    document_upload(stage=stage, user=partner, upload=SimpleUploadedFile("a.csv", b"a,b\n"), title="Survey", kind="instrument")  # fmt: skip
    stage_mark_ready(stage=stage, user=partner)
    colleague = member_of(project.organisation)
    data = personal_data_collect(partner)
    assert [d["title"] for d in data["pine_documents_uploaded"]] == ["Survey"]
    assert data["pine_documents_uploaded"][0]["file_name"] == "a.csv"
    assert {e["what"] for e in data["pine_project_events"]} == {
        "Document uploaded",
        "Marked ready for sign-off",
    }
    assert personal_data_collect(colleague)["pine_documents_uploaded"] == []
