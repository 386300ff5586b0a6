"""Rating badges: words plus a symbol or dots, never colour alone.

Tags rather than includes, because a results page shows over a hundred of them.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from evidence_store.ratings import EFFECTIVENESS_SYMBOLS, Effectiveness, Strength, strength_rank

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
