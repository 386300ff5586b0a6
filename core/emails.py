"""The one way the service sends email: render subject and body from templates and queue them,
in the same transaction as the change that causes them; a worker sends them
(core/email_delivery.py).

Every email goes through here: the accounts app's, allauth's (through its adapter), PINE's and
the Movement's. Queued with the change, an email goes out if and only if the change commits,
and a mail server outage only delays it.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string

from core.models import OutboundEmail

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Email:
    """templates/<template>_subject.txt and _message.txt, rendered with `context`, to one person."""

    template: str
    to: str
    context: dict
    attachments: tuple[tuple[str, bytes, str], ...] = ()  # (filename, content, media type)
    # Where replies go, when a person can usefully answer: the sender is a no-reply address.
    reply_to: tuple[str, ...] = ()
    # Extra headers, such as List-Unsubscribe on emails a person can stop.
    headers: tuple[tuple[str, str], ...] = ()


def render(email: Email, about: dict | None = None) -> OutboundEmail:
    """The email as it will be sent, not yet saved."""
    subject = " ".join(render_to_string(f"{email.template}_subject.txt", email.context).split())
    body = render_to_string(f"{email.template}_message.txt", email.context).strip()
    return OutboundEmail(
        template=email.template,
        about=about or {},
        to=email.to,
        from_email=settings.DEFAULT_FROM_EMAIL,
        reply_to=list(email.reply_to),
        headers=dict(email.headers),
        subject=subject,
        body=body,
        attachments=[OutboundEmail.attachment(*a) for a in email.attachments],
    )


def queue(emails: Iterable[Email], *, about: dict) -> list[OutboundEmail]:
    """Render the emails and queue them for the worker, in the current transaction: they are
    sent once it commits, and never if it rolls back."""
    from core.email_delivery import deliver

    rendered = [render(email, about) for email in emails]
    with transaction.atomic():  # the emails and their tasks together, even outside a transaction
        queued = OutboundEmail.objects.bulk_create(rendered)
        for email in queued:
            deliver.enqueue(email.pk)
    if queued:
        logger.info("Emails queued", extra={**about, "count": len(queued)})
    return queued
