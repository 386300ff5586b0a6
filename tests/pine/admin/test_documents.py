"""The document admin: uploads are checked by content and stored privately, and stored
documents are read-only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pine.models import Document, Project, ProjectEvent
from tests.pine.admin.project_pages import DOCUMENTS, STAGES, Kind, _stored_files
from tests.pine.factories import PDF_BYTES, DocumentFactory, ProjectFactory, stages_of

pytestmark = pytest.mark.django_db


def test_document_upload_refuses_a_renamed_executable_and_stores_nothing(
    client, pine_manager, private_storage
):
    stage = stages_of(ProjectFactory())[0]
    client.force_login(pine_manager)
    upload = SimpleUploadedFile("x.pdf", b"MZ\x90\x00" + b"\x00" * 200)

    response = client.post(
        f"{DOCUMENTS}add/",
        {"stage": stage.pk, "title": "Plan", "kind": "evaluation_plan", "file": upload},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "The selected file is not a real PDF. Save it again as a PDF, DOCX, XLSX, ODT or CSV "
        "and upload that."
    ]
    assert "Plan" in response.content.decode()
    assert not Document.objects.exists() and _stored_files(private_storage) == []


def test_document_upload_stores_a_real_pdf_through_the_service(
    client, pine_manager, private_storage
):
    stage = stages_of(ProjectFactory())[0]
    client.force_login(pine_manager)
    upload = SimpleUploadedFile("plan.pdf", PDF_BYTES, content_type="application/pdf")

    response = client.post(
        f"{DOCUMENTS}add/",
        {"stage": stage.pk, "title": "Plan", "kind": "evaluation_plan", "file": upload},
    )

    assert response.status_code == 302 and response.url == f"{STAGES}{stage.pk}/change/"
    document = Document.objects.get()
    assert (document.stage, document.uploaded_by, document.size) == (
        stage,
        pine_manager,
        len(PDF_BYTES),
    )
    assert document.file.name.startswith("pine/documents/") and "plan" not in document.file.name
    assert [p.read_bytes() for p in _stored_files(private_storage)] == [PDF_BYTES]
    assert ProjectEvent.objects.filter(kind=Kind.DOCUMENT_UPLOADED, stage=stage).exists()


def test_documents_of_a_withdrawn_project_are_refused(client, pine_manager):
    stage = stages_of(ProjectFactory(status=Project.Status.WITHDRAWN))[0]
    client.force_login(pine_manager)
    upload = SimpleUploadedFile("plan.pdf", PDF_BYTES)
    response = client.post(
        f"{DOCUMENTS}add/", {"stage": stage.pk, "title": "", "kind": "other", "file": upload}
    )
    assert "You cannot add documents to this project." in response.content.decode()
    assert not Document.objects.exists()


def test_stored_documents_are_read_only_and_link_to_the_checked_download(client, pine_manager):
    document = DocumentFactory()
    client.force_login(pine_manager)
    url = f"{DOCUMENTS}{document.pk}/change/"
    page = client.get(url).content.decode()
    assert f'href="/pine/documents/{document.pk}/"' in page
    assert client.post(url, {"title": "Changed"}).status_code == 403
    assert client.post(f"{DOCUMENTS}{document.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Document.objects.get(pk=document.pk).title == "Theory of change"
