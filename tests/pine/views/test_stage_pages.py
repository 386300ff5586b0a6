"""A project's stage pages: guidance, uploads, marking ready, and document downloads."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pine.models import Action, Document, Project, ProjectEvent, ProjectStage
from pine.services.projects import document_upload
from tests.accounts.factories import UserFactory
from tests.pine.factories import manager, member_of
from tests.pine.views.workspace import PDF, add_meeting, make_project, upload

pytestmark = pytest.mark.django_db


def test_stage_page_shows_guidance_meeting_notes_actions_and_documents(client, project, partner):
    stage = project.stages.first()
    meeting = add_meeting(stage)
    Action.objects.create(meeting=meeting, description="Draft the logic model", owner="Sam Partner")
    document_upload(
        stage=stage,
        user=partner,
        upload=upload(),
        title="Theory of change",
        kind="theory_of_change",
    )
    client.force_login(partner)
    page = client.get(f"{project.get_absolute_url()}stages/1/").content.decode()
    assert "theory of change" in page  # from the template's guidance
    assert "Town Hall, Room 4" in page and "Alex Researcher" in page
    assert "<strong>plan</strong>" in page  # notes are Markdown
    assert "Draft the logic model" in page and "Theory of change" in page
    assert "Mark this stage as ready for sign-off" in page


@pytest.mark.parametrize("number", [0, 8, 99])
def test_a_stage_number_outside_the_project_gives_404(client, project, partner, number):
    client.force_login(partner)
    assert client.get(f"{project.get_absolute_url()}stages/{number}/").status_code == 404


def test_partner_uploads_a_document_to_the_stage(client, project, partner, settings):
    client.force_login(partner)
    url = f"{project.get_absolute_url()}stages/1/documents/"
    response = client.post(
        url,
        {
            "stage": project.stages.first().pk,
            "title": "Evaluation plan v1",
            "kind": "evaluation_plan",
            "file": upload("My plan (final).pdf"),
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/stages/1/#documents")
    document = Document.objects.get()
    assert document.stage == project.stages.first() and document.uploaded_by == partner
    assert document.original_name == "My plan (final).pdf"
    assert "final" not in document.file.name and document.file.name.endswith(".pdf")
    assert (settings.MEDIA_ROOT / document.file.name).read_bytes() == PDF
    assert ProjectEvent.objects.filter(kind=ProjectEvent.Kind.DOCUMENT_UPLOADED).count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.pdf", b"MZ\x90\x00" + b"\x00" * 200, "is not a real PDF"),
        ("setup.exe", b"MZ\x90\x00" + b"\x00" * 200, "must be a PDF, DOCX, XLSX, ODT or CSV"),
        ("empty.csv", b"", "The selected file is empty"),
    ],
)
def test_a_disguised_or_wrong_file_is_refused_and_nothing_is_stored(
    client, project, partner, settings, name, content, message
):
    client.force_login(partner)
    response = client.post(
        f"{project.get_absolute_url()}stages/1/documents/",
        {
            "stage": project.stages.first().pk,
            "title": "Keep this title",
            "kind": "instrument",
            "file": upload(name, content),
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and message in page
    assert 'value="Keep this title"' in page
    assert re.search(r'value="instrument"\s+checked', page)
    assert not Document.objects.exists()
    assert not any(p.is_file() for p in settings.MEDIA_ROOT.rglob("*"))


def test_marking_a_stage_ready_records_it_and_a_stale_form_gets_a_conflict(
    client, project, partner
):
    stage = project.stages.first()
    client.force_login(partner)
    url = f"{project.get_absolute_url()}stages/1/ready/"
    assert client.get(url).status_code == 405
    stale = client.post(url, {"stage": stage.pk, "seen_version": stage.version + 5})
    assert stale.status_code == 200
    assert "Someone else changed the stage" in stale.content.decode()
    stage.refresh_from_db()
    assert stage.status == ProjectStage.Status.IN_PROGRESS
    response = client.post(url, {"stage": stage.pk, "seen_version": stage.version})
    assert response.status_code == 302
    stage.refresh_from_db()
    assert stage.status == ProjectStage.Status.AWAITING_SIGN_OFF and stage.ready_by == partner
    page = client.get(response["Location"]).content.decode()
    assert "Awaiting sign-off" in page and "Mark this stage as ready" not in page
    again = client.post(url, {"stage": stage.pk, "seen_version": stage.version})
    assert "cannot be marked as ready" in again.content.decode()


def test_a_tampered_version_is_a_conflict_not_an_error(client, project, partner):
    client.force_login(partner)
    response = client.post(
        f"{project.get_absolute_url()}stages/1/ready/",
        {"stage": project.stages.first().pk, "seen_version": "x\x00"},
    )
    assert response.status_code == 200 and "Someone else changed" in response.content.decode()


def test_documents_download_only_for_their_project(client, project, partner):
    document = document_upload(
        stage=project.stages.first(),
        user=partner,
        upload=upload(),
        title="Plan: v1/final",
        kind="other",
    )
    url = document.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    client.force_login(member_of(make_project().organisation))
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(partner)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == 'attachment; filename="Plan- v1-final.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]


def test_a_missing_document_id_gives_404(client, partner):
    client.force_login(partner)
    assert client.get("/pine/documents/999999/").status_code == 404


def test_no_upload_form_for_a_withdrawn_project(client, project, partner):
    Project.objects.filter(pk=project.pk).update(status=Project.Status.WITHDRAWN)
    client.force_login(partner)
    page = client.get(f"{project.get_absolute_url()}stages/1/").content.decode()
    assert "Upload the document" not in page and "Mark this stage" not in page
    response = client.post(
        f"{project.get_absolute_url()}stages/1/documents/",
        {"stage": project.stages.first().pk, "title": "Late", "kind": "other", "file": upload()},
    )
    page = response.content.decode()
    assert "cannot add documents" in page
    assert 'href="#main-content"' in page  # the upload form is not on the page to link to
    assert not Document.objects.exists()


def test_stored_names_are_chosen_by_the_server(project, partner):
    document = document_upload(
        stage=project.stages.first(),
        user=partner,
        upload=SimpleUploadedFile("Survey results (Jo's copy).csv", b"a,b\n1,2\n"),
        title="Data",
        kind="data",
    )
    assert re.fullmatch(r"pine/documents/[0-9a-f]{32}\.csv", document.file.name)
    assert document.original_name == "Survey results (Jo's copy).csv"


def test_an_oversize_upload_is_answered_without_reading_the_body(project, partner, monkeypatch):
    from django.http.multipartparser import MultiPartParser
    from django.test import Client

    parsed = []
    real_parse = MultiPartParser.parse
    monkeypatch.setattr(MultiPartParser, "parse", lambda self: parsed.append(1) or real_parse(self))
    client = Client(enforce_csrf_checks=True)
    client.force_login(partner)
    url = f"{project.get_absolute_url()}stages/1/documents/"
    response = client.post(
        url,
        {"title": "Big", "kind": "other", "file": upload("big.csv", b"a," * 10)},
        CONTENT_LENGTH=str(21 * 1024 * 1024 + 200_000),
    )
    assert response.status_code == 413 and not parsed
    assert "The file you selected is too big" in response.content.decode()
    # A body of normal size is still checked for its CSRF token (the page set the cookie).
    client.get(f"{project.get_absolute_url()}stages/1/")
    refused = client.post(url, {"title": "Small", "kind": "other", "file": upload()})
    assert refused.status_code == 403 and parsed
    assert not Document.objects.exists()


def test_a_form_for_a_stage_that_has_since_moved_saves_nothing(client, project, partner):
    from pine.services.projects import stage_add

    first, second, *_ = project.stages.all()
    stage_add(project=project, user=manager(totp=False), name="Extra", position=first.position + 1)
    client.force_login(partner)
    response = client.post(
        f"{project.get_absolute_url()}stages/2/documents/",
        {"stage": second.pk, "title": "Plan", "kind": "other", "file": upload()},
    )
    page = response.content.decode()
    assert "stage 2 is now Extra" in page and 'value="Plan"' in page
    assert not Document.objects.exists()
    response = client.post(
        f"{project.get_absolute_url()}stages/1/ready/",
        {"stage": second.pk, "seen_version": first.version},
    )
    assert "stage 1 is now Planning" in response.content.decode()
    first.refresh_from_db()
    assert first.status == ProjectStage.Status.IN_PROGRESS


def test_only_a_stage_in_progress_can_be_marked_ready(client, project, partner):
    later = project.stages.all()[3]
    client.force_login(partner)
    page = client.get(f"{project.get_absolute_url()}stages/4/").content.decode()
    assert "Mark this stage as ready" not in page
    response = client.post(
        f"{project.get_absolute_url()}stages/4/ready/",
        {"stage": later.pk, "seen_version": later.version},
    )
    page = response.content.decode()
    assert "Only a stage in progress can be" in page
    assert 'href="#main-content"' in page
    later.refresh_from_db()
    assert later.status == ProjectStage.Status.NOT_STARTED


def test_no_stage_is_current_once_the_project_has_finished(client, project, partner):
    url = f"{project.get_absolute_url()}stages/1/"
    client.force_login(partner)
    assert "(the current stage)" in client.get(url).content.decode()
    Project.objects.filter(pk=project.pk).update(status=Project.Status.COMPLETED)
    assert "(the current stage)" not in client.get(url).content.decode()
