"""The waiting list over time: offers that expire and pass on, staff moving people up or
offering places by hand, and capacity changes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from movement.models import Registration
from movement.services import ActionRefused, Conflict
from movement.services.places import waiting_position
from movement.services.waiting_list import (
    event_capacity_change,
    offer_by_hand,
    offers_expire,
    waiting_move_to_top,
)
from tests.accounts.factories import UserFactory
from tests.movement.factories import (
    EventFactory,
    OfferedFactory,
    RegistrationFactory,
    WaitingFactory,
)

pytestmark = pytest.mark.django_db
Status = Registration.Status


def in_line(event, count):
    start = timezone.now() - timedelta(hours=count)
    return [
        WaitingFactory(event=event, waiting_since=start + timedelta(hours=n)) for n in range(count)
    ]


def statuses(*registrations):
    return [Registration.objects.get(pk=r.pk).status for r in registrations]


def test_the_sweep_passes_each_expired_offer_to_the_next_person_and_tells_both(sent):
    event = EventFactory(capacity=2)
    RegistrationFactory(event=event)
    expired = OfferedFactory(event=event, offer_expires_at=timezone.now() - timedelta(seconds=1))
    first, second = in_line(event, 2)
    assert sent(offers_expire) == 1
    assert statuses(expired, first, second) == [Status.CANCELLED, Status.OFFERED, Status.WAITING]
    subjects = {email.to[0]: email.subject for email in sent.outbox}
    assert subjects[expired.user.email] == f"Your offer of a place at {event.title} has expired"
    assert subjects[first.user.email].startswith(f"A place at {event.title} is yours")


def test_an_offer_not_accepted_passes_down_the_whole_list_in_turn():
    event = EventFactory(capacity=1)
    people = in_line(event, 3)
    event_capacity_change(event=event, capacity=1)  # nothing held: the first is offered
    for n in range(len(people)):
        assert statuses(*people)[n] == Status.OFFERED
        later = timezone.now() + timedelta(hours=49)
        offers_expire(now=later)
    assert statuses(*people) == [Status.CANCELLED] * 3
    assert all(r.ended_because == "offer_expired" for r in Registration.objects.filter(event=event))


def test_an_offer_still_in_time_is_left_alone():
    offer = OfferedFactory()
    assert offers_expire() == 0
    assert statuses(offer) == [Status.OFFERED]


def test_the_sweep_run_twice_sends_nothing_the_second_time(sent):
    event = EventFactory(capacity=1)
    OfferedFactory(event=event, offer_expires_at=timezone.now() - timedelta(seconds=1))
    in_line(event, 1)
    sent(offers_expire)
    count = len(sent.outbox)
    assert sent(offers_expire) == 0
    assert len(sent.outbox) == count == 2


def test_staff_can_move_someone_to_the_top_of_the_list():
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    first, second, third = in_line(event, 3)
    waiting_move_to_top(registration=third, by=UserFactory(is_staff=True))
    positions = [
        waiting_position(Registration.objects.get(pk=r.pk)) for r in (first, second, third)
    ]
    assert positions == [2, 3, 1]


def test_a_person_moved_up_is_the_next_offered():
    event = EventFactory(capacity=1)
    place = RegistrationFactory(event=event)
    first, second = in_line(event, 2)
    waiting_move_to_top(registration=second, by=UserFactory(is_staff=True))
    from movement.services.registrations import registration_cancel

    registration_cancel(registration=place)
    assert statuses(first, second) == [Status.WAITING, Status.OFFERED]


def test_offering_by_hand_when_full_adds_a_place_for_that_person():
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    first, second = in_line(event, 2)
    offer_by_hand(registration=second, by=UserFactory(is_staff=True))
    event.refresh_from_db()
    assert event.capacity == 2
    assert statuses(first, second) == [Status.WAITING, Status.OFFERED]


def test_only_someone_waiting_can_be_moved_up_or_offered_by_hand():
    place = RegistrationFactory()
    with pytest.raises(ActionRefused, match="no longer on the waiting list"):
        offer_by_hand(registration=place, by=UserFactory(is_staff=True))
    with pytest.raises(ActionRefused, match="no longer on the waiting list"):
        waiting_move_to_top(registration=place, by=UserFactory(is_staff=True))


def test_raising_the_capacity_offers_the_new_places_at_once_in_order():
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    first, second, third = in_line(event, 3)
    event_capacity_change(event=event, capacity=3)
    assert statuses(first, second, third) == [Status.OFFERED, Status.OFFERED, Status.WAITING]


def test_capacity_cannot_go_below_the_confirmed_places_and_open_offers():
    event = EventFactory(capacity=5)
    RegistrationFactory.create_batch(3, event=event)
    OfferedFactory(event=event)
    with pytest.raises(ActionRefused, match="at least 4: the event has 3 confirmed places and 1"):
        event_capacity_change(event=event, capacity=3)
    event.refresh_from_db()
    assert event.capacity == 5
    assert event_capacity_change(event=event, capacity=4).capacity == 4


def test_a_capacity_change_over_someone_elses_is_a_conflict():
    event = EventFactory(capacity=5)
    seen = event.version
    event_capacity_change(event=event, capacity=6, seen_version=seen)
    with pytest.raises(Conflict, match="It now has 6 places"):
        event_capacity_change(event=event, capacity=7, seen_version=seen)
