"""Template filters for PINE's workflow words and section statuses."""

from django import template
from django.utils import timezone

from pine.workflow import TRANSITIONS

register = template.Library()


@register.filter
def applicant_label(transition: str) -> str:
    t = TRANSITIONS.get(transition)
    return t.applicant_label if t else ""


@register.filter
def govuk_datetime(value) -> str:
    """A time and date in GOV.UK style, for example "5:30pm on 22 May 2027"."""
    if not value:
        return ""
    local = timezone.localtime(value)
    hour = local.hour % 12 or 12
    minutes = "" if local.minute == 0 else f":{local.minute:02d}"
    return f"{hour}{minutes}{'am' if local.hour < 12 else 'pm'} on {local.day} {local:%B %Y}"


@register.filter
def person(user) -> str:
    """How a person is named to partners: their name; staff without one as the PINE team."""
    if user is None:
        return ""
    if user.full_name:
        return user.full_name
    return "the PINE team" if user.is_staff else user.email
