"""A person's own places: registering, their place's page, accepting an offer, cancelling, and
the account home's event places. Always scoped to the person: anyone else's place is 404."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

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

ANSWERS = {"name": "Sam Rivers", "role": "Social worker", "organisation_name": "Anytown Council"}


def place_urls(place: Registration) -> list[str]:
    base = f"/movement/places/{place.token}/"
    return [base, base + "event.ics", base + "accept/", base + "cancel/"]


def test_someone_elses_place_is_404_on_every_page(client):
    place = OfferedFactory(event=EventFactory(capacity=1))
    client.force_login(UserFactory())
    for url in place_urls(place):
        assert client.get(url).status_code == 404, url
    for url in place_urls(place)[2:]:  # the forms: accept and cancel
        assert client.post(url).status_code == 404, url
    place.refresh_from_db()
    assert place.status == Status.OFFERED


def test_signed_out_people_are_asked_to_sign_in(client):
    place = RegistrationFactory()
    for url in [*place_urls(place), f"{place.event.get_absolute_url()}register/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(
            "/accounts/login/?next="
        ), url


def test_register_form_is_prefilled_and_explains_why_access_needs_are_asked(client):
    user = UserFactory(full_name="Sam Rivers", job_title="Team manager")
    client.force_login(user)
    text = client.get(f"{EventFactory().get_absolute_url()}register/").content.decode()
    assert 'value="Sam Rivers"' in text and 'value="Team manager"' in text
    assert "Only the staff who run this event can see this." in text
    assert "We delete it 30 days after the event." in text
    assert 'type="radio"' not in text  # no organisations of their own: the text box alone


def test_registering_gives_a_place_and_a_confirmation_panel(client):
    event = EventFactory()
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        f"{event.get_absolute_url()}register/", {**ANSWERS, "access_needs": "A quiet room"}
    )
    place = Registration.objects.get(event=event, user=user)
    assert response["Location"] == f"/movement/places/{place.token}/"
    assert place.status == Status.CONFIRMED and place.access_needs == "A quiet room"
    assert place.organisation_name == "Anytown Council" and place.organisation is None
    text = client.get(response["Location"]).content.decode()
    assert "govuk-panel--confirmation" in text and "You have a place" in text
    assert f"/movement/places/{place.token}/event.ics" in text
    # The panel is shown once, straight after registering.
    assert "govuk-panel" not in client.get(response["Location"]).content.decode()


def test_member_chooses_one_of_their_own_organisations(client):
    membership = MembershipFactory()
    event = EventFactory()
    client.force_login(membership.user)
    text = client.get(f"{event.get_absolute_url()}register/").content.decode()
    assert membership.organisation.name in text and "Another organisation" in text
    client.post(
        f"{event.get_absolute_url()}register/",
        {**ANSWERS, "organisation": str(membership.organisation.pk)},
    )
    place = Registration.objects.get(event=event)
    assert place.organisation == membership.organisation and place.organisation_name == ""


def test_another_organisation_needs_its_name(client):
    membership = MembershipFactory()
    event = EventFactory()
    client.force_login(membership.user)
    response = client.post(
        f"{event.get_absolute_url()}register/",
        {**ANSWERS, "organisation": "another", "organisation_name": ""},
    )
    text = response.content.decode()
    assert "Enter the name of the organisation" in text and "There is a problem" in text
    assert 'value="Sam Rivers"' in text  # what they typed is kept
    assert not Registration.objects.exists()


def test_someone_elses_organisation_is_refused(client):
    event = EventFactory()
    client.force_login(MembershipFactory().user)
    other = MembershipFactory().organisation
    response = client.post(
        f"{event.get_absolute_url()}register/", {**ANSWERS, "organisation": str(other.pk)}
    )
    assert "Select one of your organisations, or type its name." in response.content.decode()
    assert not Registration.objects.exists()


def test_missing_and_overlong_answers_get_govuk_errors_and_keep_what_was_typed(client):
    event = EventFactory()
    client.force_login(UserFactory(full_name="", job_title=""))
    response = client.post(
        f"{event.get_absolute_url()}register/",
        {"name": "", "role": "", "access_needs": "x" * 1001, "dietary_needs": "No nuts"},
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Enter your name." in text and "Enter your job title or role." in text
    assert "Access needs must be 1,000 characters or fewer." in text
    assert "No nuts" in text and 'href="#id_name"' in text
    assert "<title>Error:" in text
    assert not Registration.objects.exists()


def test_registering_twice_is_refused_with_a_link_to_the_place(client):
    place = RegistrationFactory()
    client.force_login(place.user)
    url = f"{place.event.get_absolute_url()}register/"
    for response in [client.get(url), client.post(url, ANSWERS)]:
        text = response.content.decode()
        assert "You already have a place at this event." in text
        assert f"/movement/places/{place.token}/" in text
    assert Registration.objects.count() == 1


@pytest.mark.parametrize(
    ("event_kwargs", "reason"),
    [
        ({"registration_closes_at": timezone.now() - timedelta(hours=1)}, "has closed"),
        ({"starts_at": timezone.now() - timedelta(days=3)}, "This event has finished"),
    ],
)
def test_registering_after_close_or_for_a_past_event_is_refused(client, event_kwargs, reason):
    event = (PastEventFactory if "starts_at" in event_kwargs else EventFactory)(**event_kwargs)
    client.force_login(UserFactory())
    response = client.post(f"{event.get_absolute_url()}register/", ANSWERS)
    assert response.status_code == 200 and reason in response.content.decode()
    assert 'name="name"' not in response.content.decode()
    assert not Registration.objects.exists()


def test_full_event_joins_the_waiting_list_and_shows_the_position(client):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    WaitingFactory(event=event)
    client.force_login(UserFactory())
    url = f"{event.get_absolute_url()}register/"
    assert "Join the waiting list" in client.get(url).content.decode()
    response = client.post(url, ANSWERS, follow=True)
    text = response.content.decode()
    assert "You are on the waiting list" in text and "You are number <strong>2</strong>" in text
    assert "Leave the waiting list" in text and "event.ics" not in text


def test_calendar_file_is_for_a_confirmed_place_only(client):
    place = RegistrationFactory()
    client.force_login(place.user)
    response = client.get(f"/movement/places/{place.token}/event.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"BEGIN:VCALENDAR" in response.content
    waiting = WaitingFactory()
    client.force_login(waiting.user)
    assert client.get(f"/movement/places/{waiting.token}/event.ics").status_code == 404


def test_accepting_an_offer_confirms_the_place(client):
    offer = OfferedFactory(event=EventFactory(capacity=1))
    client.force_login(offer.user)
    url = f"/movement/places/{offer.token}/accept/"
    assert "Accept by" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    offer.refresh_from_db()
    assert offer.status == Status.CONFIRMED
    assert "You have a place" in response.content.decode()


def test_an_expired_offer_says_so_and_passes_the_place_on(client):
    event = EventFactory(capacity=1)
    offer = OfferedFactory(event=event, offer_expires_at=timezone.now() - timedelta(minutes=1))
    next_in_line = WaitingFactory(event=event)
    client.force_login(offer.user)
    url = f"/movement/places/{offer.token}/accept/"
    assert "This offer has expired" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 200
    assert "This offer has expired" in response.content.decode()
    offer.refresh_from_db()
    next_in_line.refresh_from_db()
    assert offer.status == Status.CANCELLED and next_in_line.status == Status.OFFERED


def test_an_offer_used_already_says_there_is_nothing_more_to_do(client):
    place = RegistrationFactory()
    client.force_login(place.user)
    response = client.post(f"/movement/places/{place.token}/accept/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "You have already accepted this place" in text and 'type="submit"' not in text


def test_cancelling_asks_first_then_offers_the_place_to_the_next_person(client):
    event = EventFactory(capacity=1)
    place = RegistrationFactory(event=event)
    next_in_line = WaitingFactory(event=event)
    client.force_login(place.user)
    url = f"/movement/places/{place.token}/cancel/"
    text = client.get(url).content.decode()
    assert "Are you sure you want to cancel your place?" in text
    assert "govuk-button--warning" in text
    place.refresh_from_db()
    assert place.status == Status.CONFIRMED  # asking changes nothing
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/"
    assert "will be offered to the next person on the waiting list" in response.content.decode()
    place.refresh_from_db()
    next_in_line.refresh_from_db()
    assert place.status == Status.CANCELLED and next_in_line.status == Status.OFFERED


def test_leaving_the_waiting_list_asks_in_its_own_words(client):
    place = WaitingFactory(event=EventFactory(capacity=1))
    client.force_login(place.user)
    url = f"/movement/places/{place.token}/cancel/"
    assert "Are you sure you want to leave the waiting list?" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "You have left the waiting list" in response.content.decode()


def test_a_cancelled_or_past_place_cannot_be_cancelled_again(client):
    cancelled = RegistrationFactory(status=Status.CANCELLED, cancelled_at=timezone.now())
    past = RegistrationFactory(event=PastEventFactory())
    for place, words in [(cancelled, "already been cancelled"), (past, "has finished")]:
        client.force_login(place.user)
        url = f"/movement/places/{place.token}/cancel/"
        for response in [client.get(url), client.post(url)]:
            assert response.status_code == 200 and words in response.content.decode()
    client.force_login(cancelled.user)
    assert (
        "Your place was cancelled"
        in client.get(f"/movement/places/{cancelled.token}/").content.decode()
    )


def test_account_home_lists_upcoming_places_with_links(client):
    user = UserFactory()
    place = RegistrationFactory(user=user, event=EventFactory(title="Spring gathering"))
    waiting = WaitingFactory(user=user, event=EventFactory(title="Summer gathering", capacity=0))
    attended = RegistrationFactory(
        user=user, status=Status.ATTENDED, event=PastEventFactory(title="Winter gathering")
    )
    client.force_login(user)
    text = client.get("/accounts/").content.decode()
    assert "Your event places" in text
    assert f"/movement/places/{place.token}/cancel/" in text and "Cancel your place" in text
    assert f"/movement/places/{waiting.token}/" in text and "Leave the waiting list" in text
    assert "Events you attended" in text and attended.event.get_absolute_url() in text


def test_account_home_query_count_does_not_grow_with_places(client):
    user = UserFactory()
    RegistrationFactory(user=user)
    client.force_login(user)
    client.get("/accounts/")  # the session's first request does more than any other
    with CaptureQueriesContext(connection) as few:
        client.get("/accounts/")
    for _ in range(4):
        RegistrationFactory(user=user)
        WaitingFactory(user=user)
        OfferedFactory(user=user)
    with CaptureQueriesContext(connection) as many:
        text = client.get("/accounts/").content.decode()
    assert text.count("/cancel/") == 13
    assert len(many) == len(few)
