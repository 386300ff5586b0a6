"""Uploading a document to a stage: checked by its content, stored under a name the server
chooses, and refused to people outside the project."""

import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.uploads import MAX_UPLOAD_BYTES
from pine.models import Document, Project, ProjectStage
from pine.services import ActionRefused
from pine.services.projects import document_upload
from tests.pine.factories import member_of
from tests.pine.services.projects.accepted_projects import (
    Kind,
    _outsider,
    _reviewer,
    event_kinds,
    make_project,
)

pytestmark = pytest.mark.django_db


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
VALID = {
    "Theory of change.pdf": PDF,
    "survey answers.csv": "name,answer\nAmélie,yes\n".encode(),
    "plan.docx": zipped(
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}
    ),
}
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 100


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path), "base_url": None},
        },
    }
    return tmp_path


def stored_files(root) -> list:
    return [path for path in root.rglob("*") if path.is_file()]


@pytest.mark.parametrize(("name", "content"), VALID.items())
def test_a_valid_document_is_stored_under_a_name_the_server_chooses(name, content, media):
    project = make_project()
    partner = member_of(project.organisation)
    stage = project.stages.first()
    document = document_upload(
        stage=stage,
        user=partner,
        upload=SimpleUploadedFile(name, content),
        title="Our file",
        kind=Document.Kind.THEORY_OF_CHANGE,
    )

    document.refresh_from_db()
    (path,) = stored_files(media)
    assert path.read_bytes() == content
    assert path.relative_to(media).as_posix() == document.file.name
    extension = name.rsplit(".", 1)[1]
    assert re.fullmatch(rf"pine/documents/[0-9a-f]{{32}}\.{extension}", document.file.name)
    assert (document.original_name, document.size, document.uploaded_by) == (
        name,
        len(content),
        partner,
    )
    assert document.stage == stage
    assert project.events.last().kind == Kind.DOCUMENT_UPLOADED


def _oversize():
    upload = SimpleUploadedFile("plan.pdf", PDF)
    upload.size = MAX_UPLOAD_BYTES + 1
    return upload


@pytest.mark.parametrize(
    ("make_upload", "code"),
    [
        (_oversize, "too_large"),
        (lambda: SimpleUploadedFile("report.pdf", EXECUTABLE), "content"),
        (lambda: SimpleUploadedFile("report.exe", PDF), "extension"),
        (lambda: SimpleUploadedFile("report.html", b"<script>alert(1)</script>"), "extension"),
        (lambda: SimpleUploadedFile("empty.csv", b""), "empty"),
    ],
    ids=["oversize", "renamed-executable", "exe", "html", "empty"],
)
def test_a_refused_document_leaves_nothing_behind(make_upload, code, media):
    project = make_project()
    with pytest.raises(ValidationError) as error:
        document_upload(
            stage=project.stages.first(),
            user=member_of(project.organisation),
            upload=make_upload(),
            title="Plan",
            kind=Document.Kind.OTHER,
        )
    assert error.value.code == code
    assert not Document.objects.exists()
    assert stored_files(media) == []
    assert Kind.DOCUMENT_UPLOADED not in event_kinds(project)


def test_a_file_just_under_the_limit_is_accepted(media):
    project = make_project()
    upload = SimpleUploadedFile("plan.pdf", PDF)
    upload.size = MAX_UPLOAD_BYTES
    document = document_upload(
        stage=project.stages.first(),
        user=member_of(project.organisation),
        upload=upload,
        title="Plan",
        kind=Document.Kind.OTHER,
    )
    assert Document.objects.get() == document


@pytest.mark.parametrize("who", [_outsider, _reviewer])
def test_people_outside_the_project_cannot_upload(who, media):
    project = make_project()
    with pytest.raises(ActionRefused, match="cannot add documents"):
        document_upload(
            stage=project.stages.first(),
            user=who(project),
            upload=SimpleUploadedFile("plan.pdf", PDF),
            title="Plan",
            kind=Document.Kind.OTHER,
        )
    assert not Document.objects.exists()
    assert stored_files(media) == []


def test_a_programme_manager_can_upload(pine_manager, media):
    project = make_project()
    document_upload(
        stage=project.stages.first(),
        user=pine_manager,
        upload=SimpleUploadedFile("plan.pdf", PDF),
        title="Plan",
        kind=Document.Kind.OTHER,
    )
    assert Document.objects.get().uploaded_by == pine_manager


def test_a_withdrawn_project_refuses_uploads(pine_manager, media):
    project = make_project()
    partner = member_of(project.organisation)
    Project.objects.filter(pk=project.pk).update(status=Project.Status.WITHDRAWN)
    stage = ProjectStage.objects.select_related("project").filter(project=project).first()
    for user in (partner, pine_manager):
        with pytest.raises(ActionRefused, match="cannot add documents"):
            document_upload(
                stage=stage,
                user=user,
                upload=SimpleUploadedFile("plan.pdf", PDF),
                title="Plan",
                kind=Document.Kind.OTHER,
            )
    assert not Document.objects.exists()
    assert stored_files(media) == []
