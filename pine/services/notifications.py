"""The one way PINE tells people something happened: record an event, then email after commit.

Email failure never undoes the change: the event keeps `emails_pending` and staff can retry it.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string

from pine.models import Application, Event
from pine.workflow import STAFF_GROUPS, TRANSITIONS

logger = logging.getLogger(__name__)


def notify(
    *,
    application: Application,
    actor,
    transition: str,
    from_status: str,
    to_status: str,
    message: str = "",
) -> Event:
    """Record what happened and, once the transaction commits, email the people it concerns."""
    t = TRANSITIONS[transition]
    event = Event.objects.create(
        application=application,
        actor=actor,
        transition=transition,
        from_status=from_status,
        to_status=to_status,
        message=message,
        visible_to_applicant=t.visible_to_applicant,
        emails_pending=t.email_applicant or t.email_staff,
    )
    if event.emails_pending:
        transaction.on_commit(lambda: event_send_emails(event=event))
    return event


def _recipients(event: Event) -> list[tuple[str, str]]:
    """(email address, audience) for everyone this event's emails go to."""
    t = TRANSITIONS[event.transition]
    User = get_user_model()
    found: list[tuple[str, str]] = []
    if t.email_applicant:
        members = User.objects.filter(
            memberships__organisation=event.application.organisation_id, is_active=True
        )
        found += [(email, "applicant") for email in members.values_list("email", flat=True)]
    if t.email_staff:
        staff = User.objects.filter(
            groups__name__in=STAFF_GROUPS.values(), is_active=True, is_staff=True
        ).distinct()
        found += [(email, "staff") for email in staff.values_list("email", flat=True)]
    return found


def event_send_emails(*, event: Event) -> bool:
    """Send the event's emails, one to each person; on failure log it and keep it pending."""
    event = Event.objects.select_related("application__organisation", "application__call").get(
        pk=event.pk
    )
    messages = []
    try:
        # Rendering is inside the try too: any failure leaves the event pending, to retry.
        for email, audience in _recipients(event):
            context = {"event": event, "application": event.application}
            template = f"pine/email/{audience}"
            subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
            body = render_to_string(f"{template}_message.txt", context).strip()
            messages.append(EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [email]))
        get_connection().send_messages(messages)
    except Exception:
        logger.exception(
            "PINE emails not sent",
            extra={"event": event.pk, "application": event.application.reference},
        )
        return False
    Event.objects.filter(pk=event.pk).update(emails_pending=False)
    logger.info(
        "PINE emails sent",
        extra={
            "event": event.pk,
            "application": event.application.reference,
            "count": len(messages),
        },
    )
    return True
