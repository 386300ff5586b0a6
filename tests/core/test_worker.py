"""`manage.py worker` stops gracefully: a SIGTERM that arrives just after it has claimed a task
still lets that task run, where django-tasks-db's own worker would leave it "running" for good."""

import signal

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from core.emails import Email, queue
from core.management.commands.worker import GracefulWorker
from core.models import OutboundEmail

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _worker(cls):
    return cls(
        queue_names=["default"],
        interval=0.01,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )


def _signalled_between_claim_and_run(worker):
    """SIGTERM arrives after the claim is committed and before the task starts."""
    run_task = worker.run_task

    def signalled_first(db_task_result):
        worker.shutdown(signal.SIGTERM, None)
        run_task(db_task_result)

    worker.run_task = signalled_first
    return worker


def _one_email() -> OutboundEmail:
    (email,) = queue([Email("accounts/email/invitation", "a@example.org", {})], about={})
    return email


def test_the_worker_runs_the_task_it_claimed_and_then_stops(database_queue):
    email = _one_email()
    _signalled_between_claim_and_run(_worker(GracefulWorker)).run()  # returns: it stopped
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT and len(mail.outbox) == 1
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_the_librarys_own_worker_would_strand_it(database_queue):
    """What the graceful worker is for: the same moment leaves the task running, unsent."""
    email = _one_email()
    with pytest.raises(SystemExit):
        _signalled_between_claim_and_run(_worker(Worker)).run()
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.QUEUED and mail.outbox == []
    assert DBTaskResult.objects.get().status == "RUNNING"


def test_a_second_signal_stops_it_at_once(signal_handlers):
    worker = _worker(GracefulWorker)
    worker.shutdown(signal.SIGTERM, None)
    assert not worker.running
    with pytest.raises(SystemExit):
        worker.shutdown(signal.SIGTERM, None)


@pytest.fixture
def signal_handlers():
    """The command sets the process's handlers, as a worker should; the test run keeps its own."""
    kept = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for number, handler in kept.items():
        signal.signal(number, handler)


def test_the_command_in_batch_mode_sends_what_is_due(database_queue, signal_handlers):
    email = _one_email()
    call_command("worker", "--batch", verbosity=0)
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT
