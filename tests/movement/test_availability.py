"""How an event's places are shown: the words for each state, and the counts behind them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from movement.availability import (
    AVAILABLE,
    CLOSED,
    FEW_LEFT,
    FINISHED,
    FULL,
    availability,
    is_few,
)
from movement.models import Event
from tests.movement.factories import (
    EventFactory,
    OfferedFactory,
    PastEventFactory,
    RegistrationFactory,
    WaitingFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("free", "capacity", "few"),
    [(0, 100, False), (1, 100, True), (9, 100, True), (10, 100, False), (1, 5, False)],
)
def test_few_means_some_but_under_a_tenth(free, capacity, few):
    assert is_few(free, capacity) is few


def test_places_available_with_room():
    places = availability(EventFactory(capacity=10))
    assert places.label == AVAILABLE and places.free == 10 and places.can_register
    assert not places.joins_waiting_list and places.waiting_sentence == ""


def test_few_places_left_counts_offers_as_held():
    event = EventFactory(capacity=20)
    RegistrationFactory.create_batch(18, event=event)
    OfferedFactory(event=event)
    places = availability(event)
    assert places.label == FEW_LEFT and places.free == 1


def test_full_when_no_place_is_free_and_says_how_many_wait():
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    WaitingFactory(event=event)
    places = availability(event)
    assert places.label == FULL and places.joins_waiting_list
    assert places.waiting_sentence == "1 person is on the waiting list."


def test_someone_waiting_comes_before_a_newcomer_even_with_a_free_place():
    event = EventFactory(capacity=5)
    WaitingFactory(event=event)
    places = availability(event)
    assert places.free == 5 and places.joins_waiting_list and places.label == FULL


def test_cancelled_places_do_not_count():
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event, status="cancelled")
    assert availability(event).label == AVAILABLE


def test_closed_and_finished_events_say_so():
    closed = EventFactory(registration_closes_at=timezone.now() - timedelta(minutes=1))
    assert availability(closed).label == CLOSED and not availability(closed).can_register
    assert availability(PastEventFactory()).label == FINISHED


def test_counts_from_with_places_need_no_further_query(django_assert_num_queries):
    event = EventFactory(capacity=3)
    RegistrationFactory(event=event)
    WaitingFactory(event=event)
    annotated = Event.objects.with_places().get(pk=event.pk)
    with django_assert_num_queries(0):
        places = availability(annotated)
    assert places.free == 2 and places.waiting == 1
