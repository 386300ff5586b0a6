"""Bar charts drawn on the server: accessible, escaped, and drawn to scale."""

import re
from xml.etree import ElementTree

import pytest

from core.charts import LONGEST_LABEL, Bar, bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def _parsed(svg: str) -> ElementTree.Element:
    # Markup this code made; parsing it also proves it is well formed.
    return ElementTree.fromstring(svg)  # noqa: S314


def test_chart_is_an_image_named_and_described_by_its_title_and_figures():
    svg = bar_chart(
        chart_id="by-status",
        title="Applications by status",
        summary="How many applications are at each status.",
        bars=[Bar("Submitted", 3), Bar("Screening", 1)],
    )
    root = _parsed(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "by-status-title by-status-description"
    assert root.find(f"{SVG}title").get("id") == "by-status-title"
    assert root.find(f"{SVG}title").text == "Applications by status"
    description = root.find(f"{SVG}desc")
    assert description.get("id") == "by-status-description"
    assert description.text == (
        "How many applications are at each status. Submitted: 3; Screening: 1."
    )


def test_bars_are_drawn_to_scale_with_their_figures():
    root = _parsed(
        bar_chart(
            chart_id="c", title="T", summary="S.", bars=[Bar("A", 4), Bar("B", 2), Bar("C", 0)]
        )
    )
    widths = [int(rect.get("width")) for rect in root.iter(f"{SVG}rect")]
    assert widths[0] == 2 * widths[1] and widths[2] == 0 and widths[0] > 0
    values = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "app-chart__value"]
    assert values == ["4", "2", "0"]


def test_every_piece_of_text_is_escaped():
    hostile = '<script>alert("x")</script> & "quotes"'
    svg = bar_chart(chart_id="c", title=hostile, summary=hostile, bars=[Bar(hostile, 1)])
    assert "<script>" not in svg
    root = _parsed(svg)
    assert root.find(f"{SVG}title").text == hostile
    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "app-chart__label"]
    assert labels == [hostile]


def test_a_long_label_is_cut_short_in_the_picture_but_whole_in_the_description():
    label = "Safeguarding children under one from non-accidental injury by male carers, and more"
    root = _parsed(bar_chart(chart_id="c", title="T", summary="S.", bars=[Bar(label, 2)]))
    shown = next(t.text for t in root.iter(f"{SVG}text") if t.get("class") == "app-chart__label")
    assert len(shown) <= LONGEST_LABEL and shown.endswith("…")
    assert label in root.find(f"{SVG}desc").text


def test_a_chart_with_nothing_to_show_says_so():
    root = _parsed(bar_chart(chart_id="c", title="T", summary="Reviews outstanding.", bars=[]))
    assert root.find(f"{SVG}desc").text == "Reviews outstanding. There is nothing to show yet."
    assert [t.text for t in root.iter(f"{SVG}text")] == ["Nothing to show yet."]
    assert re.search(
        r'viewBox="0 0 \d+ [1-9]\d*"', bar_chart(chart_id="c", title="T", summary="S.", bars=[])
    )


@pytest.mark.parametrize("chart_id", ["", "Upper", 'x" onload="alert(1)', "1st"])
def test_an_id_that_could_break_the_markup_is_refused(chart_id):
    with pytest.raises(ValueError, match="id"):
        bar_chart(chart_id=chart_id, title="T", summary="S.", bars=[])


def test_negative_counts_are_refused():
    with pytest.raises(ValueError, match="never negative"):
        bar_chart(chart_id="c", title="T", summary="S.", bars=[Bar("A", -1)])
