"""The shared CSV writer neutralises formula injection and keeps real numbers as numbers."""

import csv
import io
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.csv_export import (
    CHUNK_SIZE,
    FORMULA_PREFIXES,
    NEUTRALISATION_RULE,
    csv_lines,
    neutralise,
)

dangerous_text = st.builds(
    lambda prefix, rest: prefix + rest, st.sampled_from(FORMULA_PREFIXES), st.text(max_size=40)
)


@given(dangerous_text)
def test_text_starting_with_a_formula_character_is_neutralised(text):
    result = neutralise(text)
    if result == text:
        # Only a plain number such as "-12.5" may stay as it is.
        assert text.lstrip("-").replace(".", "", 1).isdigit()
    else:
        assert result == "'" + text


@given(
    st.one_of(
        st.integers(),
        st.floats(allow_nan=False, allow_infinity=False),
        st.decimals(allow_nan=False, allow_infinity=False),
    )
)
def test_real_numbers_stay_numbers(number):
    assert neutralise(number) == str(number)


@given(st.integers(max_value=-1))
def test_negative_numbers_are_not_escaped(number):
    assert neutralise(number).startswith("-")
    assert neutralise(str(number)) == str(number)


@given(st.text().filter(lambda t: not t.startswith(FORMULA_PREFIXES)))
def test_safe_text_is_unchanged(text):
    assert neutralise(text) == text


@given(
    st.lists(
        st.lists(st.one_of(st.text(), st.integers(), st.none()), min_size=2, max_size=2), max_size=5
    )
)
def test_every_written_cell_reads_back_safe(rows):
    text = "".join(csv_lines(["a", "b"], rows))
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    assert parsed[0] == ["a", "b"]
    for cell in (c for row in parsed[1:] for c in row):
        assert not cell.startswith(("=", "+", "@", "\t", "\r", "\n")) or cell == ""
        if cell.startswith("-"):
            assert cell.lstrip("-").replace(".", "", 1).isdigit()


def test_rows_are_read_lazily_and_sent_in_bounded_chunks():
    pulled = 0

    def rows():
        nonlocal pulled
        for n in range(50_000):
            pulled += 1
            yield [n, "some text in a cell"]

    chunks = csv_lines(["n", "text"], rows())
    first = next(chunks)
    assert pulled < 10_000, "the writer must not read every row before sending the first chunk"
    sizes = [len(first)] + [len(chunk) for chunk in chunks]
    assert len(sizes) > 5
    assert max(sizes) < 2 * CHUNK_SIZE


def test_none_and_booleans_and_decimals():
    assert neutralise(None) == ""
    assert neutralise(True) == "true"
    assert neutralise(Decimal("-1.50")) == "-1.50"


def test_fixed_columns_are_written_as_they_are_and_every_other_is_neutralised():
    text = "".join(csv_lines(["symbol", "notes"], [["++", "=1+1"], ["-", None]], {"symbol"}))
    assert list(csv.reader(io.StringIO(text, newline=""))) == [
        ["symbol", "notes"],
        ["++", "'=1+1"],
        ["-", ""],
    ]


def test_a_fixed_column_not_in_the_header_is_refused_before_anything_is_sent():
    with pytest.raises(ValueError, match="symbol"):
        csv_lines(["notes"], [], {"symbol"})


def test_the_rule_in_words_names_every_prefix_and_what_is_put_before_it():
    named = {"=": "=", "+": "+", "-": "-", "@": "@", "\t": "tab", "\r": "carriage return"}
    named["\n"] = "line feed"
    assert set(named) == set(FORMULA_PREFIXES)
    for word in named.values():
        assert word in NEUTRALISATION_RULE
    assert "apostrophe (')" in NEUTRALISATION_RULE
