"""Uploads are checked by size, extension and actual content; names are the server's."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from core.uploads import MAX_UPLOAD_BYTES, safe_download_name, server_chosen_name, validate_upload


def zipped(members: dict[str, bytes], compression: int = zipfile.ZIP_STORED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
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


def _odt(mimetype_entry: zipfile.ZipInfo, data: bytes, **extra: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(mimetype_entry, data)
        for name, content in extra.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_an_odt_whose_mimetype_would_unpack_to_gigabytes_is_refused_without_unpacking():
    import tracemalloc

    entry = zipfile.ZipInfo("mimetype")
    entry.compress_type = zipfile.ZIP_DEFLATED
    bomb = _odt(entry, b"application/vnd.oasis.opendocument.text" + b" " * 200_000_000)
    assert len(bomb) < 1_000_000
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError, match="not a real OpenDocument text"):
            validate_upload(SimpleUploadedFile("notes.odt", bomb))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000


def test_an_odt_must_begin_with_its_stored_mimetype():
    stored = zipfile.ZipInfo("mimetype")
    content_first = _odt(
        zipfile.ZipInfo("content.xml"), b"<x/>", mimetype=b"application/vnd.oasis.opendocument.text"
    )
    deflated = zipfile.ZipInfo("mimetype")
    deflated.compress_type = zipfile.ZIP_DEFLATED
    for content in [content_first, _odt(deflated, b"application/vnd.oasis.opendocument.text")]:
        with pytest.raises(ValidationError):
            validate_upload(SimpleUploadedFile("notes.odt", content))
    validate_upload(
        SimpleUploadedFile("notes.odt", _odt(stored, b"application/vnd.oasis.opendocument.text"))
    )


@pytest.mark.parametrize("name", ["notes.odt", "plan.docx", "data.xlsx"])
def test_malformed_archives_are_refused_not_errors(name):
    valid = VALID[name] if name in VALID else VALID["notes.odt"]
    encrypted = bytearray(valid)
    encrypted[6] |= 0x01  # the first entry's "encrypted" flag in its local header
    central = valid.find(b"PK\x01\x02")  # the first entry's central directory record
    encrypted[central + 8] |= 0x01  # and in the central directory
    bad_name = bytearray(valid)
    bad_name[central + 9] |= 0x08  # names said to be UTF-8 ...
    name_at = central + 46
    bad_name[name_at] = 0xFF  # ... that are not
    truncated = valid[: len(valid) // 2]
    for content in [bytes(bad_name), truncated]:
        with pytest.raises(ValidationError) as error:
            validate_upload(SimpleUploadedFile(name, content))
        assert error.value.code == "content"
    # An encrypted entry cannot be read: refused for ODT, whose mimetype is read; never a 500.
    try:
        validate_upload(SimpleUploadedFile(name, bytes(encrypted)))
    except ValidationError as error:
        assert error.code == "content"
    else:
        assert name != "notes.odt"


@pytest.mark.parametrize(
    "content",
    [
        b"a,b\n" * 3000 + b"MZ\x90\x00\x00\x00",  # a NUL well after the start
        b"a,b\n\xff\xfe\xfd",  # not UTF-8, at the very end
        "price\n£500\n".encode("cp1252"),  # Excel's default 'CSV' encoding
    ],
)
def test_a_csv_must_be_utf8_text_throughout(content):
    with pytest.raises(ValidationError, match="saved as UTF-8"):
        validate_upload(SimpleUploadedFile("data.csv", content))


def test_a_csv_with_a_character_split_across_chunks_is_accepted():
    content = ("a" * (64 * 1024 - 1) + "é\n").encode()
    upload = SimpleUploadedFile("data.csv", content)
    upload.DEFAULT_CHUNK_SIZE = 64 * 1024
    validate_upload(upload)


def _docx_unpacking_to(unpacked: int) -> bytes:
    """A Word document whose document.xml inflates to `unpacked` bytes, written a chunk at a time."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as entry:
            chunk = b"<w:p/>" * 200_000
            for _ in range(unpacked // len(chunk)):
                entry.write(chunk)
    return buffer.getvalue()


def test_a_docx_that_unpacks_to_200mb_is_refused_without_unpacking():
    """As found: a 204 KB upload whose word/document.xml inflates to 200 MB was accepted."""
    import tracemalloc

    bomb = _docx_unpacking_to(200 * 1024 * 1024)
    assert len(bomb) < 1_000_000
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError, match="more than 100MB once opened") as error:
            validate_upload(SimpleUploadedFile("plan.docx", bomb))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert error.value.code == "unpacks_too_far"
    assert peak < 5_000_000


def test_an_entry_packed_far_more_tightly_than_a_document_is_refused_under_the_size_limit():
    tight = zipped(
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\x00" * (5 * 1024 * 1024)},
        zipfile.ZIP_DEFLATED,
    )
    with pytest.raises(ValidationError) as error:
        validate_upload(SimpleUploadedFile("plan.docx", tight))
    assert error.value.code == "unpacks_too_far"


def test_a_directory_that_understates_an_entrys_size_is_caught_reading_it_through():
    """The directory says 1 KB; the entry's data inflates to 8 MB. Reading stops at 1 KB and the
    checksum does not match, so the file is refused as not a real document."""
    real = zipped(
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:p/>" * 1_400_000},
        zipfile.ZIP_DEFLATED,
    )
    lying = bytearray(real)
    local = real.find(b"PK\x03\x04", real.find(b"word/document.xml") - 40)
    central = real.find(b"PK\x01\x02", real.find(b"PK\x01\x02") + 4)  # the second entry's record
    lying[local + 22 : local + 26] = (1024).to_bytes(4, "little")
    lying[central + 24 : central + 28] = (1024).to_bytes(4, "little")
    with pytest.raises(ValidationError) as error:
        validate_upload(SimpleUploadedFile("plan.docx", bytes(lying)))
    assert error.value.code == "content"


def test_an_archive_of_thousands_of_entries_is_refused():
    members = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}
    members.update({f"word/media/{n}.xml": b"" for n in range(5001)})
    with pytest.raises(ValidationError) as error:
        validate_upload(SimpleUploadedFile("plan.docx", zipped(members)))
    assert error.value.code == "unpacks_too_far"


def test_a_real_document_of_ordinary_size_is_read_through_and_accepted():
    text = b"".join(
        b"<w:p><w:t>Paragraph %d of the evaluation plan.</w:t></w:p>" % n for n in range(50_000)
    )
    document = zipped(
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": text}, zipfile.ZIP_DEFLATED
    )
    assert validate_upload(SimpleUploadedFile("plan.docx", document)).label == "Word document"


def test_a_corrupt_entry_of_any_compression_is_not_a_real_document_never_an_error():
    """zipfile passes the compressor's own error (here lzma's) through: still not a 500."""
    document = zipped(
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:p/>" * 1000},
        zipfile.ZIP_LZMA,
    )
    entry = document.index(b"word/document.xml") + len(b"word/document.xml")
    corrupt = document[: entry + 20] + b"\xff" * 40 + document[entry + 60 :]
    with pytest.raises(ValidationError) as error:
        validate_upload(SimpleUploadedFile("plan.docx", corrupt))
    assert error.value.code == "content"
