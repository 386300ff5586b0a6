"""Reminders two days before, and access and dietary needs deleted 30 days after the event."""

from datetime import timedelta

import pytest
from django.utils import timezone

from movement.models import Registration
from movement.services.scheduled import needs_delete, reminders_send
from tests.movement.factories import EventFactory, RegistrationFactory, WaitingFactory

pytestmark = pytest.mark.django_db


def test_everyone_confirmed_is_reminded_once_within_two_days_of_the_event(sent):
    soon = EventFactory(starts_at=timezone.now() + timedelta(days=1, hours=20))
    later = EventFactory(starts_at=timezone.now() + timedelta(days=3))
    reminded = RegistrationFactory(event=soon)
    WaitingFactory(event=soon)
    RegistrationFactory(event=later)
    assert sent(reminders_send) == 1
    [email] = sent.outbox
    assert email.to == [reminded.user.email]
    assert email.subject.startswith(f"Reminder: {soon.title} is on")
    assert [name for name, *_ in email.attachments] == ["event.ics"]
    assert sent(reminders_send) == 0
    assert len(sent.outbox) == 1


def event_ended(days_ago):
    starts = timezone.now() - timedelta(days=days_ago, hours=6)
    return EventFactory(starts_at=starts, ends_at=starts + timedelta(hours=6))


def test_needs_are_deleted_30_days_after_the_event_and_not_before():
    old = RegistrationFactory(
        event=event_ended(31), access_needs="A hearing loop", dietary_needs="Vegan"
    )
    recent = RegistrationFactory(event=event_ended(29), access_needs="Step-free access")
    upcoming = RegistrationFactory(access_needs="A quiet room")
    assert needs_delete() == 1
    old.refresh_from_db()
    assert (old.access_needs, old.dietary_needs) == ("", "")
    assert old.needs_deleted_at is not None
    assert Registration.objects.get(pk=recent.pk).access_needs == "Step-free access"
    assert Registration.objects.get(pk=upcoming.pk).access_needs == "A quiet room"
    assert needs_delete() == 0


def test_registrations_that_held_no_needs_are_not_counted():
    RegistrationFactory(event=event_ended(40))
    assert needs_delete() == 0
