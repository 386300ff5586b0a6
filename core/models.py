"""The outbox: every email the service sends, written in the same transaction as the change that
causes it, so that nothing committed goes unsent and nothing rolled back goes out.

A worker sends each one (core/email_delivery.py). A sent email's body and attachments are
erased, since they may hold one-time links (password resets, invitations, cancellations); its
addressee, subject and dates stay for staff to check delivery, until the scheduled clean-up.
"""

import base64
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models


def new_message_id() -> str:
    """A Message-ID fixed when the email is queued: every attempt to send it carries the same
    one, so a mail server or a person can tell a repeat from a second email. Its domain is the
    service's own (SITE_URL), as RFC 5322 asks."""
    return f"<{uuid.uuid4().hex}@{urlsplit(settings.SITE_URL).hostname}>"


class OutboundEmail(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    created_at = models.DateTimeField("queued at", auto_now_add=True, db_index=True)
    template = models.CharField("kind of email", max_length=200)
    about = models.JSONField("what it is about", default=dict, blank=True)
    to = models.EmailField("to", max_length=254, db_index=True)
    from_email = models.CharField("from", max_length=300)
    reply_to = models.JSONField(default=list, blank=True)
    headers = models.JSONField(default=dict, blank=True)
    subject = models.CharField(max_length=998)
    body = models.TextField(blank=True)
    # [{"filename": ..., "content": base64 text, "mimetype": ...}]
    attachments = models.JSONField(default=list, blank=True)
    message_id = models.CharField("Message-ID", max_length=200, unique=True, default=new_message_id)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField("next attempt", null=True, blank=True)
    last_error = models.TextField("last error", blank=True)
    sent_at = models.DateTimeField("sent at", null=True, blank=True)

    class Meta:
        verbose_name = "email"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.subject} (to {self.to})"

    def message(self) -> EmailMessage:
        message = EmailMessage(
            self.subject,
            self.body,
            self.from_email,
            [self.to],
            reply_to=self.reply_to,
            headers={**self.headers, "Message-ID": self.message_id},
        )
        for attachment in self.attachments:
            message.attach(
                attachment["filename"],
                base64.b64decode(attachment["content"]),
                attachment["mimetype"],
            )
        return message

    @staticmethod
    def attachment(filename: str, content: bytes | str, mimetype: str) -> dict:
        if isinstance(content, str):
            content = content.encode()
        return {
            "filename": filename,
            "content": base64.b64encode(content).decode("ascii"),
            "mimetype": mimetype,
        }
