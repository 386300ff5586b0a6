"""The outcome-ratings export on PostgreSQL, written by `COPY ... TO STDOUT (FORMAT csv)`.

The database writes the file, which is far quicker than fetching the rows into Python, and memory
stays flat because COPY's rows are streamed into the response as they come. The file is
byte-identical to the Python writer's (core/csv_export.py), which SQLite keeps: the same
columns (exports.OUTCOME_RATING_VALUES), neutralised by the same rule, in SQL.
"""

from collections.abc import Iterator

from django.db import connections
from django.db.models import Case, Expression, F, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Concat, NullIf
from django.db.models.lookups import Exact, Regex
from django.http import StreamingHttpResponse

from core.csv_export import (
    CHUNK_SIZE,
    FORMULA_PREFIXES,
    PLAIN_NUMBER_PATTERN,
    csv_response,
    header_line,
    streaming_csv_response,
)
from evidence_store.exports import (
    OUTCOME_RATING_VALUES,
    OUTCOME_RATINGS,
    Column,
    outcome_rating_rows,
    outcome_ratings,
)

# The Python writer's rule as patterns: a formula character first, unless the cell is a number.
_FORMULA_START = "^[" + "".join(FORMULA_PREFIXES).replace("-", "") + "-]"
_PLAIN_NUMBER = f"^{PLAIN_NUMBER_PATTERN}$"


def outcome_ratings_response(
    interventions: QuerySet, rating_filters: dict
) -> StreamingHttpResponse:
    """The outcome-ratings CSV download: COPY on PostgreSQL, the Python writer elsewhere."""
    if connections[interventions.db].vendor != "postgresql":
        rows = outcome_rating_rows(interventions, rating_filters)
        return streaming_csv_response(
            OUTCOME_RATINGS.filename, OUTCOME_RATINGS.header, rows, OUTCOME_RATINGS.fixed_columns
        )
    ratings = outcome_ratings(interventions, rating_filters)
    cells = [
        _cell(column, OUTCOME_RATING_VALUES[column.name]) for column in OUTCOME_RATINGS.columns
    ]
    sql, params = ratings.values_list(*cells).query.sql_with_params()
    return csv_response(
        OUTCOME_RATINGS.filename, _copied(interventions.db, OUTCOME_RATINGS.header, sql, params)
    )


def _cell(column: Column, value: F | Expression) -> Expression:
    """A cell as the Python writer writes it: its text, neutralised if people wrote it."""
    if column.type == "boolean":
        return Case(When(Exact(value, True), then=Value("true")), default=Value("false"))
    if not column.free_text:
        return value  # codes, labels, symbols and ranks, written as they are
    neutralised = Case(
        When(
            Q(Regex(value, Value(_FORMULA_START))) & ~Q(Regex(value, Value(_PLAIN_NUMBER))),
            then=Concat(Value("'"), value, output_field=TextField()),
        ),
        default=value,
        output_field=TextField(),
    )
    # COPY writes an empty string as "" (NULL is the empty cell); Python writes both as nothing.
    return NullIf(neutralised, Value(""), output_field=TextField())


def _copied(alias: str, header: list[str], sql: str, params: tuple) -> Iterator[bytes]:
    """The header, then COPY's rows in chunks of about CHUNK_SIZE bytes.

    libpq hands over one row at a time, each ending in a bare line feed; the Python writer ends
    rows with CR LF, so each row's last byte is replaced (a line feed inside a quoted cell is
    part of the cell, and stays as it is, as Python's csv module writes it).
    """
    yield header_line(header).encode()
    connection = connections[alias]
    # Bound on the client, as Django binds every query on psycopg 3 (COPY takes no parameters).
    query = connection.ops.compose_sql(sql, params)
    rows, size = [], 0
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY ({query}) TO STDOUT (FORMAT csv)") as copy,
    ):
        for row in copy:
            rows.append(row[:-1])
            size += len(row)
            if size >= CHUNK_SIZE:
                rows.append(b"")
                yield b"\r\n".join(rows)
                rows, size = [], 0
    if rows:
        rows.append(b"")
        yield b"\r\n".join(rows)
