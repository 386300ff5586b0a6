"""A mail server outage loses nothing: a real SMTP server (aiosmtpd) is stopped while people
submit PINE applications and register for events, and once it is back every email arrives
exactly once, by the same worker code `manage.py worker` runs."""

import socket
import threading
import time

import pytest
from aiosmtpd.controller import Controller
from django.db import connection
from django_tasks_db.models import DBTaskResult

from core.models import OutboundEmail
from core.task_backends import run_due_tasks
from movement.services.registrations import registration_create
from pine.services.transitions import application_transition
from tests.concurrency import at_once
from tests.movement.factories import EventFactory
from tests.pine.factories import ApplicationFactory, complete_sections, manager, member_of

pytestmark = pytest.mark.django_db(transaction=True)


class Inbox:
    """What the SMTP server received: each message's Message-ID and recipients."""

    def __init__(self):
        self.received: list[tuple[str, tuple[str, ...]]] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message_id = next(
            line.split(":", 1)[1].strip()
            for line in envelope.content.decode().splitlines()
            if line.lower().startswith("message-id:")
        )
        with self.lock:
            self.received.append((message_id, tuple(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    port = _free_port()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_RETRY_SECONDS, settings.EMAIL_RETRY_MAX_SECONDS = 0.05, 0.2
    inbox = Inbox()

    class Server:
        def __init__(self):
            self.controller = None

        def start(self):
            self.controller = Controller(inbox, hostname="127.0.0.1", port=port)
            self.controller.start()

        def stop(self):
            self.controller.stop()
            self.controller = None

    server = Server()
    server.start()
    yield server, inbox
    if server.controller is not None:
        server.stop()


def _work_until_drained(deadline_seconds: float = 30) -> None:
    """Run the worker until nothing is waiting, as a worker polling every 0.05 s would."""
    deadline = time.monotonic() + deadline_seconds
    while OutboundEmail.objects.filter(status=OutboundEmail.Status.QUEUED).exists():
        assert time.monotonic() < deadline, "the queue did not drain"
        if not run_due_tasks():
            time.sleep(0.05)


def test_every_email_arrives_exactly_once_after_an_outage(smtp):
    server, inbox = smtp
    staff = manager(totp=False)
    event = EventFactory(capacity=3)
    applications = [ApplicationFactory() for _ in range(3)]
    for application in applications:
        complete_sections(application)

    # Before the outage: one application submitted and delivered, as normal.
    application_transition(
        application=applications[0],
        transition="submit",
        user=member_of(applications[0].organisation),
    )
    _work_until_drained()
    assert len(inbox.received) == 2  # the applicant and the manager

    server.stop()
    for application in applications[1:]:
        application_transition(
            application=application, transition="submit", user=member_of(application.organisation)
        )
    for n in range(5):  # three places, then two on the waiting list
        person = member_of(applications[0].organisation)
        registration_create(event=event, user=person, name=f"Person {n}", role="Social worker")
    # The worker tries while the server is down: every attempt fails and is put off, none lost.
    for _ in range(3):
        run_due_tasks()
        time.sleep(0.06)
    waiting = OutboundEmail.objects.filter(status=OutboundEmail.Status.QUEUED)
    assert waiting.count() == 4 + 5 and all(e.attempts >= 1 for e in waiting)
    assert "Connection" in waiting.first().last_error and len(inbox.received) == 2

    server.start()
    _work_until_drained()

    queued = {e.message_id: (e.to,) for e in OutboundEmail.objects.all()}
    assert OutboundEmail.objects.exclude(status=OutboundEmail.Status.SENT).count() == 0
    received_ids = [message_id for message_id, _ in inbox.received]
    assert len(received_ids) == len(set(received_ids)) == len(queued) == 2 + 4 + 5  # 0 duplicated
    assert dict(inbox.received) == queued  # 0 lost, each to its person
    assert staff.email in {to for (to,) in queued.values()}
    assert not DBTaskResult.objects.filter(status="READY").exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has no row locks and lets one writer in at a time: no race to test.",
)
def test_two_workers_at_once_send_each_email_once(smtp):
    """Two workers take the same emails' tasks at once (one queued twice, as a retry from the
    admin can do); each email still goes once."""
    _server, inbox = smtp
    applications = [ApplicationFactory() for _ in range(4)]
    manager(totp=False)
    for application in applications:
        complete_sections(application)
        application_transition(
            application=application, transition="submit", user=member_of(application.organisation)
        )
    from core.email_delivery import deliver

    for email in OutboundEmail.objects.all():
        deliver.enqueue(email.pk)  # every email has two tasks now
    at_once(run_due_tasks, run_due_tasks)
    ids = [message_id for message_id, _ in inbox.received]
    assert len(ids) == len(set(ids)) == OutboundEmail.objects.count() == 8
