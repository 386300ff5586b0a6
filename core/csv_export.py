"""The one streaming CSV writer that every export goes through, and the download it is sent as.

(The outcome-ratings export on PostgreSQL is written by COPY instead, to the same bytes: see
evidence_store/copy_export.py.)

It neutralises formula injection: a text cell that starts with = + - @, tab, CR or LF gets a
leading apostrophe, so spreadsheets show it as text, except in the columns an export declares
fixed (values from its own list, such as the symbol "+"). Real numbers stay numbers.
"""

import csv
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal

from django.http import StreamingHttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
_PREFIX_CHARACTERS = frozenset(FORMULA_PREFIXES)
# ASCII digits only, as a spreadsheet reads numbers; PostgreSQL's COPY export applies the same
# pattern (evidence_store/copy_export.py), so both writers agree on every cell.
PLAIN_NUMBER_PATTERN = r"-?[0-9]+(\.[0-9]+)?"
_PLAIN_NUMBER = re.compile(PLAIN_NUMBER_PATTERN)
# The rule above in words, for the pages and data packages that describe an export's files.
NEUTRALISATION_RULE = (
    "A free-text cell that starts with =, +, -, @, a tab, a carriage return or a line feed has "
    "an apostrophe (') put before it, so that a spreadsheet shows it as text and does not run "
    "it as a formula. A plain number such as -12.5 is left as it is."
)
# Lines are sent in chunks of about this size: fewer, larger writes, and memory stays flat.
CHUNK_SIZE = 64 * 1024


def neutralise(value: object) -> str:
    """The text of one cell, safe to open in a spreadsheet."""
    if type(value) is str:  # the common case first: exports are mostly text
        if value[:1] in _PREFIX_CHARACTERS and not _PLAIN_NUMBER.fullmatch(value):
            return "'" + value
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value)
    if text[:1] in _PREFIX_CHARACTERS and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def cell_text(value: object) -> str:
    """The text of one cell as it is: for values from a fixed list that no one typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


class _Echo:
    """A file-like object whose write() hands the line back, so rows can be streamed."""

    def write(self, value: str) -> str:
        return value


def csv_lines(
    header: Sequence[str], rows: Iterable[Sequence[object]], fixed_columns: Collection[str] = ()
) -> Iterator[str]:
    """The CSV text, header first, in chunks of about CHUNK_SIZE characters.

    Every cell is neutralised except in `fixed_columns`: columns whose values come from a fixed
    list the service defines (codes, labels, symbols such as "+"), which no one typed and so
    cannot carry a formula. Neutralising is the default, so a column left out stays safe.
    """
    unknown = set(fixed_columns) - set(header)
    if unknown:  # checked now, not once the download has started
        raise ValueError(f"fixed columns not in the header: {sorted(unknown)}")
    writers = [cell_text if name in fixed_columns else neutralise for name in header]
    return _chunks(header, rows, writers if fixed_columns else None)


def _writer():
    return csv.writer(_Echo(), lineterminator="\r\n")


def header_line(header: Sequence[str]) -> str:
    """The header row as this writer writes it, for a file whose rows come from elsewhere."""
    return _writer().writerow(header)


def _chunks(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    writers: list[Callable[[object], str]] | None,
) -> Iterator[str]:
    writer = _writer()
    chunk = [writer.writerow(header)]
    size = 0
    for row in rows:
        if writers is None:  # every column neutralised: the common case, kept fast
            line = writer.writerow([neutralise(cell) for cell in row])
        else:
            line = writer.writerow([write(cell) for write, cell in zip(writers, row, strict=True)])
        chunk.append(line)
        size += len(line)
        if size >= CHUNK_SIZE:
            yield "".join(chunk)
            chunk, size = [], 0
    if chunk:
        yield "".join(chunk)


def streaming_csv_response(
    filename: str,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    fixed_columns: Collection[str] = (),
) -> StreamingHttpResponse:
    """Stream rows as a CSV download; rows are produced lazily and never held in memory.

    `fixed_columns` are written as they are, as in csv_lines; every other cell is neutralised.
    """
    return csv_response(filename, csv_lines(header, rows, fixed_columns))


def csv_response(filename: str, chunks: Iterable[str | bytes]) -> StreamingHttpResponse:
    """A CSV download of text already written, streamed chunk by chunk (UTF-8)."""
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
