"""Small but real PDF, Word and CSV files, so demo documents pass the same checks as uploads."""

import csv
import io
import textwrap
import zipfile
from xml.sax.saxutils import escape


def render_pdf(paragraphs: list[str]) -> bytes:
    """A PDF in Helvetica, 50 lines a page, with its cross-reference table and trailer."""
    lines = [line for text in paragraphs for line in [*textwrap.wrap(text, 85), ""]]
    pages = [lines[i : i + 50] for i in range(0, len(lines), 50)]
    kids = " ".join(f"{4 + 2 * n} 0 R" for n in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for n, page in enumerate(pages):
        shown = [
            line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in page
        ]
        text = " T* ".join(f"({line}) Tj" for line in shown)
        stream = f"BT /F1 11 Tf 15 TL 56 780 Td {text} ET".encode("cp1252", "replace")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * n} 0 R >>".encode())  # fmt: skip
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)  # fmt: skip
    return bytes(out)


DOCX_PARTS = {
    "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    "word/document.xml": '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>',
}  # fmt: skip


def render_docx(paragraphs: list[str]) -> bytes:
    """A Word document with only the parts Word needs; the first paragraph is the heading."""
    bold = "<w:rPr><w:b/></w:rPr>"
    body = "".join(
        f'<w:p><w:r>{bold if n == 0 else ""}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
        for n, text in enumerate(paragraphs)
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in DOCX_PARTS.items():
            part = xml.replace("{body}", body) if name == "word/document.xml" else xml
            archive.writestr(
                name, f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{part}'
            )
    return buffer.getvalue()


def render_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


# The renderer for each demo document's file extension.
RENDER = {".pdf": render_pdf, ".docx": render_docx, ".csv": render_csv}
