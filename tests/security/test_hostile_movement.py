"""Hostile input to the Movement's pages: the registration form, tampered event and place
addresses, and the accept and cancel buttons sent whatever a form can carry."""

from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from movement.models import Registration
from tests.accounts.factories import MembershipFactory, UserFactory
from tests.movement.factories import EventFactory, OfferedFactory, RegistrationFactory
from tests.security.test_hostile_input import (
    assert_kept,
    body,
    each_example,
    examples,
    field_value,
    form,
    hostile_client,
    hostile_text,
    marked_text,
    signed_in,
    typed,
)

pytestmark = pytest.mark.django_db
Status = Registration.Status
TYPED_FIELDS = ["name", "role", "organisation_name", "access_needs", "dietary_needs"]


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def person():
    return MembershipFactory().user


def places(event) -> list:
    return list(event.registrations.values_list("user_id", "status", "name", "organisation_id"))


@examples(40)
@given(
    data=form(
        name=st.just("Sam Rivers"),
        role=st.just("Social worker"),
        organisation=st.sampled_from(["mine", "theirs", "another", "none", ""]),
        organisation_name=st.one_of(st.just("Anytown Council"), field_value),
        access_needs=st.one_of(st.just(""), hostile_text),
        dietary_needs=st.one_of(st.just(""), hostile_text),
    ),
    full=st.booleans(),
)
def test_registering_makes_one_place_or_none_and_keeps_what_was_typed(person, data, full):
    with each_example():
        event = EventFactory(capacity=1)
        if full:
            RegistrationFactory(event=event)
        organisations = {
            "mine": person.memberships.get().organisation_id,
            "theirs": MembershipFactory().organisation_id,
        }
        posted = {k: organisations.get(typed(v), v) for k, v in data.items()}
        before = places(event)
        response = signed_in(person).post(f"{event.get_absolute_url()}register/", posted)
        page = body(response)
        after = places(event)
        if response.status_code == 302:
            (mine,) = [row for row in after if row[0] == person.pk]
            assert mine[1] == (Status.WAITING if full else Status.CONFIRMED)
            assert mine[3] in (None, organisations["mine"])  # never someone else's
            assert len(after) == len(before) + 1
        else:
            assert after == before
            assert_kept(page, posted, *TYPED_FIELDS)


PLACE_PATHS = (
    "/movement/events/{}/",
    "/movement/events/{}/register/",
    "/movement/events/{}/documents/{}/",
    "/movement/places/{}/",
    "/movement/places/{}/event.ics",
    "/movement/places/{}/accept/",
    "/movement/places/{}/cancel/",
)


@examples(30)
@given(template=st.sampled_from(PLACE_PATHS), segment=st.one_of(hostile_text, marked_text))
def test_tampered_event_and_place_addresses_are_not_found(person, template, segment):
    url = template.format(*[quote(segment, safe="")] * template.count("{}"))
    with each_example():
        for client in [hostile_client(), signed_in(person)]:
            response = client.get(url)
            body(response)
            assert response.status_code in (302, 404)


@examples(25)
@given(extra=form(token=hostile_text, status=st.just("confirmed"), user=hostile_text))
def test_someone_elses_offer_and_place_cannot_be_taken_or_cancelled(person, extra):
    with each_example():
        offer = OfferedFactory(event=EventFactory(capacity=1))
        place = RegistrationFactory()
        for url in [
            f"/movement/places/{offer.token}/accept/",
            f"/movement/places/{place.token}/cancel/",
        ]:
            response = signed_in(UserFactory()).post(url, extra)
            body(response)
            assert response.status_code == 404
        offer.refresh_from_db()
        place.refresh_from_db()
        assert (offer.status, place.status) == (Status.OFFERED, Status.CONFIRMED)


@examples(20)
@given(extra=form(status=st.sampled_from(Status.values), offer_expires_at=hostile_text))
def test_accepting_and_cancelling_ignore_whatever_else_is_posted(extra):
    with each_example():
        offer = OfferedFactory(event=EventFactory(capacity=1))
        response = signed_in(offer.user).post(f"/movement/places/{offer.token}/accept/", extra)
        body(response)
        offer.refresh_from_db()
        assert offer.status == Status.CONFIRMED
        response = signed_in(offer.user).post(f"/movement/places/{offer.token}/cancel/", extra)
        body(response)
        offer.refresh_from_db()
        assert offer.status == Status.CANCELLED
        assert offer.ended_because == Registration.Ended.BY_PERSON
