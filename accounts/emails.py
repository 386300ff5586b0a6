"""The emails the accounts app sends itself (allauth sends its own through the adapter)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string


def email_send_on_commit(*, template: str, to: str, context: dict) -> None:
    """Render `templates/<template>_subject.txt` and `_message.txt`; send after commit."""
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}_message.txt", context).strip()
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    transaction.on_commit(message.send)
