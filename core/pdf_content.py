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
WS = rb"[\x00\t\n\x0c\r ]"  # PDF's whitespace, NUL included
# Markup that makes a file read as a web page too, where browsers look for it: the first bytes.
WEB_MARKUP = re.compile(rb"<\s*/?\s*(?:script|html|body|head|iframe|svg|object|embed|meta)\b", re.I)
SNIFFED = 1024
JAVASCRIPT_LINK = re.compile(rb"/URI" + WS + rb"*\(" + WS + rb"*javascript" + WS + rb"*:", re.I)
NAME = re.compile(rb"/[^\x00\t\n\x0c\r ()<>\[\]{}/%]*")
ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
STREAM_START = re.compile(rb">>(?:" + WS + rb"|%[^\r\n]*)*stream[ \t\x00]*(?:\r\n|\n|\r)")
OBJECT_HEADER = re.compile(rb"\d+" + WS + rb"+\d+" + WS + rb"+obj")
DICTIONARY_REACH = 4096  # how far back a stream's dictionary may start: keeps the check linear
# Anywhere in the file, even where the syntax above is fooled: names no picture or text holds
# by chance, and /JS only where a script follows it.
ANYWHERE = re.compile(
    rb"/(?:JavaScript|Launch|XFA)(?![A-Za-z0-9#])|/JS"
    + WS
    + rb"*(?:\(|<|\d+"
    + WS
    + rb"+\d+"
    + WS
    + rb"+R)"
)
FILTERS = {b"/FlateDecode", b"/Fl", b"/ASCIIHexDecode", b"/ASCII85Decode", b"/LZWDecode", b"/RunLengthDecode", b"/Crypt"}  # fmt: skip
# Object streams hold only dictionaries and small values; more than this once inflated is not a
# real document, and is refused rather than inflated further.
MAX_OBJECT_STREAM_BYTES = 16 * 1024 * 1024
TAIL = 1024  # readers accept %%EOF within the last 1024 bytes


def _unescape(data: bytes) -> bytes:
    return ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), data)


def _names(syntax: bytes) -> list[bytes]:
    return [_unescape(name) for name in NAME.findall(syntax)]


def _dictionary_before(data: bytes, start: int) -> bytes:
    """The stream's dictionary: from its object's `N G obj` header (not far back) to the stream."""
    window = max(0, start - DICTIONARY_REACH)
    headers = list(OBJECT_HEADER.finditer(data, window, start))
    return data[headers[-1].start() if headers else window : start + 2]


def _acts_anywhere(data: bytes) -> bool:
    return bool(ANYWHERE.search(_unescape(data)))


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
    filters = [name for name in names if name in FILTERS]  # once each: a chain is not checked
    if filters != [b"/FlateDecode"] or b"/DecodeParms" in names:
        raise ValueError("an object stream encoded in a way that is not checked")
    inflater = zlib.decompressobj()
    try:
        inflated = inflater.decompress(data, budget + 1)
    except zlib.error as error:
        raise ValueError("an object stream that does not inflate") from error
    if len(inflated) > budget:
        raise ValueError("object streams that inflate too far")
    found = set(_names(inflated))
    if _acts_anywhere(inflated) or JAVASCRIPT_LINK.search(inflated):
        found.add(b"/JavaScript")
    return found, budget - len(inflated)


def pdf_problem(data: bytes) -> str | None:
    """Why this PDF is refused (NOT_A_PDF, ACTIVE or UNCHECKABLE), or None if it is plain."""
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-TAIL:] or b" obj" not in data:
        return NOT_A_PDF
    if WEB_MARKUP.search(_split(data[:SNIFFED])[0]):
        return NOT_A_PDF
    if _acts_anywhere(data):
        return ACTIVE
    syntax, streams = _split(data)
    names = set(_names(syntax))
    if names & ACTIVE_NAMES or JAVASCRIPT_LINK.search(syntax):
        return ACTIVE
    object_streams = [(d, s) for d, s in streams if b"/ObjStm" in set(_names(d))]
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
