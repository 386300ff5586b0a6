"""core.emails: the one way the service sends email, queued with the change that causes it."""

import ast
import re
from pathlib import Path

import allauth
import pytest
from allauth.account import app_settings as account_settings
from allauth.mfa import app_settings as mfa_settings
from django.core import mail
from django.db import transaction
from django.template import TemplateDoesNotExist
from django_tasks_db.models import DBTaskResult

from core.emails import Email, queue, render
from core.models import OutboundEmail

ROOT = Path(__file__).resolve().parents[2]
INVITE = "accounts/email/invitation"
ALLAUTH_TEMPLATES = Path(allauth.__file__).parent / "templates"
# What allauth's emails are given, with links as the adapter gives them: on SITE_URL.
ALLAUTH_CONTEXT = {
    "email": "sam@example.org",
    "activate_url": "https://evidence.example.org/accounts/confirm-email/key/",
    "password_reset_url": "https://evidence.example.org/accounts/password/reset/key/1-key/",
    "signup_url": "https://evidence.example.org/accounts/signup/",
    "from_email": "old@example.org",
    "to_email": "new@example.org",
    "deleted_email": "old@example.org",
    "timestamp": "2 December 2026 10:00",
    "ip": "192.0.2.1",
    "user_agent": "Firefox",
}
# Words that keep their capital inside a sentence: the service's name and its parts.
NAMES = {"PINE", "Evidence", "Store"}


@pytest.fixture
def invitation_context(db):
    from tests.accounts.factories import InvitationFactory

    return {"invitation": InvitationFactory(), "link": "https://evidence.example.org/x/"}


def test_the_subject_is_one_line_and_the_body_comes_from_the_message_template(
    invitation_context, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        (queued,) = queue([Email(INVITE, "a@example.org", invitation_context)], about={"x": 1})
    (message,) = mail.outbox
    assert "\n" not in message.subject and message.subject.startswith("You have been invited")
    assert message.to == ["a@example.org"] and "https://evidence.example.org/x/" in message.body
    assert message.extra_headers["Message-ID"] == queued.message_id
    queued.refresh_from_db()
    assert (queued.status, queued.about, queued.template) == ("sent", {"x": 1}, INVITE)


@pytest.mark.django_db(transaction=True)
def test_emails_are_queued_with_the_change_and_never_sent_after_a_rollback(invitation_context):
    emails = [Email(INVITE, "a@example.org", invitation_context)]
    with transaction.atomic():
        queue(emails, about={})
        assert mail.outbox == [] and OutboundEmail.objects.count() == 1
    assert len(mail.outbox) == 1
    with transaction.atomic():
        queue(emails, about={})
        transaction.set_rollback(True)
    assert len(mail.outbox) == 1
    assert OutboundEmail.objects.count() == 1 and DBTaskResult.objects.count() == 1


def test_a_template_that_fails_to_render_stops_the_change_rather_than_losing_the_email(db):
    with pytest.raises(TemplateDoesNotExist), transaction.atomic():
        queue([Email("accounts/email/no_such_email", "a@example.org", {})], about={})
    assert not OutboundEmail.objects.exists()


def test_no_other_module_sends_email_itself():
    """Rendering, queueing and sending happen in core only, so every email is treated alike."""
    sending = {"EmailMessage", "EmailMultiAlternatives", "get_connection", "send_mail", "send_mass_mail", "mail_admins"}  # fmt: skip
    found = []
    delivery = {ROOT / "core" / name for name in ["emails.py", "email_delivery.py", "models.py"]}
    for package in ["accounts", "core", "evidence_store", "pine", "movement", "config"]:
        for path in (ROOT / package).rglob("*.py"):
            if path in delivery:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                called = getattr(node, "func", None)
                name = getattr(called, "id", None) or getattr(called, "attr", None)
                if isinstance(node, ast.Call) and name in sending:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
    assert found == []


def test_reply_to_is_set_only_when_the_email_asks_for_it(invitation_context):
    answered = render(Email(INVITE, "a@example.org", invitation_context, reply_to=("t@x.org",)))
    assert (
        answered.reply_to == ["t@x.org"] and answered.message().message()["Reply-To"] == "t@x.org"
    )
    unanswered = render(Email(INVITE, "a@example.org", invitation_context))
    assert unanswered.reply_to == [] and unanswered.message().message()["Reply-To"] is None


def _reads_as_a_sentence(subject: str) -> bool:
    """One line, a capital first, no full stop, and no Title Case after the first word.

    Names people chose are quoted, and keep their own capitals.
    """
    words = re.findall(r"[A-Za-z][\w-]*", re.sub(r"“[^”]*”", "", subject))
    capitalised = [w for w in words[1:] if w[0].isupper() and w not in NAMES]
    return (
        "\n" not in subject
        and subject[:1].isupper()
        and not subject.endswith(".")
        and not capitalised
    )


def test_the_sentence_check_refuses_titles_and_full_stops():
    assert _reads_as_a_sentence("Your password has been changed")
    assert not _reads_as_a_sentence("Password Reset Email")
    assert not _reads_as_a_sentence("Your password has been changed.")


def _allauth_prefixes(folder: str) -> list[str]:
    return sorted(
        f"{folder}/{path.name.removesuffix('_subject.txt')}"
        for path in (ALLAUTH_TEMPLATES / folder).glob("*_subject.txt")
    )


# allauth's emails for features the service has turned off; it never sends them.
OFF = {
    "account/email/login_code": not account_settings.LOGIN_BY_CODE_ENABLED,
    "account/email/password_reset_code": not account_settings.PASSWORD_RESET_BY_CODE_ENABLED,
    "mfa/email/webauthn_added": "webauthn" not in mfa_settings.SUPPORTED_TYPES,
    "mfa/email/webauthn_removed": "webauthn" not in mfa_settings.SUPPORTED_TYPES,
}


SENT_BY_ALLAUTH = [
    prefix
    for prefix in [*_allauth_prefixes("account/email"), *_allauth_prefixes("mfa/email")]
    if not OFF.get(prefix)
]


@pytest.mark.parametrize("prefix", SENT_BY_ALLAUTH)
def test_every_allauth_email_the_service_sends_is_in_its_own_words_and_renders(prefix):
    ours = ROOT / "templates" / f"{prefix}_subject.txt"
    assert ours.exists(), f"{prefix} would go out in allauth's words"
    message = render(Email(prefix, "sam@example.org", ALLAUTH_CONTEXT))
    assert _reads_as_a_sentence(message.subject), message.subject
    assert message.body.endswith("Please do not reply to it.") and message.reply_to == []


def test_the_invitation_subject_reads_as_a_sentence(invitation_context):
    message = render(Email(INVITE, "a@example.org", invitation_context))
    assert _reads_as_a_sentence(message.subject), message.subject
    assert message.reply_to == [] and message.body.endswith("Please do not reply to it.")
