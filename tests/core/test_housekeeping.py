"""The daily housekeeping deletes only what is past its time, and is safe twice at once."""

import threading
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
        "Expired sessions deleted: 1",
        "Finished tasks deleted: 1",
        "Emails older than 90 days deleted: 2",
    ]
    call_command("housekeeping")  # again: nothing more
    assert _left(world) == {"live", "old queued", "recent sent"}
    assert capsys.readouterr().out.splitlines()[-1] == "Emails older than 90 days deleted: 0"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has no row locks and lets one writer in at a time, so there is no race to test.",
)
def test_two_runs_at_once_delete_each_row_once_and_both_succeed():
    world = _world()
    barrier, counts, errors = threading.Barrier(2), [], []

    def run():
        barrier.wait()
        try:
            counts.append(
                housekeeping.sessions_delete_expired()
                + housekeeping.tasks_delete_finished()
                + housekeeping.emails_delete_old()
            )
        except Exception as error:  # pragma: no cover - the failure this test looks for
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and sum(counts) == 4
    assert _left(world) == {"live", "old queued", "recent sent"}
