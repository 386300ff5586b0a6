"""What event staff do on the day and around it: mark attendance, message everyone confirmed,
and log each download of the attendee list."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.emails import queue
from core.templatetags.govuk_dates import govuk_date
from movement import emails
from movement.models import AttendeeExport, Event, EventMessage, Registration
from movement.services import ActionRefused
from movement.services.places import locked_event

Status = Registration.Status


def attendance_refusal(event: Event) -> str:
    """Why attendance cannot be marked yet, or "": it is marked from the day of the event, since
    a place marked attended can no longer be cancelled."""
    if timezone.localdate() < timezone.localdate(event.starts_at):
        return (
            f"You can mark attendance from the day of the event, {govuk_date(event.starts_at)}. "
            "Until then, people can still cancel their places."
        )
    return ""


@transaction.atomic
def attendance_mark(*, event: Event, attended: list[int], by: User) -> int:
    """Mark these registrations (by id) as attended and the event's other confirmed places as
    not (yet) attended; returns how many are marked attended. Only confirmed places count."""
    event = locked_event(event)
    refusal = attendance_refusal(event)
    if refusal:
        raise ActionRefused(refusal)
    places = event.registrations.filter(status__in=[Status.CONFIRMED, Status.ATTENDED])
    places.filter(pk__in=attended).update(status=Status.ATTENDED, updated_at=timezone.now())
    places.exclude(pk__in=attended).filter(status=Status.ATTENDED).update(
        status=Status.CONFIRMED, updated_at=timezone.now()
    )
    return event.registrations.filter(status=Status.ATTENDED).count()


@transaction.atomic
def event_message_send(*, event: Event, subject: str, body: str, by: User) -> EventMessage:
    """Record the message and email it to everyone with a confirmed place, once it commits."""
    subject, body = subject.strip(), body.strip()
    if not subject or not body:
        raise ActionRefused("Enter a subject and a message.")
    recipients = list(event.registrations.filter(status=Status.CONFIRMED).select_related("user"))
    if not recipients:
        raise ActionRefused(
            "Nobody has a confirmed place at this event, so there is no one to send to."
        )
    message = EventMessage.objects.create(
        event=event, subject=subject, body=body, sent_by=by, recipients=len(recipients)
    )
    queue(
        emails.for_message(message, recipients),
        about={"event": event.pk, "event_message": message.pk},
    )
    return message


def attendee_export_log(
    *, event: Event, by: User, included_needs: bool, rows: int
) -> AttendeeExport:
    return AttendeeExport.objects.create(
        event=event, exported_by=by, included_needs=included_needs, rows=rows
    )
