"""The Movement's part of a person's data: their event registrations, for "download your data",
and what deleting their account does to them. Registered in MovementConfig.ready()."""

from django.utils import timezone

from accounts.models import User
from movement.models import Registration
from movement.services.registrations import registration_cancel


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def registrations_of(user: User) -> list[dict]:
    return [
        {
            "event": registration.event.title,
            "event_starts": _iso(registration.event.starts_at),
            "status": registration.get_status_display(),
            "name": registration.name,
            "role": registration.role,
            "organisation": registration.organisation_label,
            "access_needs": registration.access_needs,
            "dietary_needs": registration.dietary_needs,
            "registered_at": _iso(registration.created_at),
        }
        for registration in Registration.objects.for_user(user).select_related("organisation")
    ]


def cancel_places_of(user: User) -> None:
    """Free the person's places at events to come, so they go to the waiting list, and forget
    what they told us about themselves on every registration."""
    now = timezone.now()
    live = Registration.objects.for_user(user).filter(
        event__ends_at__gte=now,
        status__in=[
            Registration.Status.CONFIRMED,
            Registration.Status.WAITING,
            Registration.Status.OFFERED,
        ],
    )
    for registration in live:
        registration_cancel(registration=registration, because=Registration.Ended.ACCOUNT_DELETED)
    Registration.objects.filter(user=user).update(
        name="Deleted user",
        role="",
        organisation_name="",
        organisation=None,
        access_needs="",
        dietary_needs="",
        needs_deleted_at=now,
    )
