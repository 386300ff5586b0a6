"""`manage.py movement_jobs`: each scheduled job runs and says how much it did, a second run
(or a second run at the same moment) does nothing more, and one job failing does not stop the
others."""

import io
import logging
from datetime import timedelta

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from movement.models import Registration
from movement.services import scheduled
from tests.concurrency import at_once
from tests.movement.factories import (
    EventFactory,
    OfferedFactory,
    PastEventFactory,
    RegistrationFactory,
    WaitingFactory,
)

Status = Registration.Status


def _report(offers: int, reminders: int, needs: int) -> str:
    return (
        f"Expired offers passed on: {offers}\n"
        f"Reminders sent: {reminders}\n"
        f"Registrations whose access and dietary needs were deleted: {needs}\n"
    )


def _world(reminders: int = 1) -> dict[str, Registration]:
    """Something for each job to do: an offer that ran out at a full event with someone waiting,
    confirmed places at an event tomorrow, and needs still held 39 days after an event."""
    full = EventFactory(capacity=1)
    tomorrow = EventFactory(starts_at=timezone.now() + timedelta(days=1))
    world = {
        "expired": OfferedFactory(event=full, offer_expires_at=timezone.now() - timedelta(hours=1)),
        "next": WaitingFactory(event=full),
        "past": RegistrationFactory(
            event=PastEventFactory(),
            status=Status.ATTENDED,
            access_needs="A hearing loop",
            dietary_needs="Vegan",
        ),
    }
    for n in range(reminders):
        world[f"tomorrow{n}"] = RegistrationFactory(event=tomorrow)
    return world


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("movement_jobs", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _states() -> list[tuple]:
    return list(
        Registration.objects.order_by("pk").values_list(
            "pk",
            "status",
            "offer_expires_at",
            "reminder_sent_at",
            "access_needs",
            "dietary_needs",
            "needs_deleted_at",
            "updated_at",
        )
    )


def _sent(mailbox) -> list[tuple[str, str]]:
    """(recipient, first word of the subject) of each email, in order."""
    return sorted((m.to[0], m.subject.split(" ")[0]) for m in mailbox)


@pytest.mark.django_db
def test_each_job_runs_and_reports_how_much_it_did(mailoutbox, django_capture_on_commit_callbacks):
    world = _world()
    with django_capture_on_commit_callbacks(execute=True):
        out, err = _run()
    assert out == _report(offers=1, reminders=1, needs=1)
    assert err == ""
    for registration in world.values():
        registration.refresh_from_db()
    assert world["expired"].status == Status.CANCELLED
    assert world["expired"].ended_because == Registration.Ended.OFFER_EXPIRED
    assert world["next"].status == Status.OFFERED
    assert world["next"].offer_expires_at > timezone.now() + timedelta(hours=47)
    assert world["tomorrow0"].reminder_sent_at is not None
    assert (world["past"].access_needs, world["past"].dietary_needs) == ("", "")
    assert world["past"].needs_deleted_at is not None
    assert world["past"].status == Status.ATTENDED  # only the needs go; the record stays
    assert _sent(mailoutbox) == sorted(
        [
            (world["expired"].user.email, "Your"),  # Your offer of a place ... has expired
            (world["next"].user.email, "A"),  # A place at ... is yours if you accept it by ...
            (world["tomorrow0"].user.email, "Reminder:"),
        ]
    )


@pytest.mark.django_db
def test_running_it_again_sends_nothing_and_changes_nothing(
    mailoutbox, django_capture_on_commit_callbacks
):
    _world()
    with django_capture_on_commit_callbacks(execute=True):
        _run()
    after_first, sent = _states(), len(mailoutbox)
    assert sent == 3
    with django_capture_on_commit_callbacks(execute=True):
        out, err = _run()
    assert out == _report(offers=0, reminders=0, needs=0)
    assert err == ""
    assert _states() == after_first
    assert len(mailoutbox) == sent


@pytest.mark.django_db
def test_a_failing_job_is_logged_and_the_others_still_run(
    monkeypatch, caplog, mailoutbox, django_capture_on_commit_callbacks
):
    world = _world()

    def broken(**kwargs):
        raise RuntimeError("the mail server is down")

    monkeypatch.setattr(scheduled, "reminders_send", broken)
    out, err = io.StringIO(), io.StringIO()
    with (
        caplog.at_level(logging.ERROR, logger="movement.management.commands.movement_jobs"),
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(CommandError, match="1 of the Movement's jobs failed: reminders"),
    ):
        call_command("movement_jobs", stdout=out, stderr=err)
    assert out.getvalue() == (
        "Expired offers passed on: 1\n"
        "Registrations whose access and dietary needs were deleted: 1\n"
    )
    assert err.getvalue() == "Reminders sent: failed (the error is in the log)\n"
    [record] = caplog.records
    assert record.job == "reminders"
    assert "the mail server is down" in record.exc_text
    world["next"].refresh_from_db()
    world["past"].refresh_from_db()
    assert world["next"].status == Status.OFFERED
    assert world["past"].access_needs == ""
    assert "Reminder:" not in [subject for _, subject in _sent(mailoutbox)]


@pytest.mark.django_db
def test_a_failing_job_gives_a_non_zero_exit_status(monkeypatch, capsys):
    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(scheduled, "needs_delete", broken)
    with pytest.raises(SystemExit) as exit_status:
        execute_from_command_line(["manage.py", "movement_jobs"])
    assert exit_status.value.code == 1
    assert "1 of the Movement's jobs failed: needs" in capsys.readouterr().err


@pytest.mark.django_db
def test_only_runs_the_jobs_it_names():
    world = _world()
    out, _ = _run("--only", "needs", "--only", "offers")
    assert out == (
        "Expired offers passed on: 1\n"
        "Registrations whose access and dietary needs were deleted: 1\n"
    )
    world["tomorrow0"].refresh_from_db()
    assert world["tomorrow0"].reminder_sent_at is None


ONLY_POSTGRESQL = pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite has no row locks and lets one writer in at a time, so there is no race to test.",
)


def _twice_at_once(*args: str) -> list[str]:
    """Run the command from two threads that start together; returns what each printed."""
    results = at_once(lambda: _run(*args), lambda: _run(*args))
    assert not any(isinstance(r, Exception) for r in results), results
    return [output for output, _ in results]


@ONLY_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_moment_do_each_thing_once(mailoutbox):
    world = _world(reminders=20)
    outputs = _twice_at_once()
    assert len(outputs) == 2
    reported = "".join(outputs).splitlines()

    def total(label: str) -> int:
        return sum(int(line.rsplit(": ", 1)[1]) for line in reported if line.startswith(label))

    # Between them, each thing is done once.
    assert [total("Expired"), total("Reminders"), total("Registrations")] == [1, 20, 1]
    reminded = [to for to, subject in _sent(mailoutbox) if subject == "Reminder:"]
    assert sorted(reminded) == sorted(world[f"tomorrow{n}"].user.email for n in range(20))
    assert [subject for _, subject in _sent(mailoutbox)].count("A") == 1  # one offer made
    assert Registration.objects.filter(status=Status.OFFERED).get() == world["next"]


@ONLY_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_two_deletions_at_the_same_moment_delete_each_registrations_needs_once():
    past = PastEventFactory()
    RegistrationFactory.create_batch(
        50, event=past, status=Status.ATTENDED, access_needs="A hearing loop"
    )
    outputs = _twice_at_once("--only", "needs")
    counts = [int(output.rsplit(": ", 1)[1]) for output in outputs]
    # One run deletes them all; the other, waiting on the same rows, finds them already done.
    assert sorted(counts) == [0, 50]
    deleted_at = set(past.registrations.values_list("needs_deleted_at", flat=True))
    assert len(deleted_at) == 1 and None not in deleted_at
