"""Uploads are checked by size, extension and actual content; names are the server's."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from config.uploads import MAX_UPLOAD_BYTES, safe_download_name, server_chosen_name, validate_upload


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


VALID = {
    "plan.pdf": b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n",
    "plan.docx": zipped(
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}
    ),
    "data.xlsx": zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
    "notes.odt": zipped(
        {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}
    ),
    "survey.csv": "name,answer\nAmélie,yes\n".encode(),
}
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 100


@pytest.mark.parametrize(("name", "content"), VALID.items())
def test_real_files_of_each_allowed_kind_are_accepted(name, content):
    validate_upload(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    "name", ["report.pdf", "plan.docx", "data.xlsx", "notes.odt", "survey.csv"]
)
def test_renamed_executable_is_rejected_whatever_its_extension(name):
    with pytest.raises(ValidationError) as error:
        validate_upload(SimpleUploadedFile(name, EXECUTABLE))
    assert error.value.code == "content"


def test_a_zip_that_is_not_a_word_document_is_rejected():
    with pytest.raises(ValidationError, match="not a real Word document"):
        validate_upload(SimpleUploadedFile("plan.docx", zipped({"evil.exe": EXECUTABLE})))


@pytest.mark.parametrize(
    "name", ["virus.exe", "page.html", "script.js", "noextension", "image.svg"]
)
def test_other_extensions_are_rejected(name):
    with pytest.raises(ValidationError) as error:
        validate_upload(SimpleUploadedFile(name, b"%PDF-1.4 hello"))
    assert error.value.code == "extension"


def test_oversize_and_empty_files_are_rejected():
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * MAX_UPLOAD_BYTES)
    with pytest.raises(ValidationError, match="smaller than 20MB"):
        validate_upload(big)
    with pytest.raises(ValidationError, match="empty"):
        validate_upload(SimpleUploadedFile("empty.pdf", b""))


def test_server_chosen_name_ignores_everything_but_the_extension():
    name = server_chosen_name("docs", "../../etc/passwd <script>.PDF")
    assert name.startswith("docs/") and name.endswith(".pdf")
    assert ".." not in name and "<" not in name and len(name) == len("docs/") + 32 + 4


@given(st.text(max_size=200), st.sampled_from(["a.pdf", "b.DOCX", "c"]))
def test_download_names_are_always_safe_for_headers(title, original):
    name = safe_download_name(title, original)
    assert name and all(c.isalnum() or c in " .-_" for c in name)
    assert "\r" not in name and "\n" not in name and '"' not in name
