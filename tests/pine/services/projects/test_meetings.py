"""Saving a meeting: a new or moved meeting is recorded and each partner gets a calendar
invitation; an email that failed can be sent again."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from icalendar import Calendar

from core.email_delivery import send_again
from core.models import OutboundEmail
from core.task_backends import run_due_tasks
from pine.models import Meeting, ProjectStage
from pine.services.projects import meeting_save
from tests.accounts.factories import OrganisationFactory
from tests.pine.factories import member_of
from tests.pine.services.projects.accepted_projects import Kind, event_kinds, make_project

pytestmark = pytest.mark.django_db

STARTS = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def new_meeting(stage: ProjectStage) -> Meeting:
    return Meeting(
        stage=stage,
        starts_at=STARTS,
        duration_minutes=90,
        location="Town Hall, Room 4",
        attendees="Jo Bloggs\nSam Analyst",
        notes="Private working notes.",
    )


def invitation(email) -> Calendar:
    (attachment,) = email.attachments
    filename, content, mimetype = attachment
    assert (filename, mimetype) == ("meeting.ics", "text/calendar")
    return Calendar.from_ical(content)


def test_a_new_meeting_is_recorded_and_each_active_member_gets_an_invitation(
    pine_manager, django_capture_on_commit_callbacks
):
    project = make_project()
    partners = [member_of(project.organisation), member_of(project.organisation)]
    left = member_of(project.organisation)
    left.is_active = False
    left.save()
    member_of(OrganisationFactory())
    stage = project.stages.first()

    with django_capture_on_commit_callbacks(execute=True):
        meeting = meeting_save(meeting=new_meeting(stage), user=pine_manager)

    event = project.events.get(kind=Kind.MEETING_SCHEDULED)
    assert (event.meeting, event.stage, event.actor) == (meeting, stage, pine_manager)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in partners)
    for email in mail.outbox:
        (vevent,) = invitation(email).walk("VEVENT")
        assert str(vevent["UID"]) == f"{meeting.uid}@pine"
        assert vevent.decoded("DTSTART") == STARTS
        assert "Town Hall, Room 4" in email.body


def test_changing_only_a_meetings_notes_records_nothing_and_sends_nothing(
    pine_manager, django_capture_on_commit_callbacks
):
    project = make_project()
    member_of(project.organisation)
    meeting = meeting_save(meeting=new_meeting(project.stages.first()), user=pine_manager)
    events = event_kinds(project)

    meeting = Meeting.objects.get(pk=meeting.pk)
    meeting.notes = "Agreed actions: send the plan by Friday."
    meeting.attendees = "Jo Bloggs"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        meeting_save(meeting=meeting, user=pine_manager)
    assert callbacks == [] and mail.outbox == []
    assert event_kinds(project) == events
    saved = Meeting.objects.get(pk=meeting.pk)
    assert (saved.notes, saved.sequence) == ("Agreed actions: send the plan by Friday.", 0)


MOVES = {
    "time": ("starts_at", STARTS + timedelta(days=1)),
    "length": ("duration_minutes", 120),
    "place": ("location", "https://meet.example.org/pine"),
}


@pytest.mark.parametrize(("field", "moved"), MOVES.values(), ids=MOVES)
def test_moving_a_meeting_is_recorded_and_the_invitation_updated(
    field, moved, pine_manager, django_capture_on_commit_callbacks
):
    project = make_project()
    member_of(project.organisation)
    meeting = meeting_save(meeting=new_meeting(project.stages.first()), user=pine_manager)
    original = getattr(meeting, field)

    for sequence, value in ((1, moved), (2, original)):
        meeting = Meeting.objects.get(pk=meeting.pk)
        setattr(meeting, field, value)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            meeting_save(meeting=meeting, user=pine_manager)
        assert Meeting.objects.get(pk=meeting.pk).sequence == sequence
        assert event_kinds(project).count(Kind.MEETING_MOVED) == sequence
        (email,) = mail.outbox
        assert "has moved" in email.body
        (vevent,) = invitation(email).walk("VEVENT")
        assert vevent.decoded("SEQUENCE") == sequence


def test_a_failed_meeting_email_keeps_the_meeting_and_waits_to_be_sent_again(
    pine_manager, settings, django_capture_on_commit_callbacks
):
    project = make_project()
    partners = [member_of(project.organisation), member_of(project.organisation)]
    settings.EMAIL_BACKEND = "tests.pine.failing_email.Backend"
    settings.EMAIL_ATTEMPTS = 1  # failed at once, for staff to send again
    with django_capture_on_commit_callbacks(execute=True):
        meeting = meeting_save(meeting=new_meeting(project.stages.first()), user=pine_manager)
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    event = project.events.get(kind=Kind.MEETING_SCHEDULED)
    waiting = OutboundEmail.objects.filter(about__project_event=event.pk, status="failed")
    assert sorted(waiting.values_list("to", flat=True)) == sorted(p.email for p in partners)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_again(waiting) == 2 and run_due_tasks() >= 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in partners)
