"""The daily housekeeping deletes only what is past its time, and is safe twice at once."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.base import CreateError
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.sessions import SessionStore
from core import housekeeping
from core.email_delivery import deliver
from core.models import OutboundEmail
from tests.concurrency import at_once

Status = OutboundEmail.Status


def _session(expired: bool) -> str:
    store = SessionStore()
    try:
        store.create()
    except CreateError:  # pragma: no cover - a key collision
        store.create()
    model = store.get_model_class()
    at = timezone.now() + timedelta(hours=-1 if expired else 1)
    model.objects.filter(session_key=store.session_key).update(expire_date=at)
    return store.session_key


def _email(status: str, age_days: int) -> OutboundEmail:
    email = OutboundEmail.objects.create(
        template="t", to="a@example.org", from_email="f@example.org", subject="s", status=status
    )
    created = timezone.now() - timedelta(days=age_days)
    OutboundEmail.objects.filter(pk=email.pk).update(created_at=created)
    return email


def _world() -> dict:
    """Some of each kind past its time, and some not."""
    sessions = {"old": _session(expired=True), "live": _session(expired=False)}
    emails = {
        "old sent": _email(Status.SENT, 91),
        "old failed": _email(Status.FAILED, 91),
        "old queued": _email(Status.QUEUED, 91),  # still to be sent: never deleted
        "recent sent": _email(Status.SENT, 89),
    }
    done = deliver.enqueue(emails["old sent"].pk).id
    DBTaskResult.objects.filter(pk=done).update(
        status="SUCCESSFUL", finished_at=timezone.now() - timedelta(days=8)
    )
    return {"sessions": sessions, "emails": emails, "done": done}


def _left(world: dict) -> set[str]:
    model = SessionStore.get_model_class()
    left = {k for k, key in world["sessions"].items() if model.objects.filter(pk=key).exists()}
    left |= {
        k for k, e in world["emails"].items() if OutboundEmail.objects.filter(pk=e.pk).exists()
    }
    return left | (
        {"done task"} if DBTaskResult.objects.filter(pk=world["done"]).exists() else set()
    )


def test_it_deletes_only_what_is_past_its_time(db, capsys):
    world = _world()
    call_command("housekeeping")
    assert _left(world) == {"live", "old queued", "recent sent"}
    assert capsys.readouterr().out.splitlines() == [
        "Emails whose task was lost queued again: 1",  # the old queued one
        "Expired sessions deleted: 1",
        "Finished tasks deleted: 1",
        "Emails older than 90 days deleted: 2",
    ]
    call_command("housekeeping")  # again: nothing more
    assert _left(world) == {"live", "old queued", "recent sent"}
    assert capsys.readouterr().out.splitlines() == [
        "Emails whose task was lost queued again: 0",  # its new task is waiting
        "Expired sessions deleted: 0",
        "Finished tasks deleted: 0",
        "Emails older than 90 days deleted: 0",
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has no row locks and lets one writer in at a time, so there is no race to test.",
)
def test_two_runs_at_once_delete_each_row_once_and_both_succeed(settings, mailoutbox):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # no worker
    world = _world()

    def run():
        return (
            housekeeping.emails_requeue_stranded(),
            housekeeping.sessions_delete_expired(),
            housekeeping.tasks_delete_finished(),
            housekeeping.emails_delete_old(),
        )

    counts = at_once(run, run)
    errors = [c for c in counts if isinstance(c, Exception)]
    assert errors == [], errors
    # Each row deleted once; the stranded email queued again by one run or both, and sent once.
    assert sum(sum(c[1:]) for c in counts) == 4 and sum(c[0] for c in counts) in {1, 2}, counts
    assert _left(world) == {"live", "old queued", "recent sent"}
    from core.task_backends import run_due_tasks

    run_due_tasks()
    assert len(mailoutbox) == 1


def test_an_email_whose_task_was_lost_is_queued_again_and_sent_once(db, mailoutbox):
    """A worker stopped just after claiming a task leaves it running for good."""
    from core.emails import Email, queue
    from core.task_backends import run_due_tasks

    (stranded,) = queue([Email("accounts/email/invitation", "a@example.org", {})], about={})
    DBTaskResult.objects.update(status="RUNNING", started_at=timezone.now())
    (retrying,) = queue([Email("accounts/email/invitation", "b@example.org", {})], about={})
    (waiting,) = queue([Email("accounts/email/invitation", "c@example.org", {})], about={})
    retry_at = timezone.now() + timedelta(minutes=5)
    OutboundEmail.objects.filter(pk=retrying.pk).update(next_attempt_at=retry_at)
    eleven_minutes_ago = timezone.now() - timedelta(minutes=11)
    OutboundEmail.objects.update(created_at=eleven_minutes_ago)
    DBTaskResult.objects.filter(status="READY").delete()  # b waits for a retry: no task yet due
    deliver.enqueue(waiting.pk)  # c's task is waiting: the worker is only behind

    assert housekeeping.emails_requeue_stranded() == 1  # a alone
    assert housekeeping.emails_requeue_stranded() == 0  # its task is waiting now
    assert run_due_tasks() == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["a@example.org", "c@example.org"]
    stranded.refresh_from_db()
    assert stranded.status == Status.SENT
