"""Dates and times in GOV.UK style: "5:30pm on 22 May 2027", "Wednesday 30 January 2019",
"10am to 4pm". Midday and midnight are written as words, as the GOV.UK style guide says."""

from datetime import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def govuk_time(value: datetime | None) -> str:
    """ "10am", "5:30pm", "midday", "midnight"."""
    if not value:
        return ""
    local = timezone.localtime(value)
    if local.minute == 0 and local.hour in (0, 12):
        return "midnight" if local.hour == 0 else "midday"
    hour = local.hour % 12 or 12
    minutes = "" if local.minute == 0 else f":{local.minute:02d}"
    return f"{hour}{minutes}{'am' if local.hour < 12 else 'pm'}"


@register.filter
def govuk_date(value: datetime | None) -> str:
    """ "Wednesday 30 January 2019"."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{local:%A} {local.day} {local:%B %Y}"


@register.filter
def govuk_datetime(value: datetime | None) -> str:
    """ "5:30pm on 22 May 2027"."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{govuk_time(value)} on {local.day} {local:%B %Y}"


@register.simple_tag
def govuk_when(starts: datetime, ends: datetime) -> str:
    """An event's time: "Wednesday 30 January 2019, 10am to 4pm", or across days
    "10am on 3 March 2027 to 4pm on 4 March 2027"."""
    first, last = timezone.localtime(starts), timezone.localtime(ends)
    if first.date() == last.date():
        return f"{govuk_date(starts)}, {govuk_time(starts)} to {govuk_time(ends)}"
    return f"{govuk_datetime(starts)} to {govuk_datetime(ends)}"
