"""Template filters for PINE's workflow words and section statuses."""

from django import template

from pine.workflow import TRANSITIONS

register = template.Library()


@register.filter
def applicant_label(transition: str) -> str:
    t = TRANSITIONS.get(transition)
    return t.applicant_label if t else ""


@register.filter
def person(user) -> str:
    """How a person is named to partners: their name; staff without one as the PINE team."""
    if user is None:
        return ""
    if user.full_name:
        return user.full_name
    return "the PINE team" if user.is_staff else user.email
