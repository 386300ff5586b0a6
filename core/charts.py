"""Bar charts drawn on the server as SVG, so that pages show them with no script in the browser.

A chart is a picture with an accessible name and description. The page shows the table of its
figures beside it: the table is the text equivalent, and where the figures link.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

# The picture's own units, which are CSS pixels at its natural width; it scales to fit its
# container. _charts.scss sets the text at 15 units.
WIDTH = 440
ROW = 48  # a label line above a bar, and the space before the next
LABEL_BASELINE = 17
BAR_TOP = 24
BAR_HEIGHT = 16
VALUE_SPACE = 50  # room after the longest bar for its figure
LONGEST_LABEL = 52  # characters; longer labels are cut short in the picture, never in the table
BAR_COLOUR = "#106165"  # used if the style sheet is not loaded; _charts.scss sets the rest
ID = re.compile(r"^[a-z][a-z0-9-]*$")


@dataclass(frozen=True)
class Bar:
    """One bar: what it counts, and how many."""

    label: str
    value: int


def _short(label: str) -> str:
    return label if len(label) <= LONGEST_LABEL else label[: LONGEST_LABEL - 1].rstrip() + "…"


def _bar(index: int, bar: Bar, longest: int) -> SafeString:
    top = index * ROW
    length = round((WIDTH - VALUE_SPACE) * bar.value / longest) if longest else 0
    return format_html(
        '<text class="app-chart__label" x="0" y="{}" fill="currentColor">{}</text>'
        '<rect class="app-chart__bar" x="0" y="{}" width="{}" height="{}" fill="{}"></rect>'
        '<text class="app-chart__value" x="{}" y="{}" fill="currentColor">{}</text>',
        top + LABEL_BASELINE,
        _short(bar.label),
        top + BAR_TOP,
        length,
        BAR_HEIGHT,
        BAR_COLOUR,
        length + 6,
        top + BAR_TOP + BAR_HEIGHT - 2,
        bar.value,
    )


def describe(summary: str, bars: Sequence[Bar]) -> str:
    """The chart's description: what it shows, then every figure in words."""
    if not bars:
        return f"{summary} There is nothing to show yet."
    figures = "; ".join(f"{bar.label}: {bar.value}" for bar in bars)
    return f"{summary} {figures}."


def bar_chart(*, chart_id: str, title: str, summary: str, bars: Sequence[Bar]) -> SafeString:
    """A horizontal bar chart: each bar's label above it and its figure at its end.

    `chart_id` makes the ids of its title and description, so it must be unique on the page.
    Every piece of text is escaped.
    """
    if not ID.match(chart_id):
        raise ValueError(
            f"A chart's id must be lower-case letters, digits and hyphens: {chart_id!r}"
        )
    if any(bar.value < 0 for bar in bars):
        raise ValueError("A bar chart shows counts, which are never negative.")
    longest = max((bar.value for bar in bars), default=0)
    if bars:
        body = format_html_join("", "{}", ((_bar(i, bar, longest),) for i, bar in enumerate(bars)))
    else:
        body = format_html(
            '<text class="app-chart__label" x="0" y="{}" fill="currentColor">{}</text>',
            LABEL_BASELINE,
            "Nothing to show yet.",
        )
    return format_html(
        '<svg class="app-chart__svg" xmlns="http://www.w3.org/2000/svg" role="img" '
        'viewBox="0 0 {} {}" aria-labelledby="{}-title {}-description">'
        '<title id="{}-title">{}</title><desc id="{}-description">{}</desc>{}</svg>',
        WIDTH,
        max(len(bars), 1) * ROW,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        describe(summary, bars),
        body,
    )
