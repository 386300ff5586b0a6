"""What a PDF carries that could act when it is opened: scripts, launch actions, web markup.

The file is read as syntax, never rendered. Every name in it is decoded (`/J#61vaScript` is
`/JavaScript`) and checked, as pdfid does, and so are the names inside its compressed object
streams, where PDF 1.5 and later keep dictionaries. Stream data (text, pictures) is left alone.
"""

import re
import zlib

NOT_A_PDF = "not_a_pdf"
ACTIVE = "active"
UNCHECKABLE = "uncheckable"

# Names that make a PDF do something: run JavaScript, launch a program, or hold an XFA form
# (whose XML carries scripts of its own).
ACTIVE_NAMES = frozenset({b"/JavaScript", b"/JS", b"/Launch", b"/XFA"})
# Markup no PDF syntax holds: a file made to be read as a web page as well.
WEB_MARKUP = re.compile(rb"<\s*/?\s*(?:script|html|body|head|iframe|svg|object|embed|meta)\b", re.I)
JAVASCRIPT_LINK = re.compile(rb"javascript\s*:", re.I)
NAME = re.compile(rb"/[^\s/<>\[\]()%{}]*")
ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
STREAM_START = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
# Object streams hold only dictionaries and small values; more than this once inflated is not a
# real document, and is refused rather than inflated further.
MAX_OBJECT_STREAM_BYTES = 16 * 1024 * 1024
TAIL = 1024  # readers accept %%EOF within the last 1024 bytes


def _names(syntax: bytes) -> set[bytes]:
    return {ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), name) for name in NAME.findall(syntax)}


def _dictionary_before(data: bytes, start: int) -> bytes:
    """The stream's dictionary: from its object's `obj` keyword to the stream."""
    opened = data.rfind(b"obj", 0, start)
    return data[opened if opened >= 0 else 0 : start + 2]


def _split(data: bytes) -> tuple[bytes, list[tuple[bytes, bytes]]]:
    """The file's syntax (everything outside stream data), and each stream's (dictionary, data)."""
    syntax, streams, position = [], [], 0
    for match in STREAM_START.finditer(data):
        if match.start() < position:
            continue  # the word "stream" inside another stream's data
        end = data.find(b"endstream", match.end())
        end = len(data) if end < 0 else end
        syntax.append(data[position : match.end()])
        streams.append((_dictionary_before(data, match.start()), data[match.end() : end]))
        position = end
    syntax.append(data[position:])
    return b"".join(syntax), streams


def _object_stream_names(dictionary: bytes, data: bytes, budget: int) -> tuple[set[bytes], int]:
    """The names inside one compressed object stream, and what is left of the inflation budget.

    Raises ValueError where the stream cannot be read, or inflates past the budget.
    """
    names = _names(dictionary)
    filters = names & {b"/FlateDecode", b"/Fl", b"/ASCIIHexDecode", b"/ASCII85Decode", b"/LZWDecode", b"/RunLengthDecode", b"/Crypt"}  # fmt: skip
    if filters != {b"/FlateDecode"} or b"/DecodeParms" in names:
        raise ValueError("an object stream encoded in a way that is not checked")
    inflater = zlib.decompressobj()
    try:
        inflated = inflater.decompress(data, budget + 1)
    except zlib.error as error:
        raise ValueError("an object stream that does not inflate") from error
    if len(inflated) > budget:
        raise ValueError("object streams that inflate too far")
    return _names(inflated), budget - len(inflated)


def pdf_problem(data: bytes) -> str | None:
    """Why this PDF is refused (NOT_A_PDF, ACTIVE or UNCHECKABLE), or None if it is plain."""
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-TAIL:] or b" obj" not in data:
        return NOT_A_PDF
    syntax, streams = _split(data)
    if WEB_MARKUP.search(syntax):
        return NOT_A_PDF
    names = _names(syntax)
    if names & ACTIVE_NAMES or JAVASCRIPT_LINK.search(syntax):
        return ACTIVE
    object_streams = [(d, s) for d, s in streams if b"/ObjStm" in _names(d)]
    if object_streams and b"/Encrypt" in names:
        return UNCHECKABLE  # its object streams are encrypted, so their names cannot be read
    budget = MAX_OBJECT_STREAM_BYTES
    for dictionary, stream in object_streams:
        try:
            inside, budget = _object_stream_names(dictionary, stream, budget)
        except ValueError:
            return UNCHECKABLE
        if inside & ACTIVE_NAMES:
            return ACTIVE
    return None
