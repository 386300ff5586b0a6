"""The Movement's section of the account home: the person's places at events still to come,
and those they attended. One query, however many places. Registered in MovementConfig.ready()."""

from django.db.models import Q
from django.utils import timezone

from accounts.account_home import Section
from accounts.models import User
from movement.models import Registration

PLACES_ORDER = 30
Status = Registration.Status


def places_section(user: User) -> Section | None:
    """Left out for someone who has never registered for an event."""
    now = timezone.now()
    places = list(
        Registration.objects.for_user(user)
        .filter(
            Q(event__ends_at__gte=now, status__in=Status.active())
            | Q(event__ends_at__lt=now, status=Status.ATTENDED)
        )
        .order_by("event__starts_at", "pk")
    )
    if not places:
        return None
    upcoming = [place for place in places if place.event.ends_at >= now]
    attended = [place for place in places if place.event.ends_at < now]
    return Section(
        "movement/includes/account_home_places.html",
        {"upcoming_places": upcoming, "attended_places": attended},
    )
