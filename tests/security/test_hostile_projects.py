"""Hostile input to the project workspace: uploading documents with odd titles, kinds and files,
and marking a stage as ready with tampered hidden fields."""

import os
from pathlib import Path

import pytest
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.utils import validate_file_name
from hypothesis import given
from hypothesis import strategies as st

from pine.models import Document, ProjectEvent, ProjectStage
from tests.pine.factories import PDF_BYTES, ProjectFactory, member_of, stages_of
from tests.security.test_hostile_input import (
    assert_kept,
    body,
    each_example,
    examples,
    field_value,
    form,
    hostile_text,
    marked_markup,
    signed_in,
    typed,
)

pytestmark = pytest.mark.django_db

EXTENSIONS = st.sampled_from([".pdf", ".PDF", ".csv", ".docx", ".odt", ".exe", ".pdf.exe", ""])
CONTENTS = st.one_of(
    st.sampled_from(
        [PDF_BYTES, b"", b"MZ\x90\x00 renamed program", b"PK\x03\x04 not a zip", b"\xff\xfe\x00"]
    ),
    st.binary(max_size=200),
    st.builds(lambda text: text.encode(), hostile_text),  # UTF-8 text passes as a CSV
)


def _a_file_name(file: tuple) -> bool:
    """Whether a browser could send it as a file's name: Django refuses "", "." and ".."."""
    try:
        validate_file_name(os.path.basename(file[0] + file[1]))
    except SuspiciousFileOperation:
        return False
    return True


files = st.tuples(hostile_text, EXTENSIONS, CONTENTS).filter(_a_file_name)


@pytest.fixture
def project():
    return ProjectFactory()


@pytest.fixture
def partner(project):
    return member_of(project.organisation)


def stored_files(settings) -> list[Path]:
    root = Path(settings.STORAGES["default"]["OPTIONS"]["location"])
    return sorted(p for p in root.rglob("*") if p.is_file())


def as_int(value) -> int | None:
    try:
        return int(typed(value))
    except (TypeError, ValueError):
        return None


GOOD_FILE = ("plan", ".pdf", PDF_BYTES)
titled = st.tuples(
    st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=60),
    marked_markup,
)
uploads = st.one_of(
    st.tuples(
        form(
            title=st.just("Theory of change, first draft"),
            kind=st.sampled_from(Document.Kind.values),
            stage=st.just("current"),
        ),
        st.one_of(st.just(GOOD_FILE), files, field_value, st.none()),
    ),
    # A good upload: its title comes back in the message on the next page.
    st.tuples(
        st.fixed_dictionaries(
            {"title": titled.map("".join), "kind": st.sampled_from(Document.Kind.values)},
            optional={"stage": st.just("current")},
        ),
        st.just(GOOD_FILE),
    ),
)


@examples(35)
@given(posted=uploads)
def test_upload_stores_a_document_whole_or_nothing_and_keeps_the_title(
    project, partner, settings, posted
):
    data, upload = dict(posted[0]), posted[1]
    first = stages_of(project)[0]
    if data.get("stage") == "current":
        data["stage"] = str(first.pk)
    if isinstance(upload, tuple):
        name, extension, content = upload
        data["file"] = SimpleUploadedFile(name + extension, content)
    elif upload is not None:
        data["file"] = upload  # text where a file belongs
    url = f"{project.get_absolute_url()}stages/1/documents/"
    with each_example():
        before = (Document.objects.count(), ProjectEvent.objects.count(), stored_files(settings))
        response = signed_in(partner).post(url, data, follow=True)
        page = body(response)
        after = (Document.objects.count(), ProjectEvent.objects.count(), stored_files(settings))
        if not response.redirect_chain:
            assert after == before
            assert_kept(page, data, "title")
        else:
            assert after[:2] == (before[0] + 1, before[1] + 1)
            assert len(after[2]) == len(before[2]) + 1
    for path in set(after[2]) - set(before[2]):
        path.unlink()  # the database rolled back; the stored file is the test's to remove


@examples(30)
@given(
    stage=st.one_of(st.just("current"), field_value),
    seen=st.one_of(st.just("0"), st.integers(-(10**20), 10**20).map(str), field_value),
)
def test_marking_ready_with_tampered_hidden_fields_changes_nothing(project, partner, stage, seen):
    first = stages_of(project)[0]
    posted_stage = str(first.pk) if stage == "current" else stage
    fields = ("status", "version", "ready_at")
    with each_example():
        before = (
            ProjectStage.objects.values(*fields).get(pk=first.pk),
            ProjectEvent.objects.count(),
        )
        response = signed_in(partner).post(
            f"{project.get_absolute_url()}stages/1/ready/",
            {"stage": posted_stage, "seen_version": seen},
            follow=True,
        )
        body(response)
        after = (
            ProjectStage.objects.values(*fields).get(pk=first.pk),
            ProjectEvent.objects.count(),
        )
    honest = typed(posted_stage) == str(first.pk) and as_int(seen) == first.version
    assert (after != before) == honest
    if honest:
        assert after[0]["status"] == ProjectStage.Status.AWAITING_SIGN_OFF


@examples(20)
@given(
    number=st.one_of(st.integers(0, 10**30), st.just(2**63), st.sampled_from([1, 7, 8])),
    path=st.sampled_from(["stages/{}/", "stages/{}/ready/", "stages/{}/documents/"]),
)
def test_stage_and_document_numbers_out_of_range_are_not_found(project, partner, number, path):
    url = project.get_absolute_url() + path.format(number)
    with each_example():
        client = signed_in(partner)
        stage = client.get(url) if path == "stages/{}/" else client.post(url, {"title": "x"})
        document = client.get(f"/pine/documents/{number}/")
        body(stage), body(document)
    assert stage.status_code == (200 if 1 <= number <= len(stages_of(project)) else 404)
    assert document.status_code == 404
