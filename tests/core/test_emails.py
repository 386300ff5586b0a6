"""core.emails: the one way the service sends email, after commit, with what failed logged."""

import ast
import logging
from pathlib import Path

import pytest
from django.core import mail
from django.db import transaction

from core.emails import Email, send, send_after_commit

ROOT = Path(__file__).resolve().parents[2]
INVITE = "accounts/email/invitation"


@pytest.fixture
def invitation_context(db):
    from tests.accounts.factories import InvitationFactory

    return {"invitation": InvitationFactory(), "link": "https://evidence.example.org/x/"}


def test_the_subject_is_one_line_and_the_body_comes_from_the_message_template(invitation_context):
    sent = []
    assert send(
        lambda: [Email(INVITE, "a@example.org", invitation_context)],
        about={},
        on_sent=lambda: sent.append(1),
    )
    (message,) = mail.outbox
    assert "\n" not in message.subject and message.subject.startswith("You have been invited")
    assert message.to == ["a@example.org"] and "https://evidence.example.org/x/" in message.body
    assert sent == [1]


@pytest.mark.django_db(transaction=True)
def test_emails_wait_for_the_commit_and_are_never_sent_after_a_rollback(invitation_context):
    emails = lambda: [Email(INVITE, "a@example.org", invitation_context)]  # noqa: E731
    with transaction.atomic():
        send_after_commit(emails, about={})
        assert mail.outbox == []
    assert len(mail.outbox) == 1
    with transaction.atomic():
        send_after_commit(emails, about={})
        transaction.set_rollback(True)
    assert len(mail.outbox) == 1


def test_a_failure_is_logged_and_leaves_the_emails_unmarked(invitation_context, settings, caplog):
    settings.EMAIL_BACKEND = "tests.pine.failing_email.Backend"
    sent = []
    with caplog.at_level(logging.ERROR, logger="core.emails"):
        ok = send(
            lambda: [Email(INVITE, "a@example.org", invitation_context)],
            about={"invitation": 7},
            on_sent=lambda: sent.append(1),
        )
    assert not ok and sent == []
    (record,) = caplog.records
    assert record.message == "Emails not sent" and record.invitation == 7


def test_no_other_module_sends_email_itself():
    """Rendering and sending happen in core/emails.py only, so every email is treated alike."""
    sending = {"EmailMessage", "EmailMultiAlternatives", "get_connection", "send_mail", "send_mass_mail", "mail_admins"}  # fmt: skip
    found = []
    for package in ["accounts", "core", "evidence_store", "pine", "config"]:
        for path in (ROOT / package).rglob("*.py"):
            if path == ROOT / "core" / "emails.py":
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                called = getattr(node, "func", None)
                name = getattr(called, "id", None) or getattr(called, "attr", None)
                if isinstance(node, ast.Call) and name in sending:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
    assert found == []
