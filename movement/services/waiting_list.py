"""The waiting list: offers that expire and pass on, staff moving people up or offering a
place by hand, and capacity changes that free places or are refused."""

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from accounts.models import User
from core.concurrency import changed_meanwhile
from movement.models import Event, Registration
from movement.services import ActionRefused
from movement.services.places import (
    end,
    held_places,
    locked_event,
    make_offer,
    offer_free_places,
    tell,
    top_priority,
)

Status = Registration.Status


def expire_offers_of(event: Event, *, now) -> int:
    """End this event's offers that ran out, and offer their places on; the event is locked."""
    expired = list(
        event.registrations.filter(status=Status.OFFERED, offer_expires_at__lte=now)
        .select_for_update()
        .order_by("offer_expires_at", "pk")
    )
    for registration in expired:
        end(registration, because=Registration.Ended.OFFER_EXPIRED, now=now)
        tell(registration, "offer_expired")
    offer_free_places(event)
    return len(expired)


def offers_expire(*, now=None) -> int:
    """The scheduled sweep: every expired offer, event by event, each in its own transaction.

    Safe to run twice at once: the event's lock puts one sweep after the other, and the second
    finds nothing left to expire.
    """
    now = now or timezone.now()
    event_ids = (
        Registration.objects.filter(status=Status.OFFERED, offer_expires_at__lte=now)
        .values_list("event_id", flat=True)
        .distinct()
    )
    count = 0
    for event in Event.objects.filter(pk__in=list(event_ids)):
        with transaction.atomic():
            count += expire_offers_of(locked_event(event), now=now)
    return count


def _locked_waiting(registration: Registration) -> tuple[Event, Registration]:
    event = locked_event(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Status.WAITING:
        raise ActionRefused(
            f"{registration.name} is no longer on the waiting list "
            f"({registration.get_status_display().lower()})."
        )
    return event, registration


@transaction.atomic
def waiting_move_to_top(*, registration: Registration, by: User) -> Registration:
    """Put a person first on the waiting list, ahead of everyone now waiting."""
    event, registration = _locked_waiting(registration)
    registration.waiting_priority = top_priority(event)
    registration.save(update_fields=["waiting_priority", "updated_at"])
    return registration


@transaction.atomic
def offer_by_hand(*, registration: Registration, by: User) -> Registration:
    """Offer this person a place now, out of turn. If the event is full, that adds a place."""
    event, registration = _locked_waiting(registration)
    now = timezone.now()
    if now >= event.closes_at:
        raise ActionRefused("Registration for this event has closed, so no place can be offered.")
    if held_places(event) >= event.capacity:
        event.capacity = held_places(event) + 1
        event.version += 1
        event.save(update_fields=["capacity", "version", "updated_at"])
    make_offer(event, registration, now)
    return registration


def capacity_refusal(event: Event, capacity: int) -> str:
    """Why the event cannot have this many places, or "" if it can; the event is locked."""
    counts = event.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status__in=[Status.CONFIRMED, Status.ATTENDED])),
        offered=Count("pk", filter=Q(status=Status.OFFERED)),
    )
    confirmed, offered = counts["confirmed"], counts["offered"]
    if capacity >= confirmed + offered:
        return ""
    held = f"{confirmed} confirmed places"
    if offered:
        held += f" and {offered} open offers"
    return (
        f"Places must be at least {confirmed + offered}: the event has {held}. Cancel "
        "registrations first if fewer people can come."
    )


@transaction.atomic
def event_capacity_change(*, event: Event, capacity: int, seen_version: int | None = None) -> Event:
    """Set the number of places: never below the places held, and any new place is offered."""
    locked = locked_event(event)
    if seen_version is not None and locked.version != seen_version:
        raise changed_meanwhile("this event", f"It now has {locked.capacity} places.")
    refusal = capacity_refusal(locked, capacity)
    if refusal:
        raise ActionRefused(refusal)
    if capacity != locked.capacity:
        locked.capacity = capacity
        locked.version += 1
        locked.save(update_fields=["capacity", "version", "updated_at"])
    offer_free_places(locked)
    return locked
