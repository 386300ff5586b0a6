"""What event staff do through the services: attendance from the day of the event, and a
message to everyone with a confirmed place."""

from datetime import timedelta

import pytest
from django.utils import timezone

from movement.models import EventMessage, Registration
from movement.services import ActionRefused
from movement.services.staff import attendance_mark, event_message_send
from tests.accounts.factories import UserFactory
from tests.movement.factories import EventFactory, RegistrationFactory, WaitingFactory

pytestmark = pytest.mark.django_db
Status = Registration.Status


def test_attendance_is_refused_before_the_day_of_the_event():
    event = EventFactory(starts_at=timezone.now() + timedelta(days=3))
    place = RegistrationFactory(event=event)
    with pytest.raises(ActionRefused, match="from the day of the event"):
        attendance_mark(event=event, attended=[place.pk], by=UserFactory(is_staff=True))
    assert Registration.objects.get(pk=place.pk).status == Status.CONFIRMED


def test_on_the_day_the_ticked_places_are_attended_and_the_others_confirmed():
    event = EventFactory(starts_at=timezone.now() - timedelta(minutes=30))
    came, stayed_away = RegistrationFactory.create_batch(2, event=event)
    waiting = WaitingFactory(event=event)
    staff = UserFactory(is_staff=True)
    assert attendance_mark(event=event, attended=[came.pk, waiting.pk], by=staff) == 1
    assert attendance_mark(event=event, attended=[stayed_away.pk], by=staff) == 1
    statuses = dict(event.registrations.values_list("pk", "status"))
    assert statuses == {
        came.pk: Status.CONFIRMED,
        stayed_away.pk: Status.ATTENDED,
        waiting.pk: Status.WAITING,
    }


def test_a_message_goes_to_everyone_confirmed_and_is_recorded(sent):
    event = EventFactory()
    confirmed = RegistrationFactory.create_batch(2, event=event)
    WaitingFactory(event=event)
    message = sent(
        lambda: event_message_send(
            event=event, subject="Room change", body="Room 2.", by=UserFactory(is_staff=True)
        )
    )
    assert message.recipients == 2
    assert sorted(m.to[0] for m in sent.outbox) == sorted(p.user.email for p in confirmed)


def test_a_message_needs_words_and_someone_to_send_to():
    event = EventFactory()
    staff = UserFactory(is_staff=True)
    with pytest.raises(ActionRefused, match="Nobody has a confirmed place"):
        event_message_send(event=event, subject="Hello", body="Hi.", by=staff)
    RegistrationFactory(event=event)
    with pytest.raises(ActionRefused, match="Enter a subject and a message"):
        event_message_send(event=event, subject=" ", body="Hi.", by=staff)
    assert not EventMessage.objects.exists()
