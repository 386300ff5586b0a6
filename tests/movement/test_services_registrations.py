"""Registering, accepting an offer and cancelling: who gets a place, who waits, who is refused."""

from datetime import timedelta

import pytest
from django.utils import timezone

from movement.models import Registration
from movement.services import ActionRefused
from movement.services.places import waiting_position
from movement.services.registrations import (
    offer_accept,
    registration_cancel,
    registration_create,
)
from tests.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.movement.factories import (
    EventFactory,
    OfferedFactory,
    PastEventFactory,
    RegistrationFactory,
    WaitingFactory,
)

pytestmark = pytest.mark.django_db
Status = Registration.Status


def register(event, user=None, **answers):
    answers = {"name": "Sam Practitioner", "role": "Social worker", **answers}
    return registration_create(event=event, user=user or UserFactory(), **answers)


def test_a_free_place_is_confirmed_and_the_person_is_emailed_with_an_invitation(sent):
    event = EventFactory(capacity=2)
    registration = sent(lambda: register(event, organisation_name="Anytown Council"))
    assert registration.status == Status.CONFIRMED
    assert registration.confirmed_at is not None
    [email] = sent.outbox
    assert email.to == [registration.user.email]
    assert email.subject.startswith(f"You have a place at {event.title}")
    assert [name for name, *_ in email.attachments] == ["event.ics"]


def test_a_full_event_puts_the_person_on_the_waiting_list_with_their_position(sent):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    first = register(event)
    second = sent(lambda: register(event))
    assert (first.status, second.status) == (Status.WAITING, Status.WAITING)
    assert (waiting_position(first), waiting_position(second)) == (1, 2)
    assert "You are number 2 on the list" in sent.outbox[0].body


def test_nobody_jumps_the_queue_while_an_offer_is_out():
    event = EventFactory(capacity=1)
    OfferedFactory(event=event)
    assert register(event).status == Status.WAITING


def test_registering_twice_is_refused_whatever_the_first_place_is():
    event = EventFactory(capacity=1)
    person = UserFactory()
    register(event, person)
    with pytest.raises(ActionRefused, match="already have a place"):
        register(event, person)
    waiting = UserFactory()
    register(event, waiting)
    with pytest.raises(ActionRefused, match="already on the waiting list"):
        register(event, waiting)
    assert event.registrations.count() == 2


def test_someone_who_cancelled_may_register_again():
    event = EventFactory()
    person = UserFactory()
    registration_cancel(registration=register(event, person))
    assert register(event, person).status == Status.CONFIRMED


@pytest.mark.parametrize(
    ("event_kwargs", "message"),
    [
        ({"is_published": False}, "not open for registration"),
        ({"registration_closes_at": timezone.now() - timedelta(hours=1)}, "has closed"),
    ],
)
def test_registration_is_refused_when_it_is_not_open(event_kwargs, message):
    with pytest.raises(ActionRefused, match=message):
        register(EventFactory(**event_kwargs))


def test_a_past_event_refuses_registration():
    with pytest.raises(ActionRefused, match="has finished"):
        register(PastEventFactory())


def test_an_organisation_must_be_one_of_the_persons_own():
    person = UserFactory()
    MembershipFactory(user=person)
    with pytest.raises(ActionRefused, match="your own organisations"):
        register(EventFactory(), person, organisation=OrganisationFactory())
    own = MembershipFactory(user=person).organisation
    registration = register(EventFactory(), person, organisation=own, organisation_name="ignored")
    assert (registration.organisation, registration.organisation_name) == (own, "")


def test_cancelling_a_place_offers_it_at_once_to_the_next_person_waiting(sent, settings):
    settings.MOVEMENT_OFFER_HOURS = 48
    event = EventFactory(capacity=1)
    place = RegistrationFactory(event=event)
    later = WaitingFactory(event=event, waiting_since=timezone.now())
    first = WaitingFactory(event=event, waiting_since=timezone.now() - timedelta(hours=1))
    sent(lambda: registration_cancel(registration=place))
    first.refresh_from_db()
    later.refresh_from_db()
    assert first.status == Status.OFFERED
    assert later.status == Status.WAITING
    assert first.offer_expires_at - first.offered_at == timedelta(hours=48)
    subjects = {email.to[0]: email.subject for email in sent.outbox}
    assert subjects[place.user.email] == f"You have cancelled your place at {event.title}"
    assert subjects[first.user.email].startswith(f"A place at {event.title} is yours")
    offer = next(email for email in sent.outbox if email.to == [first.user.email])
    assert f"/movement/places/{first.token}/accept/" in offer.body


def test_an_offer_never_lasts_past_the_close_of_registration(settings):
    settings.MOVEMENT_OFFER_HOURS = 48
    closes = timezone.now() + timedelta(hours=5)
    event = EventFactory(capacity=1, registration_closes_at=closes)
    place = RegistrationFactory(event=event)
    waiting = WaitingFactory(event=event)
    registration_cancel(registration=place)
    waiting.refresh_from_db()
    assert waiting.offer_expires_at == closes


def test_no_place_is_offered_once_registration_has_closed():
    event = EventFactory(capacity=1, registration_closes_at=timezone.now() - timedelta(minutes=1))
    place = RegistrationFactory(event=event)
    waiting = WaitingFactory(event=event)
    registration_cancel(registration=place)
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITING


def test_accepting_an_offer_in_time_confirms_the_place(sent):
    offer = OfferedFactory()
    accepted = sent(lambda: offer_accept(registration=offer))
    assert accepted.status == Status.CONFIRMED
    assert sent.outbox[0].subject.startswith("You have a place")


def test_an_offer_used_already_says_there_is_nothing_more_to_do():
    offer = OfferedFactory()
    offer_accept(registration=offer)
    with pytest.raises(ActionRefused, match="already accepted"):
        offer_accept(registration=offer)


def test_accepting_an_expired_offer_is_refused_and_the_place_passes_on(sent):
    event = EventFactory(capacity=1)
    offer = OfferedFactory(event=event, offer_expires_at=timezone.now() - timedelta(minutes=1))
    next_in_line = WaitingFactory(event=event)
    with pytest.raises(ActionRefused, match="has expired"):
        sent(lambda: offer_accept(registration=offer))
    offer.refresh_from_db()
    next_in_line.refresh_from_db()
    assert (offer.status, offer.ended_because) == (Status.CANCELLED, "offer_expired")
    assert next_in_line.status == Status.OFFERED
    # and the expired offer, tried again, still says so
    with pytest.raises(ActionRefused, match="has expired"):
        offer_accept(registration=offer)


def test_declining_an_offer_passes_it_on():
    event = EventFactory(capacity=1)
    offer = OfferedFactory(event=event)
    next_in_line = WaitingFactory(event=event)
    registration_cancel(registration=offer)
    next_in_line.refresh_from_db()
    assert next_in_line.status == Status.OFFERED


def test_leaving_the_waiting_list_moves_the_others_up():
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    first = register(event)
    second = register(event)
    registration_cancel(registration=first)
    assert waiting_position(Registration.objects.get(pk=second.pk)) == 1


def test_a_cancelled_place_cannot_be_cancelled_again():
    place = RegistrationFactory()
    registration_cancel(registration=place)
    with pytest.raises(ActionRefused, match="already been cancelled"):
        registration_cancel(registration=place)


def test_a_place_at_a_finished_event_cannot_be_cancelled():
    place = RegistrationFactory(event=PastEventFactory())
    with pytest.raises(ActionRefused, match="has finished"):
        registration_cancel(registration=place)
