"""core.email_delivery: the worker sends each queued email once, tries again with backoff when
the mail server fails, marks it failed in the end, and staff can send it again."""

from datetime import timedelta

import pytest
from django.contrib.admin.sites import site
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.email_delivery import deliver, retry_delay, send_again
from core.emails import Email, queue
from core.models import OutboundEmail
from core.task_backends import run_due_tasks

INVITE = "accounts/email/invitation"
Status = OutboundEmail.Status


@pytest.fixture
def failing_mail(settings):
    settings.EMAIL_BACKEND = "tests.pine.failing_email.Backend"
    return settings


@pytest.fixture
def email(db):
    """One email queued, its task waiting: the commit that would run it never happens here."""
    from tests.accounts.factories import InvitationFactory

    context = {"invitation": InvitationFactory(), "link": "https://evidence.example.org/x/"}
    (queued,) = queue([Email(INVITE, "a@example.org", context)], about={"invitation": 1})
    return queued


def _later(seconds: float) -> None:
    """Bring every waiting task's time forward, as if `seconds` had passed."""
    for result in DBTaskResult.objects.filter(status="READY"):
        result.run_after = result.run_after - timedelta(seconds=seconds)
        result.save(update_fields=["run_after"])
    for waiting in OutboundEmail.objects.filter(next_attempt_at__isnull=False):
        waiting.next_attempt_at -= timedelta(seconds=seconds)
        waiting.save(update_fields=["next_attempt_at"])


def test_the_worker_sends_it_once_and_erases_its_body(email):
    assert (email.status, email.attempts, DBTaskResult.objects.count()) == (Status.QUEUED, 0, 1)
    assert run_due_tasks() == 1
    email.refresh_from_db()
    assert (email.status, email.attempts, email.body, email.last_error) == (Status.SENT, 1, "", "")
    assert email.sent_at is not None and len(mail.outbox) == 1
    # A second task for the same email (a retry from the admin that crossed the send) sends nothing.
    deliver.enqueue(email.pk)
    assert run_due_tasks() == 1 and len(mail.outbox) == 1


def test_backoff_doubles_up_to_the_limit(settings):
    settings.EMAIL_RETRY_SECONDS, settings.EMAIL_RETRY_MAX_SECONDS = 60, 3600
    assert [retry_delay(n).total_seconds() for n in range(1, 9)] == [
        60, 120, 240, 480, 960, 1920, 3600, 3600,
    ]  # fmt: skip


def test_a_failure_is_tried_again_later_and_sent_when_the_server_returns(email, failing_mail):
    assert run_due_tasks() == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Status.QUEUED, 1)
    assert "ConnectionRefusedError" in email.last_error and email.body
    waiting = DBTaskResult.objects.get(status="READY")
    assert waiting.run_after == email.next_attempt_at > timezone.now() + timedelta(seconds=50)
    assert run_due_tasks() == 0  # not yet due
    failing_mail.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _later(60)
    assert run_due_tasks() == 1
    email.refresh_from_db()
    assert (email.status, email.attempts, len(mail.outbox)) == (Status.SENT, 2, 1)


def test_after_the_last_attempt_it_is_marked_failed_and_logged(email, failing_mail, caplog):
    failing_mail.EMAIL_ATTEMPTS = 3
    for _ in range(3):
        run_due_tasks()
        _later(3600)
    email.refresh_from_db()
    assert (email.status, email.attempts, email.next_attempt_at) == (Status.FAILED, 3, None)
    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert "Email failed: it will not be tried again" in caplog.messages


def test_staff_send_a_failed_email_again(email, failing_mail):
    failing_mail.EMAIL_ATTEMPTS = 1
    run_due_tasks()
    email.refresh_from_db()
    assert email.status == Status.FAILED
    failing_mail.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_again(OutboundEmail.objects.all()) == 1
    assert run_due_tasks() == 1
    email.refresh_from_db()
    assert (email.status, email.attempts, len(mail.outbox)) == (Status.SENT, 1, 1)
    assert send_again(OutboundEmail.objects.all()) == 0  # a sent email is left alone


def test_the_admin_lists_emails_without_bodies_and_sends_again(email, admin_client, failing_mail):
    failing_mail.EMAIL_ATTEMPTS, failing_mail.STAFF_MFA_REQUIRED = 1, False
    run_due_tasks()
    listing = admin_client.get("/admin/core/outboundemail/?status__exact=failed")
    assert listing.status_code == 200 and email.subject in listing.text
    page = admin_client.get(f"/admin/core/outboundemail/{email.pk}/change/")
    assert page.status_code == 200 and "https://evidence.example.org/x/" not in page.text
    assert "ConnectionRefusedError" in page.text
    failing_mail.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = admin_client.post(
        "/admin/core/outboundemail/",
        {"action": "send_again", "_selected_action": [email.pk]},
        follow=True,
    )
    assert "1 email will be sent again in a moment." in response.text
    run_due_tasks()
    email.refresh_from_db()
    assert email.status == Status.SENT and len(mail.outbox) == 1


def test_nobody_adds_changes_or_deletes_an_email_in_the_admin(rf, admin_user):
    request = rf.get("/")
    request.user = admin_user
    model_admin = site._registry[OutboundEmail]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert model_admin.has_send_again_permission(request)


def test_a_sent_email_keeps_no_text_headers_or_attachments_and_its_id_names_the_site(db):
    unfollow = ("List-Unsubscribe", "<https://evidence.example.org/movement/practice/unfollow/t/>")
    (email,) = queue(
        [
            Email(
                INVITE,
                "a@example.org",
                {"link": "https://evidence.example.org/x/"},
                attachments=(("event.ics", b"BEGIN:VCALENDAR", "text/calendar"),),
                headers=(unfollow,),
            )
        ],
        about={},
    )
    run_due_tasks()
    (message,) = mail.outbox
    assert message.extra_headers["List-Unsubscribe"] == unfollow[1]
    assert message.attachments[0][0] == "event.ics"
    email.refresh_from_db()
    assert (email.body, email.headers, email.attachments) == ("", {}, [])
    assert email.message_id.endswith("@evidence.example.org>")
    assert message.extra_headers["Message-ID"] == email.message_id


def test_only_failed_emails_are_sent_again(email):
    assert send_again(OutboundEmail.objects.all()) == 0  # queued: its task is waiting
    assert DBTaskResult.objects.filter(status="READY").count() == 1


def test_a_programmes_staff_see_and_send_again_only_its_emails(db, client, settings):
    from tests.movement.factories import movement_staff
    from tests.pine.factories import manager

    settings.STAFF_MFA_REQUIRED = False
    kinds = {
        "pine/email/applicant": "An application",
        "movement/email/confirmed": "A place",
        "movement/email/practice_approved": "A post",
        "accounts/email/invitation": "An invitation",
    }
    emails = {
        template: OutboundEmail.objects.create(
            template=template, to="a@example.org", from_email="f@x.org", subject=subject,
            status=Status.FAILED,
        )
        for template, subject in kinds.items()
    }  # fmt: skip
    people = {
        "pine": manager(totp=False),
        "events": movement_staff("Movement event organisers"),
        "moderation": movement_staff("Movement moderators"),
    }
    sees = {"pine": "pine/email/applicant", "events": "movement/email/confirmed"}
    sees["moderation"] = "movement/email/practice_approved"
    for who, person in people.items():
        client.force_login(person)
        listing = client.get("/admin/core/outboundemail/")
        assert listing.status_code == 200, who
        shown = {t for t, subject in kinds.items() if f">{subject}<" in listing.text}
        assert shown == {sees[who]}, who
        own, other = emails[sees[who]], emails["accounts/email/invitation"]
        assert client.get(f"/admin/core/outboundemail/{own.pk}/change/").status_code == 200
        assert client.get(f"/admin/core/outboundemail/{other.pk}/change/").status_code == 302
        client.post(
            "/admin/core/outboundemail/",
            {"action": "send_again", "_selected_action": [own.pk, other.pk]},
        )
        assert OutboundEmail.objects.get(pk=own.pk).status == Status.QUEUED, who
        assert OutboundEmail.objects.get(pk=other.pk).status == Status.FAILED, who


def test_staff_of_no_programme_see_no_emails(db, client, settings):
    from tests.accounts.factories import UserFactory

    settings.STAFF_MFA_REQUIRED = False
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/admin/core/outboundemail/").status_code == 403


def test_a_second_task_for_an_email_waiting_to_be_tried_again_does_nothing(email, failing_mail):
    run_due_tasks()  # fails: the next attempt is a minute away
    email.refresh_from_db()
    deliver.enqueue(email.pk)  # a stray second task, due now
    assert run_due_tasks() == 1
    again = OutboundEmail.objects.get(pk=email.pk)
    assert (again.attempts, again.next_attempt_at) == (1, email.next_attempt_at)
    assert DBTaskResult.objects.filter(status="READY").count() == 1  # still one chain
