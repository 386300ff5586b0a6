"""Template filters for PINE's workflow words and section statuses."""

from django import template

from pine.workflow import TRANSITIONS

register = template.Library()


@register.filter
def applicant_label(transition: str) -> str:
    t = TRANSITIONS.get(transition)
    return t.applicant_label if t else ""
