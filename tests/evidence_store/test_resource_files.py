"""Further resources kept as files: uploaded by editors, served privately as attachments."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from evidence_store.models import ResourceFile
from tests.accounts.factories import UserFactory
from tests.accounts.journeys import sign_in_with_two_factor
from tests.evidence_store.factories import DraftInterventionFactory, InterventionFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path), "base_url": None},
        },
    }
    return tmp_path


def make_file(intervention, title="Practice guide"):
    return ResourceFile.objects.create(
        intervention=intervention,
        title=title,
        file=SimpleUploadedFile("guide.pdf", PDF),
        original_name="guide.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )


def test_file_is_stored_under_a_server_chosen_name_and_listed_on_the_page(client):
    resource = make_file(InterventionFactory(slug="kin"))
    assert (
        resource.file.name.startswith("evidence-resources/") and "guide" not in resource.file.name
    )
    html = client.get("/evidence/kin/").content.decode()
    assert resource.get_absolute_url() in html and "Practice guide" in html and "PDF" in html


def test_download_is_an_attachment_with_a_safe_name(client):
    resource = make_file(InterventionFactory(slug="kin"), title='Guide "2019"\r\n')
    response = client.get(resource.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == 'attachment; filename="Guide -2019.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]


def test_files_of_drafts_and_of_other_interventions_are_404(client):
    draft_file = make_file(DraftInterventionFactory(slug="draft"))
    assert client.get(draft_file.get_absolute_url()).status_code == 404
    other = make_file(InterventionFactory(slug="other"))
    assert client.get(f"/evidence/kin-nope/resources/{other.pk}/").status_code == 404
    InterventionFactory(slug="kin")
    assert client.get(f"/evidence/kin/resources/{other.pk}/").status_code == 404


def test_a_file_missing_from_storage_is_404_not_500(client, private_storage):
    resource = make_file(InterventionFactory(slug="kin"))
    (private_storage / resource.file.name).unlink()
    assert client.get(resource.get_absolute_url()).status_code == 404


def test_editors_download_files_of_drafts_from_the_admin(client):
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Evidence editors"))
    sign_in_with_two_factor(client, editor)
    draft = DraftInterventionFactory()
    resource = make_file(draft)
    url = f"/admin/evidence_store/intervention/{draft.pk}/resources/{resource.pk}/"
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    preview = client.get(f"/admin/evidence_store/intervention/{draft.pk}/preview/")
    assert url in preview.content.decode()


def test_editor_uploads_through_admin_and_a_disguised_file_is_refused(client):
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Evidence editors"))
    sign_in_with_two_factor(client, editor)
    intervention = InterventionFactory()
    url = f"/admin/evidence_store/intervention/{intervention.pk}/change/"
    form = {
        "name": intervention.name, "slug": intervention.slug, "summary": intervention.summary,
        "seen_version": intervention.history.first().history_id,
        "ratings-TOTAL_FORMS": 0, "ratings-INITIAL_FORMS": 0,
        "Study_interventions-TOTAL_FORMS": 0, "Study_interventions-INITIAL_FORMS": 0,
        "resource_files-TOTAL_FORMS": 1, "resource_files-INITIAL_FORMS": 0,
        "resource_files-0-title": "Fidelity checklist",
    }  # fmt: skip
    disguised = SimpleUploadedFile("checklist.pdf", b"MZ\x90\x00" + b"\x00" * 64)
    response = client.post(url, {**form, "resource_files-0-file": disguised})
    assert response.status_code == 200
    assert "not a real PDF" in response.content.decode()
    assert not ResourceFile.objects.exists()

    real = SimpleUploadedFile("checklist.pdf", PDF)
    response = client.post(url, {**form, "resource_files-0-file": real})
    assert response.status_code == 302
    stored = ResourceFile.objects.get()
    assert (stored.original_name, stored.content_type, stored.size) == (
        "checklist.pdf",
        "application/pdf",
        len(PDF),
    )
