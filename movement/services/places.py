"""Counting and handing out an event's places, under the event's lock; and telling people.

Every service that changes who holds a place calls `locked_event` first and `offer_free_places`
last, so a place freed by any means goes to the next person waiting, at once.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Max, Q
from django.utils import timezone

from core.emails import queue
from movement import emails
from movement.models import Event, Registration

Status = Registration.Status


def locked_event(event: Event) -> Event:
    """The event's row, locked until the transaction ends: the one lock on its places."""
    return Event.objects.select_for_update().get(pk=event.pk)


def held_places(event: Event) -> int:
    return event.registrations.holding().count()


def free_places(event: Event) -> int:
    return max(event.capacity - held_places(event), 0)


def tell(registration: Registration, kind: str) -> None:
    """Email the person about their place once the change commits (movement.emails words it)."""
    position = waiting_position(registration) if kind == "waiting" else None
    queue(
        emails.for_registration(registration, kind, position=position),
        about={"event": registration.event_id, "registration": registration.pk, "kind": kind},
    )


def offer_expiry(event: Event, now) -> timezone.datetime:
    """An offer lasts MOVEMENT_OFFER_HOURS, but never past the close of registration."""
    return min(now + timedelta(hours=settings.MOVEMENT_OFFER_HOURS), event.closes_at)


def make_offer(event: Event, registration: Registration, now) -> None:
    registration.status = Status.OFFERED
    registration.offered_at = now
    registration.offer_expires_at = offer_expiry(event, now)
    registration.save(update_fields=["status", "offered_at", "offer_expires_at", "updated_at"])
    tell(registration, "offered")


def offer_free_places(event: Event) -> list[Registration]:
    """Offer each free place to the next person waiting; the event must be locked.

    Nothing is offered once registration has closed: there would be no time to accept.
    """
    now = timezone.now()
    if now >= event.closes_at:
        return []
    free = free_places(event)
    if free <= 0:
        return []
    offered = list(event.registrations.waiting_in_order()[:free])
    for registration in offered:
        make_offer(event, registration, now)
    return offered


def end(registration: Registration, *, because: str, now) -> None:
    registration.status = Status.CANCELLED
    registration.cancelled_at = now
    registration.ended_because = because
    registration.save(update_fields=["status", "cancelled_at", "ended_because", "updated_at"])


def top_priority(event: Event) -> int:
    """A priority above everyone now waiting, to put someone first in line."""
    highest = event.registrations.waiting_in_order().aggregate(top=Max("waiting_priority"))["top"]
    return (highest or 0) + 1


def waiting_position(registration: Registration) -> int | None:
    """Where the person stands on the waiting list, 1 being next; None if not waiting."""
    if registration.status != Status.WAITING:
        return None
    same = Q(waiting_priority=registration.waiting_priority)
    earlier = Q(waiting_since__lt=registration.waiting_since) | Q(
        waiting_since=registration.waiting_since, pk__lt=registration.pk
    )
    ahead = registration.event.registrations.filter(status=Status.WAITING).filter(
        Q(waiting_priority__gt=registration.waiting_priority) | (same & earlier)
    )
    return ahead.count() + 1
