"""What a person does with a place: register, accept an offer, cancel."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Organisation, User
from movement.models import Event, Registration
from movement.services import ActionRefused
from movement.services.places import end, locked_event, offer_free_places, tell
from movement.services.waiting_list import expire_offers_of

Status = Registration.Status

ALREADY = {
    Status.CONFIRMED: "You already have a place at this event.",
    Status.ATTENDED: "You already have a place at this event.",
    Status.WAITING: "You are already on the waiting list for this event.",
    Status.OFFERED: "You have already been offered a place at this event: accept it from your "
    "event places.",
}


def registration_refusal(event: Event, user: User) -> str:
    """Why this person cannot register for this event now, or "" if they can."""
    if not event.is_published:
        return "This event is not open for registration."
    if event.has_finished:
        return "This event has finished, so you cannot register for it."
    if not event.registration_is_open:
        return "Registration for this event has closed."
    live = event.registrations.active().filter(user=user).first()
    if live is not None:
        return ALREADY[live.status]
    return ""


@transaction.atomic
def registration_create(
    *,
    event: Event,
    user: User,
    name: str,
    role: str,
    organisation: Organisation | None = None,
    organisation_name: str = "",
    access_needs: str = "",
    dietary_needs: str = "",
) -> Registration:
    """A confirmed place if one is free and nobody is waiting for it, else a place in line."""
    event = locked_event(event)
    refusal = registration_refusal(event, user)
    if refusal:
        raise ActionRefused(refusal)
    if (
        organisation is not None
        and not Organisation.objects.for_user(user).filter(pk=organisation.pk).exists()
    ):
        raise ActionRefused("Select one of your own organisations, or type its name.")
    now = timezone.now()
    someone_waiting = event.registrations.filter(status=Status.WAITING).exists()
    has_room = event.registrations.holding().count() < event.capacity
    confirmed = has_room and not someone_waiting
    registration = Registration(
        event=event,
        user=user,
        name=name,
        role=role,
        organisation=organisation,
        organisation_name="" if organisation is not None else organisation_name,
        access_needs=access_needs,
        dietary_needs=dietary_needs,
        status=Status.CONFIRMED if confirmed else Status.WAITING,
        confirmed_at=now if confirmed else None,
        waiting_since=None if confirmed else now,
        created_at=now,
    )
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:  # the constraint, should two requests of one person race
        raise ActionRefused(ALREADY[Status.CONFIRMED]) from None
    tell(registration, "confirmed" if confirmed else "waiting")
    return registration


def _locked(registration: Registration) -> tuple[Event, Registration]:
    event = locked_event(registration.event)
    return event, Registration.objects.select_for_update().get(pk=registration.pk)


@transaction.atomic
def registration_cancel(
    *, registration: Registration, because: str = Registration.Ended.BY_PERSON
) -> Registration:
    """Give up a place, an offer or a place in line; a freed place is offered at once.

    `because` says who ended it: the person, staff, or the deletion of their account (which
    sends them nothing).
    """
    event, registration = _locked(registration)
    if registration.status not in (Status.CONFIRMED, Status.OFFERED, Status.WAITING):
        if registration.status == Status.CANCELLED:
            raise ActionRefused("This place has already been cancelled.")
        raise ActionRefused("This event has taken place, so the place cannot be cancelled.")
    if event.has_finished:
        raise ActionRefused("This event has finished, so the place cannot be cancelled.")
    end(registration, because=because, now=timezone.now())
    if because != Registration.Ended.ACCOUNT_DELETED:
        tell(registration, "cancelled")
    offer_free_places(event)
    return registration


def offer_refusal(registration: Registration, now=None) -> str:
    """Why this offer cannot be accepted, or "" if it can."""
    if registration.status in (Status.CONFIRMED, Status.ATTENDED):
        return "You have already accepted this place. There is nothing more to do."
    if registration.status == Status.CANCELLED:
        if registration.ended_because == Registration.Ended.OFFER_EXPIRED:
            return (
                "This offer has expired, so the place has been offered to the next person "
                "on the waiting list."
            )
        return "This place was cancelled, so the offer can no longer be accepted."
    if registration.status == Status.WAITING:
        return "You have not been offered a place yet. We will email you when you are."
    if registration.offer_has_expired(now):
        return (
            "This offer has expired, so the place is being offered to the next person on the "
            "waiting list."
        )
    return ""


def offer_accept(*, registration: Registration) -> Registration:
    """Take up an offered place while the offer lasts. An expired offer passes on instead,
    and that stands even though the person is told no."""
    with transaction.atomic():
        event, registration = _locked(registration)
        now = timezone.now()
        refusal = offer_refusal(registration, now)
        if refusal and registration.offer_has_expired(now):
            expire_offers_of(event, now=now)
        elif refusal:
            raise ActionRefused(refusal)
        else:
            registration.status = Status.CONFIRMED
            registration.confirmed_at = now
            registration.save(update_fields=["status", "confirmed_at", "updated_at"])
            tell(registration, "confirmed")
            return registration
    raise ActionRefused(refusal)
