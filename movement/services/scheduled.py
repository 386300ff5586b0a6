"""The scheduled jobs besides the offer sweep: reminders two days before, and deleting access
and dietary needs 30 days after the event. Each is safe to run twice, and twice at once."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from movement.models import Event, Registration
from movement.services.places import tell

Status = Registration.Status
REMINDER_BEFORE = timedelta(days=2)
NEEDS_KEPT_FOR = timedelta(days=30)


def reminders_send(*, now=None) -> int:
    """Remind everyone confirmed for an event that starts within two days, once each.

    Each reminder is claimed by a conditional update before it is sent, so two runs at once
    never send the same one twice.
    """
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        event__is_published=True,
        event__starts_at__gt=now,
        event__starts_at__lte=now + REMINDER_BEFORE,
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            claimed = Registration.objects.filter(pk=pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if claimed:
                tell(Registration.objects.select_related("event").get(pk=pk), "reminder")
                sent += claimed
    return sent


def needs_delete(*, now=None) -> int:
    """Blank the access and dietary needs of registrations for events that ended more than 30
    days ago; returns how many registrations held any."""
    now = now or timezone.now()
    # Filtered on the events' ids, not through a join: PostgreSQL then re-checks
    # needs_deleted_at on each row when two runs overlap, and the second updates nothing.
    ended = Event.objects.filter(ends_at__lt=now - NEEDS_KEPT_FOR)
    held = Registration.objects.filter(event__in=ended, needs_deleted_at__isnull=True).exclude(
        access_needs="", dietary_needs=""
    )
    return held.update(access_needs="", dietary_needs="", needs_deleted_at=now)
