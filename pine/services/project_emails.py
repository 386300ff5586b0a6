"""Emails about projects: the partner hears of meetings and sign-off, staff of stages to sign off.

They are sent after the change commits. A failure never undoes the change: the event keeps
`emails_pending`, and staff can send it again from the admin.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string

from pine.models import ProjectEvent
from pine.workflow import STAFF_GROUPS, Actor

logger = logging.getLogger(__name__)

Kind = ProjectEvent.Kind
PARTNER = {Kind.MEETING_SCHEDULED, Kind.MEETING_MOVED, Kind.STAGE_SIGNED_OFF, Kind.STAGE_RETURNED}
STAFF = {Kind.STAGE_READY}


def queue_emails(event: ProjectEvent) -> None:
    """Mark the event's emails as pending and send them once the transaction commits."""
    if event.kind in PARTNER or event.kind in STAFF:
        ProjectEvent.objects.filter(pk=event.pk).update(emails_pending=True)
        event.emails_pending = True
        transaction.on_commit(lambda: project_event_send_emails(event=event))


def _recipients(event: ProjectEvent) -> list[str]:
    User = get_user_model()
    if event.kind in PARTNER:
        people = User.objects.filter(
            memberships__organisation=event.project.organisation_id, is_active=True
        )
    else:
        people = User.objects.filter(
            groups__name=STAFF_GROUPS[Actor.MANAGER], is_active=True, is_staff=True
        ).distinct()
    return list(people.values_list("email", flat=True))


def _attachment(event: ProjectEvent) -> bytes | None:
    from pine.calendar import calendar_for

    if event.meeting is None:
        return None
    return calendar_for(event.project, [event.meeting], stage_urls={})


def project_event_send_emails(*, event: ProjectEvent) -> bool:
    """Send the event's emails, one to each person; on failure log it and keep it pending."""
    event = ProjectEvent.objects.select_related(
        "project__organisation", "stage", "meeting__stage", "actor"
    ).get(pk=event.pk)
    messages = []
    try:
        context = {
            "event": event,
            "project": event.project,
            "stage": event.stage,
            "meeting": event.meeting,
            "to_partner": event.kind in PARTNER,
        }
        subject = " ".join(render_to_string("pine/email/project_subject.txt", context).split())
        body = render_to_string("pine/email/project_message.txt", context).strip()
        invitation = _attachment(event)
        for email in _recipients(event):
            message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
            if invitation is not None:
                message.attach("meeting.ics", invitation, "text/calendar")
            messages.append(message)
        get_connection().send_messages(messages)
    except Exception:
        logger.exception(
            "PINE project emails not sent", extra={"event": event.pk, "project": event.project.slug}
        )
        return False
    ProjectEvent.objects.filter(pk=event.pk).update(emails_pending=False)
    logger.info(
        "PINE project emails sent",
        extra={"event": event.pk, "project": event.project.slug, "count": len(messages)},
    )
    return True
