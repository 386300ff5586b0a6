"""The Movement's emails, one for each step of a place: confirmed, on the waiting list,
offered, offer expired, cancelled, reminded; and staff messages to everyone confirmed.

Each is worded by templates/movement/email/<kind>_subject.txt and _message.txt and sent
through core.emails. Links go to SITE_URL, never to the request's host. A confirmed place
carries the event as an .ics invitation.
"""

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse

from core.emails import Email
from core.links import absolute_url
from movement.calendar import event_calendar
from movement.models import EventMessage, Registration

KINDS = ("confirmed", "waiting", "offered", "offer_expired", "cancelled", "reminder")
WITH_INVITATION = ("confirmed", "reminder")


def _links(registration: Registration) -> dict:
    token = registration.token
    return {
        "event_url": absolute_url(registration.event.get_absolute_url()),
        "place_url": absolute_url(reverse("movement:place_detail", kwargs={"token": token})),
        "cancel_url": absolute_url(reverse("movement:place_cancel", kwargs={"token": token})),
        "accept_url": absolute_url(reverse("movement:offer_accept", kwargs={"token": token})),
        "events_url": absolute_url(reverse("movement:event_list")),
    }


def _context(registration: Registration) -> dict:
    event = registration.event
    return {
        "registration": registration,
        "event": event,
        "venue_lines": [line.strip() for line in event.venue_address.splitlines() if line.strip()],
        "team_email": settings.MOVEMENT_TEAM_EMAIL,
        **_links(registration),
    }


def for_registration(
    registration: Registration, kind: str, *, position: int | None = None
) -> list[Email]:
    """The email about this step of the person's place; `position` on the waiting list."""
    if kind not in KINDS:
        raise ValueError(f"No Movement email called {kind!r}.")
    context = _context(registration)
    if kind == "waiting":
        context["position"] = position
    attachments = ()
    if kind in WITH_INVITATION:
        attachments = (("event.ics", event_calendar(registration.event), "text/calendar"),)
    return [
        Email(
            f"movement/email/{kind}",
            registration.user.email,
            context,
            attachments=attachments,
            reply_to=(settings.MOVEMENT_TEAM_EMAIL,),
        )
    ]


def for_message(message: EventMessage, registrations: Iterable[Registration]) -> list[Email]:
    """A staff message, to each person with a confirmed place."""
    return [
        Email(
            "movement/email/message",
            registration.user.email,
            {**_context(registration), "message": message},
            reply_to=(settings.MOVEMENT_TEAM_EMAIL,),
        )
        for registration in registrations
    ]
