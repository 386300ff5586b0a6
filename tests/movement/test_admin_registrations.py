"""The registration admin: the list with places in line, the three actions through their
services, and access and dietary needs shown only to staff who may see them."""

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from movement.models import Event, Registration
from movement.services.places import waiting_position
from tests.accounts.factories import UserFactory
from tests.movement.factories import (
    EventFactory,
    OfferedFactory,
    PastEventFactory,
    RegistrationFactory,
    WaitingFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_two_factor_gate")]
LIST = "/admin/movement/registration/"
Status = Registration.Status
NEEDS = "Needs a hearing loop Quokka"
DIET = "No nuts Wombat"


def staff_without_needs(**kwargs):
    """Staff who help with events but may not see access or dietary needs."""
    user = UserFactory(is_staff=True, **kwargs)
    codenames = ["view_event", "view_registration", "change_registration", "export_registration"]
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="movement", codename__in=codenames)
    )
    return user


def act(client, action: str, *registrations, **extra):
    data = {"action": action, "_selected_action": [r.pk for r in registrations], **extra}
    return client.post(LIST, data, follow=True)


def test_list_shows_each_place_in_line_and_each_offer_deadline(client, organiser):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event, name="Ada Confirmed", organisation_name="Leeds")
    first = WaitingFactory(event=event, name="Bo Waiting")
    second = WaitingFactory(event=event, name="Cy Waiting")
    # Moved up by staff: first in line now.
    WaitingFactory(event=event, name="Di Moved", waiting_priority=1)
    OfferedFactory(event=EventFactory(), name="Ed Offered")
    page = client.get(LIST).content.decode()
    assert "Number 2 on the waiting list" in page and "Number 3 on the waiting list" in page
    assert "Number 1 on the waiting list" in page
    assert "Offer open until" in page
    listed = {r.pk: r.waiting_position for r in client.get(LIST).context["cl"].result_list}
    assert listed[first.pk] == waiting_position(first) == 2
    assert listed[second.pk] == waiting_position(second) == 3


def test_list_query_count_does_not_grow_with_registrations(client, organiser):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        return len(queries)

    event = EventFactory(capacity=2)
    RegistrationFactory(event=event)
    WaitingFactory(event=event)
    count()
    few = count()
    RegistrationFactory.create_batch(5, event=event)
    WaitingFactory.create_batch(5, event=event)
    OfferedFactory.create_batch(3, event=EventFactory())
    assert count() == few


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("?status__exact=waiting", "Bo Waiting", "Ada Confirmed"),
        ("?q=leeds", "Ada Confirmed", "Bo Waiting"),
        ("?q=bo@example.org", "Bo Waiting", "Ada Confirmed"),
    ],
)
def test_list_filters_and_search(client, organiser, query, shown, hidden):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event, name="Ada Confirmed", organisation_name="Leeds")
    WaitingFactory(event=event, name="Bo Waiting", user__email="bo@example.org")
    page = client.get(LIST + query).content.decode()
    assert shown in page and hidden not in page


def test_list_filters_by_event(client, organiser):
    one, other = EventFactory(), EventFactory()
    RegistrationFactory(event=one, name="At the first")
    RegistrationFactory(event=other, name="At the second")
    page = client.get(f"{LIST}?event__id__exact={one.pk}").content.decode()
    assert "At the first" in page and "At the second" not in page


def test_moving_someone_to_the_top_goes_through_the_service(client, organiser):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    WaitingFactory(event=event)
    last = WaitingFactory(event=event, name="Last In Line")
    page = act(client, "move_to_top", last).content.decode()
    assert "Moved to the top of the waiting list: 1 place." in page
    assert waiting_position(Registration.objects.get(pk=last.pk)) == 1


def test_an_offer_by_hand_adds_a_place_when_the_event_is_full(
    client, organiser, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    waiting = WaitingFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        page = act(client, "offer_now", waiting).content.decode()
    assert "Offered a place: 1 place." in page
    assert Registration.objects.get(pk=waiting.pk).status == Status.OFFERED
    assert Event.objects.get(pk=event.pk).capacity == 2
    assert [m.to for m in mail.outbox] == [[waiting.user.email]]


def test_refusals_are_shown_as_errors_and_change_nothing(client, organiser):
    confirmed = RegistrationFactory(name="Already Confirmed")
    page = act(client, "offer_now", confirmed).content.decode()
    assert "Already Confirmed is no longer on the waiting list (confirmed)." in page
    assert 'class="error"' in page
    cancelled = RegistrationFactory(name="Gone Away", status=Status.CANCELLED)
    page = act(client, "cancel_places", cancelled, confirmed="yes").content.decode()
    assert "Gone Away: This place has already been cancelled." in page


def test_cancelling_asks_first_then_cancels_and_offers_the_place_on(
    client, organiser, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=1)
    place = RegistrationFactory(event=event, name="Leaving Person")
    waiting = WaitingFactory(event=event)
    check = act(client, "cancel_places", place)
    assert "Yes, cancel this place" in check.content.decode()
    assert Registration.objects.get(pk=place.pk).status == Status.CONFIRMED
    with django_capture_on_commit_callbacks(execute=True):
        page = act(client, "cancel_places", place, confirmed="yes").content.decode()
    assert "Cancelled: 1 place." in page
    cancelled = Registration.objects.get(pk=place.pk)
    assert cancelled.status == Status.CANCELLED
    assert cancelled.ended_because == Registration.Ended.BY_STAFF
    assert Registration.objects.get(pk=waiting.pk).status == Status.OFFERED
    assert sorted(m.to[0] for m in mail.outbox) == sorted([place.user.email, waiting.user.email])


def test_nobody_adds_edits_or_deletes_a_registration(client, organiser, superuser):
    place = RegistrationFactory()
    for user in (organiser, superuser):
        client.force_login(user)
        assert client.get(f"{LIST}add/").status_code == 403
        assert client.get(f"{LIST}{place.pk}/delete/").status_code == 403
        response = client.post(f"{LIST}{place.pk}/change/", {"status": "attended"})
        assert response.status_code == 403
    assert Registration.objects.get(pk=place.pk).status == Status.CONFIRMED


def test_organisers_see_access_and_dietary_needs_on_the_change_page(client, organiser):
    place = RegistrationFactory(access_needs=NEEDS, dietary_needs=DIET)
    page = client.get(f"{LIST}{place.pk}/change/").content.decode()
    assert NEEDS in page and DIET in page


def test_staff_without_the_permission_never_see_needs(client):
    place = RegistrationFactory(access_needs=NEEDS, dietary_needs=DIET, name="Private Person")
    client.force_login(staff_without_needs())
    pages = [
        client.get(LIST).content.decode(),
        client.get(f"{LIST}{place.pk}/change/").content.decode(),
        client.get(f"{LIST}{place.pk}/history/").content.decode(),
    ]
    assert all("Private Person" in page for page in pages)
    assert not any(NEEDS in page or DIET in page for page in pages)
    assert "Access and dietary needs" not in pages[1]


@pytest.mark.parametrize("lookup", ["access_needs__icontains", "dietary_needs__startswith"])
def test_nobody_filters_registrations_by_their_needs(client, organiser, lookup):
    RegistrationFactory(access_needs=NEEDS, dietary_needs=DIET)
    assert client.get(f"{LIST}?{lookup}=N").status_code == 400


def test_actions_are_logged_in_the_history_without_needs(client, organiser):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    waiting = WaitingFactory(event=event, access_needs=NEEDS)
    act(client, "move_to_top", waiting)
    client.force_login(staff_without_needs())
    history = client.get(f"{LIST}{waiting.pk}/history/").content.decode()
    assert "Moved to the top of the waiting list" in history and NEEDS not in history


def test_a_past_event_place_cannot_be_cancelled_by_staff(client, organiser):
    place = RegistrationFactory(event=PastEventFactory(), name="Came Along")
    page = act(client, "cancel_places", place, confirmed="yes").content.decode()
    assert "Came Along: This event has finished, so the place cannot be cancelled." in page
    assert Registration.objects.get(pk=place.pk).status == Status.CONFIRMED
