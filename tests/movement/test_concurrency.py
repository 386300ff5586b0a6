"""Places are exact when many people register, cancel and accept at the same moment.

These need PostgreSQL: SQLite lets one writer in at a time, so there is no race to test.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from movement.models import Registration
from movement.services import ActionRefused
from movement.services.places import waiting_position
from movement.services.registrations import registration_cancel, registration_create
from tests.accounts.factories import UserFactory
from tests.movement.factories import EventFactory, RegistrationFactory, WaitingFactory

pytestmark = [
    pytest.mark.skipif(
        connection.vendor == "sqlite",
        reason="SQLite has no row locks and lets one writer in at a time: no race to test.",
    ),
    pytest.mark.django_db(transaction=True),
]
Status = Registration.Status
# Fewer threads than PostgreSQL's 100 connections; each registers several people.
THREADS = 40


def at_once(jobs):
    """Run the jobs from THREADS threads that all start together; returns what each gave."""
    barrier = threading.Barrier(THREADS)
    groups = [jobs[n::THREADS] for n in range(THREADS)]

    def run(group):
        barrier.wait()
        results = []
        try:
            for job in group:
                try:
                    results.append(job())
                except ActionRefused as refused:
                    results.append(refused)
        finally:
            connection.close()
        return results

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        return [result for results in pool.map(run, groups) for result in results]


def test_200_people_registering_at_once_for_100_places_gives_100_confirmed_and_100_waiting():
    event = EventFactory(capacity=100)
    people = UserFactory.create_batch(200)
    at_once(
        [
            lambda person=person: registration_create(
                event=event, user=person, name="Sam", role="Social worker"
            )
            for person in people
        ]
    )
    counts = {s: event.registrations.filter(status=s).count() for s in Status.values}
    assert counts[Status.CONFIRMED] == 100
    assert counts[Status.WAITING] == 100
    assert event.registrations.values("user").distinct().count() == 200
    waiting = event.registrations.filter(status=Status.WAITING)
    assert sorted(waiting_position(r) for r in waiting) == list(range(1, 101))


def test_one_person_registering_many_times_at_once_gets_one_place():
    event = EventFactory(capacity=100)
    person = UserFactory()
    results = at_once(
        [
            lambda: registration_create(event=event, user=person, name="Sam", role="Social worker")
            for _ in range(THREADS)
        ]
    )
    assert event.registrations.count() == 1
    assert sum(isinstance(result, Registration) for result in results) == 1


def test_many_cancelling_at_once_offers_each_freed_place_to_one_person_only():
    event = EventFactory(capacity=THREADS)
    places = RegistrationFactory.create_batch(THREADS, event=event)
    WaitingFactory.create_batch(THREADS + 10, event=event)
    at_once([lambda place=place: registration_cancel(registration=place) for place in places])
    assert event.registrations.filter(status=Status.OFFERED).count() == THREADS
    assert event.registrations.filter(status=Status.WAITING).count() == 10
