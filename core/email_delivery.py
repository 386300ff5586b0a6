"""Sending a queued email: the task the worker runs, its retries with backoff, and staff's
"send again".

Each attempt locks the email's row, so two workers (or a retry from the admin while the worker
is at it) never send one email twice: whoever comes second finds it sent. A failed attempt is
tried again after EMAIL_RETRY_SECONDS, doubling each time up to EMAIL_RETRY_MAX_SECONDS, until
EMAIL_ATTEMPTS attempts have failed; then the email is marked failed and logged as an error,
and staff can send it again from the admin.

One gap remains, as with any mail queue: if the worker dies after the mail server accepted the
email and before the row is marked sent, the next attempt sends it again. It carries the same
Message-ID, so mail clients and servers that de-duplicate by it show it once.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from core.models import OutboundEmail

logger = logging.getLogger(__name__)
Status = OutboundEmail.Status


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failed attempt."""
    seconds = settings.EMAIL_RETRY_SECONDS * 2 ** (attempts - 1)
    return timedelta(seconds=min(seconds, settings.EMAIL_RETRY_MAX_SECONDS))


@task()
def deliver(email_id: int) -> str:
    """Send one queued email, or schedule its next attempt; says what it did."""
    with transaction.atomic():
        email = OutboundEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status != Status.QUEUED:
            return "nothing to send"
        if email.next_attempt_at is not None and email.next_attempt_at > timezone.now():
            # A second task for an email whose next attempt is already set (two housekeeping
            # runs at once queued it twice, say): one chain of attempts, not two.
            return "its next attempt is already waiting"
        email.attempts += 1
        try:
            with get_connection(fail_silently=False) as connection:
                connection.send_messages([email.message()])
        except Exception as error:
            return _failed(email, error)
        email.status, email.sent_at, email.next_attempt_at = Status.SENT, timezone.now(), None
        # The text, attachments and headers (List-Unsubscribe holds a token) go once it is sent.
        email.body, email.attachments, email.headers, email.last_error = "", [], {}, ""
        email.save()
    logger.info("Email sent", extra={"email": email.pk, "attempts": email.attempts})
    return "sent"


def _failed(email: OutboundEmail, error: Exception) -> str:
    email.last_error = f"{type(error).__name__}: {error}"[:2000]
    about = {"email": email.pk, "attempts": email.attempts, "error": email.last_error}
    if email.attempts >= settings.EMAIL_ATTEMPTS:
        email.status, email.next_attempt_at = Status.FAILED, None
        email.save()
        logger.error("Email failed: it will not be tried again", extra=about)
        return "failed"
    email.next_attempt_at = timezone.now() + retry_delay(email.attempts)
    email.save()
    deliver.using(run_after=email.next_attempt_at).enqueue(email.pk)
    logger.warning("Email not sent: it will be tried again", extra=about)
    return "will try again"


def send_again(emails) -> int:
    """Queue failed emails to be sent at once, with attempts afresh, from the admin; returns how
    many.

    Sent emails are left alone: their body is gone, and the person has them. Queued ones are
    too: each already has its next attempt waiting, and a second would double its attempts.
    """
    count = 0
    with transaction.atomic():
        for email in emails.select_for_update().filter(status=Status.FAILED):
            email.status, email.attempts, email.next_attempt_at = Status.QUEUED, 0, None
            email.save(update_fields=["status", "attempts", "next_attempt_at"])
            deliver.enqueue(email.pk)
            count += 1
    return count
