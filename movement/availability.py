"""How an event's places are shown: honestly, in the same words on every page.

"Places available", "Few places left" (under a tenth of the places free) or "Full: join the
waiting list", with the number waiting; or why nobody can register now. Each event's counts come
from `Event.objects.with_places()`, so a list of events shows them without a query each.
"""

from dataclasses import dataclass

from movement.models import Event, Registration
from movement.models.events import FEW_PLACES_SHARE

AVAILABLE = "Places available"
FEW_LEFT = "Few places left"
FULL = "Full: join the waiting list"
CLOSED = "Registration has closed"
FINISHED = "This event has finished"


@dataclass(frozen=True)
class Availability:
    """What the event's places look like to someone deciding whether to register."""

    label: str
    colour: str  # the GOV.UK tag's colour modifier
    free: int
    waiting: int
    # A new registration would join the waiting list rather than get a place.
    joins_waiting_list: bool
    can_register: bool

    @property
    def waiting_sentence(self) -> str:
        if not self.waiting:
            return ""
        people = "person is" if self.waiting == 1 else "people are"
        return f"{self.waiting} {people} on the waiting list."


def _counts(event: Event) -> tuple[int, int]:
    """Places held and people waiting: from with_places() if the event has them, else counted."""
    if hasattr(event, "held") and hasattr(event, "waiting"):
        return event.held, event.waiting
    statuses = Registration.Status
    return (
        event.registrations.filter(status__in=statuses.holding()).count(),
        event.registrations.filter(status=statuses.WAITING).count(),
    )


def is_few(free: int, capacity: int) -> bool:
    return 0 < free < capacity * FEW_PLACES_SHARE


def availability(event: Event) -> Availability:
    held, waiting = _counts(event)
    free = max(event.capacity - held, 0)
    # Someone already waiting comes before a newcomer, even when a place is briefly free.
    full = free == 0 or waiting > 0
    if event.has_finished:
        label, colour = FINISHED, "grey"
    elif not event.registration_is_open:
        label, colour = CLOSED, "grey"
    elif full:
        label, colour = FULL, "orange"
    elif is_few(free, event.capacity):
        label, colour = FEW_LEFT, "yellow"
    else:
        label, colour = AVAILABLE, "green"
    return Availability(
        label=label,
        colour=colour,
        free=free,
        waiting=waiting,
        joins_waiting_list=full,
        can_register=event.registration_is_open and not event.has_finished,
    )
