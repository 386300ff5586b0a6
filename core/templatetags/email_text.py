"""For the text of emails: names that people chose, shown as quoted data, and where to report."""

from django import template
from django.conf import settings

register = template.Library()

MAX_QUOTED = 100


@register.filter
def quoted(value) -> str:
    """“A name”: on one line, at most 100 characters, inside quotation marks.

    A name someone typed then reads as a name, never as the service's own words, and cannot
    start a line or paragraph of its own.
    """
    text = " ".join(str(value).split())
    if len(text) > MAX_QUOTED:
        text = text[: MAX_QUOTED - 1].rstrip() + "…"
    return f"“{text}”"


@register.simple_tag
def contact_email() -> str:
    return settings.CONTACT_EMAIL
