"""Rating badges: words plus a symbol or dots, never colour alone.

Tags rather than includes, because a results page shows over a hundred of them.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from evidence_store.ratings import (
    EFFECTIVENESS_SYMBOLS,
    Effectiveness,
    Strength,
    effectiveness_rank,
    strength_rank,
)

register = template.Library()

_EFFECTIVENESS_LABELS = dict(Effectiveness.choices)
_STRENGTH_LABELS = dict(Strength.choices)
_DOTS = ["○○○", "●○○", "●●○", "●●●"]


@register.simple_tag
def effectiveness_badge(level: str) -> SafeString:
    if level not in _EFFECTIVENESS_LABELS:
        return format_html(
            '<span class="app-rating"><span class="app-rating__label">{}</span></span>', "Not rated"
        )
    return format_html(
        '<span class="app-rating app-rating--{}"><span class="app-rating__symbol" aria-hidden="true">{}</span> '
        '<span class="app-rating__label">{}</span></span>',
        level.replace("_", "-"),
        EFFECTIVENESS_SYMBOLS[level],
        _EFFECTIVENESS_LABELS[level],
    )


@register.simple_tag
def strength_badge(level: str) -> SafeString:
    if level not in _STRENGTH_LABELS:
        return format_html(
            '<span class="app-strength"><span class="app-strength__label">{}</span></span>',
            "Not rated",
        )
    rank = strength_rank(level)
    return format_html(
        '<span class="app-strength app-strength--{}"><span class="app-strength__dots" aria-hidden="true">{}</span> '
        '<span class="app-strength__label">{}</span></span>',
        rank,
        _DOTS[rank],
        _STRENGTH_LABELS[level],
    )


@register.simple_tag
def outcome_chip(rating, matched: bool = False) -> SafeString:
    """One outcome's rating in a result: the outcome, its effect and the strength of its evidence.

    A page of results holds over a hundred, so the markup is lean: the words are in the HTML,
    and the stylesheet draws the effect's symbol and the strength's dots beside them, hidden
    from screen readers (which read the words), and adds "evidence" after the strength, which
    screen readers do read. Classes: app-e0 to app-e3 (negative effect to
    consistently positive), app-s0 to app-s3 (very low to high), app-match (matched the
    rating filters: a tick and a heavier border, so not shown by colour alone).
    """
    effect, strength = rating.effectiveness, rating.strength
    classes = []
    if effect in _EFFECTIVENESS_LABELS and strength in _STRENGTH_LABELS:
        classes += [f"app-e{effectiveness_rank(effect)}", f"app-s{strength_rank(strength)}"]
    if matched:
        classes.append("app-match")
    return format_html(
        # A no-break space keeps the strength's dots (drawn at the end of the span) with its words.
        '<li class="{}"><b>{}</b> <span>{}</span>\u00a0{}</li>',
        " ".join(classes),
        rating.outcome.name,
        _EFFECTIVENESS_LABELS.get(effect, "Not rated"),
        _STRENGTH_LABELS.get(strength, "Unrated"),
    )
