"""PDFs are read as syntax: scripts, launch actions and web markup are refused, text is not."""

import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.pdf_content import ACTIVE, NOT_A_PDF, UNCHECKABLE, pdf_problem
from core.uploads import validate_upload
from pine.demo.files import render_pdf


def pdf(*objects: bytes, trailer: bytes = b"<< /Root 1 0 R >>") -> bytes:
    body = b"".join(b"%d 0 obj\n%s\nendobj\n" % (n, o) for n, o in enumerate(objects, start=1))
    return b"%PDF-1.7\n" + body + b"trailer\n" + trailer + b"\nstartxref\n0\n%%EOF\n"


def stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<< %s /Length %d >>\nstream\n%s\nendstream" % (dictionary, len(data), data)


def object_stream(inside: bytes, filters: bytes = b"/Filter /FlateDecode") -> bytes:
    return stream(b"/Type /ObjStm /N 1 /First 4 " + filters, zlib.compress(inside))


CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGES = b"<< /Type /Pages /Kids [] /Count 0 >>"
SCRIPT = b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>"


@pytest.mark.parametrize(
    "content",
    [
        pdf(CATALOG, PAGES),
        render_pdf(["An evaluation plan.", "Its second paragraph."] * 40),
        # Text about web pages, inside a page's content stream, is text.
        pdf(CATALOG, PAGES, stream(b"", b"BT (<script>alert(1)</script> javascript:x) Tj ET")),
        # The word "stream" and "/JS" inside stream data are data.
        pdf(CATALOG, stream(b"/Filter /FlateDecode", zlib.compress(b"stream /JS /Launch"))),
        pdf(CATALOG, object_stream(b"2 0 << /Type /Pages /Kids [] /Count 0 >>")),
        # Words in a title or bookmark are words.
        pdf(b"<< /Type /Catalog /Pages 2 0 R /Title (JavaScript: a primer) >>", PAGES),
        # Past the first kilobyte, where browsers look for a web page, markup in a title is words.
        pdf(CATALOG, PAGES, stream(b"", b"BT ET " * 200), b"<< /Title (The <body> element) >>"),
    ],
    ids=[
        "minimal",
        "generated",
        "markup-as-text",
        "names-in-data",
        "clean-object-stream",
        "javascript-title",
        "markup-title",
    ],
)
def test_plain_pdfs_pass(content):
    assert pdf_problem(content) is None
    assert validate_upload(SimpleUploadedFile("report.pdf", content)).label == "PDF"


@pytest.mark.parametrize(
    "content",
    [
        # As found: a PDF that runs JavaScript when opened was accepted.
        pdf(b"<< /Type /Catalog /Pages 2 0 R /OpenAction 3 0 R >>", PAGES, SCRIPT),
        pdf(b"<< /Type /Catalog /Names << /JavaScript 3 0 R >> >>", PAGES, b"<< /Names [] >>"),
        pdf(CATALOG, PAGES, b"<< /S /J#61va#53cript /J#53 (x) >>"),  # names spelt in hex
        pdf(CATALOG, PAGES, b"<< /S /Launch /F (cmd.exe) >>"),
        pdf(b"<< /Type /Catalog /AcroForm << /XFA 3 0 R >> >>", PAGES, b"<< >>"),
        pdf(CATALOG, object_stream(b"2 0 " + SCRIPT)),  # hidden in a compressed object stream
        pdf(CATALOG, PAGES, b"<< /S /URI /URI (JavaScript :alert\\(1\\)) >>"),
        # A string that looks like the start of a stream hides nothing after it.
        pdf(b"<< /Type /Catalog /Lang (>>\nstream\n) /OpenAction 2 0 R >>", SCRIPT),
        # NUL is whitespace in a PDF.
        pdf(CATALOG, b"<< /J#53\x00(app.alert\\(1\\)) >>"),
        # An object stream whose dictionary holds the letters "obj" in a string.
        pdf(
            CATALOG,
            stream(
                b"/Type /ObjStm /Subj (obj) /N 1 /First 4 /Filter /FlateDecode",
                zlib.compress(b"2 0 " + SCRIPT),
            ),
        ),
        # A comment, or spaces, between the dictionary and its stream.
        b"%PDF-1.7\n1 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>% note\nstream \n"
        + zlib.compress(b"2 0 << /S /Java#53cript >>")
        + b"\nendstream\nendobj\n%%EOF\n",
    ],
    ids=[
        "open-action",
        "document-script",
        "hex-names",
        "launch",
        "xfa",
        "in-object-stream",
        "javascript-link",
        "fake-stream-in-string",
        "nul-whitespace",
        "obj-in-dictionary",
        "comment-before-stream",
    ],
)
def test_pdfs_that_act_when_opened_are_refused(content):
    assert pdf_problem(content) == ACTIVE
    with pytest.raises(ValidationError, match="scripts or actions that run when it is opened") as e:
        validate_upload(SimpleUploadedFile("report.pdf", content))
    assert e.value.code == "active"


@pytest.mark.parametrize(
    "content",
    [
        # As found: a file that starts like a PDF, then holds a web page, was accepted.
        b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n",
        pdf(CATALOG, PAGES) + b"<html><script>alert(1)</script></html>\n%%EOF\n",
        b"%PDF-1.7\n1 0 obj\n<< >>\nendobj\n",  # no end-of-file marker
        b"%PDF-1.7\n%%EOF\n",  # nothing in it
    ],
    ids=["html-after-header", "html-between-objects", "no-eof", "empty"],
)
def test_files_that_are_not_really_pdfs_are_refused(content):
    assert pdf_problem(content) == NOT_A_PDF
    with pytest.raises(ValidationError, match="not a real PDF") as error:
        validate_upload(SimpleUploadedFile("report.pdf", content))
    assert error.value.code == "content"


@pytest.mark.parametrize(
    "content",
    [
        pdf(CATALOG, object_stream(b"2 0 << >>", b"/Filter /LZWDecode")),
        pdf(
            CATALOG,
            object_stream(b"2 0 << >>", b"/Filter /FlateDecode /DecodeParms << /Predictor 12 >>"),
        ),
        pdf(CATALOG, stream(b"/Type /ObjStm /Filter /FlateDecode", b"not deflated at all")),
        pdf(CATALOG, object_stream(b" " * (17 * 1024 * 1024))),  # inflates past the budget
        pdf(CATALOG, object_stream(b"2 0 << >>"), trailer=b"<< /Root 1 0 R /Encrypt 3 0 R >>"),
        pdf(
            CATALOG,
            stream(
                b"/Type /ObjStm /N 1 /First 4 /Filter [/FlateDecode /FlateDecode]",
                zlib.compress(zlib.compress(b"2 0 " + SCRIPT)),
            ),
        ),
    ],
    ids=[
        "unchecked-filter",
        "predictor",
        "not-inflatable",
        "inflates-too-far",
        "encrypted",
        "filter-twice",
    ],
)
def test_pdfs_whose_object_streams_cannot_be_checked_are_refused(content):
    assert pdf_problem(content) == UNCHECKABLE
    with pytest.raises(ValidationError, match="saved in a way we cannot check"):
        validate_upload(SimpleUploadedFile("report.pdf", content))


ACTIVE_PDF = pdf(b"<< /Type /Catalog /OpenAction 2 0 R >>", SCRIPT)


@pytest.mark.django_db
def test_every_upload_staff_make_refuses_a_pdf_with_a_script():
    """Further resources, report PDFs and project documents all go through the same checks."""
    from evidence_store.forms import ResourceFileForm
    from pine.services import ActionRefused
    from pine.services.projects import document_upload, validate_report_pdf
    from tests.pine.factories import ProjectFactory, staff_in

    resource = ResourceFileForm(
        data={"title": "Guide"}, files={"file": SimpleUploadedFile("guide.pdf", ACTIVE_PDF)}
    )
    assert not resource.is_valid()
    assert "scripts or actions" in resource.errors["file"][0]

    with pytest.raises(ValidationError, match="scripts or actions"):
        validate_report_pdf(SimpleUploadedFile("report.pdf", ACTIVE_PDF))

    project = ProjectFactory()
    with pytest.raises((ValidationError, ActionRefused), match="scripts or actions"):
        document_upload(
            stage=project.stages.first(),
            user=staff_in("PINE programme managers"),
            upload=SimpleUploadedFile("plan.pdf", ACTIVE_PDF),
            title="Plan",
            kind="other",
        )
    assert not project.stages.first().documents.exists()


def test_a_streams_dictionary_is_looked_for_only_a_little_way_back():
    """So a file of many streams and no objects costs time in proportion to its size."""
    from core.pdf_content import DICTIONARY_REACH, _dictionary_before

    data = b"x" * 100_000 + b">>\nstream\n"
    assert len(_dictionary_before(data, data.index(b">>"))) <= DICTIONARY_REACH + 2
    many = (
        b"%PDF-1.7\n"
        + b"<< >>\nstream\nx\nendstream\n" * 20_000
        + b"1 0 obj\n<<>>\nendobj\n%%EOF\n"
    )
    assert pdf_problem(many) is None
