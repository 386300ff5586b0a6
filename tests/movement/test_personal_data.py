"""The Movement's part of a person's data: their registrations are in their download, and
deleting their account frees their places for the next person and forgets their details."""

import json

import pytest

from accounts.models import DELETED_USER_NAME
from accounts.personal_data import personal_data_collect
from accounts.services.users import user_delete
from movement.models import Registration
from tests.accounts.factories import MembershipFactory, UserFactory
from tests.movement.factories import (
    EventFactory,
    OfferedFactory,
    PastEventFactory,
    RegistrationFactory,
    WaitingFactory,
)

pytestmark = pytest.mark.django_db
Status = Registration.Status
SECTION = "movement_event_registrations"


def test_download_holds_the_persons_registrations_and_nobody_elses(client):
    me = UserFactory()
    mine = RegistrationFactory(
        user=me,
        event__title="Testing an idea",
        name="Sam Jones",
        role="Team manager",
        access_needs="Step-free access",
        dietary_needs="Vegan",
    )
    WaitingFactory(user=me, event__title="Using evidence in supervision")
    RegistrationFactory(event=mine.event, name="Someone Else", access_needs="Not mine")
    client.force_login(me)
    data = json.loads(client.get("/accounts/data/").content)
    assert data[SECTION] == personal_data_collect(me)[SECTION]
    assert [(r["event"], r["status"]) for r in data[SECTION]] == [
        ("Testing an idea", "Confirmed"),
        ("Using evidence in supervision", "On the waiting list"),
    ]
    first = data[SECTION][0]
    assert first["name"] == "Sam Jones" and first["role"] == "Team manager"
    assert first["organisation"] == "Anytown Council"
    assert (first["access_needs"], first["dietary_needs"]) == ("Step-free access", "Vegan")
    assert first["event_starts"] == mine.event.starts_at.isoformat()
    assert first["registered_at"] == mine.created_at.isoformat()
    assert "Someone Else" not in json.dumps(data) and "Not mine" not in json.dumps(data)


def test_deleting_an_account_frees_the_place_and_offers_it_to_the_next_person(
    mailoutbox, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=1)
    mine = RegistrationFactory(event=event, access_needs="A hearing loop", dietary_needs="Halal")
    email = mine.user.email
    next_in_line = WaitingFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        user_delete(user=mine.user)
    mine.refresh_from_db()
    next_in_line.refresh_from_db()
    assert mine.status == Status.CANCELLED
    assert mine.ended_because == Registration.Ended.ACCOUNT_DELETED
    assert next_in_line.status == Status.OFFERED
    # The next person is offered the place; the deleted account is sent nothing.
    assert [m.to for m in mailoutbox] == [[next_in_line.user.email]]
    assert mailoutbox[0].subject.startswith(f"A place at {event.title} is yours")
    assert email not in {address for m in mailoutbox for address in m.to}


def test_deleting_an_account_forgets_the_details_on_every_registration():
    me = UserFactory()
    organisation = MembershipFactory(user=me).organisation
    upcoming = RegistrationFactory(
        user=me, organisation=organisation, organisation_name="", access_needs="Quiet room"
    )
    offered = OfferedFactory(user=me, dietary_needs="Vegetarian")
    attended = RegistrationFactory(
        user=me, event=PastEventFactory(), status=Status.ATTENDED, access_needs="Large print"
    )
    other = RegistrationFactory(event=upcoming.event, access_needs="Theirs")
    user_delete(user=me)
    for registration in (upcoming, offered, attended, other):
        registration.refresh_from_db()
    for registration in (upcoming, offered, attended):
        assert registration.name == DELETED_USER_NAME
        assert (registration.role, registration.organisation_name) == ("", "")
        assert registration.organisation is None
        assert (registration.access_needs, registration.dietary_needs) == ("", "")
        assert registration.needs_deleted_at is not None
    assert upcoming.status == offered.status == Status.CANCELLED
    # A past event's attendance stays in its record, without the person's details.
    assert attended.status == Status.ATTENDED
    assert (other.status, other.access_needs) == (Status.CONFIRMED, "Theirs")
    assert other.name != DELETED_USER_NAME
    assert personal_data_collect(me)[SECTION][0]["name"] == DELETED_USER_NAME
