"""The one way the service sends email: render subject and body from templates, send once the
change that caused them commits, and log what was sent and what failed.

Every email goes through here: the accounts app's, allauth's (through its adapter), and PINE's
event emails. A failure never undoes the change that caused it; `on_sent` lets the caller mark
what was delivered, so that what was not can be sent again.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string

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


def render(email: Email) -> EmailMessage:
    subject = " ".join(render_to_string(f"{email.template}_subject.txt", email.context).split())
    body = render_to_string(f"{email.template}_message.txt", email.context).strip()
    message = EmailMessage(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        [email.to],
        reply_to=email.reply_to,
        headers=dict(email.headers),
    )
    for attachment in email.attachments:
        message.attach(*attachment)
    return message


def send(
    emails: Callable[[], Iterable[Email]], *, about: dict, on_sent: Callable[[], None] | None = None
) -> bool:
    """Make, render and send the emails now, in one connection; True if they all went.

    Making and rendering are inside the try too: any failure is logged and leaves whatever the
    caller marks as pending, to send again.
    """
    try:
        messages = [render(email) for email in emails()]
        get_connection().send_messages(messages)
    except Exception:
        logger.exception("Emails not sent", extra=about)
        return False
    if on_sent is not None:
        on_sent()
    logger.info("Emails sent", extra={**about, "count": len(messages)})
    return True


def send_after_commit(
    emails: Callable[[], Iterable[Email]], *, about: dict, on_sent: Callable[[], None] | None = None
) -> None:
    """`send`, once the current transaction commits; never if it rolls back."""
    transaction.on_commit(lambda: send(emails, about=about, on_sent=on_sent))
