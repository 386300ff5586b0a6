"""The places people hold at events: confirmed, waiting, offered, cancelled or attended.

A registration moves between these only through movement.services, which lock the event's row
first, so that places are counted and given out one decision at a time.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from movement.models.events import Event, RegistrationStatus


class RegistrationQuerySet(models.QuerySet):
    def for_user(self, user) -> "RegistrationQuerySet":
        """The person's own registrations; nobody else's."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user).select_related("event")

    def active(self) -> "RegistrationQuerySet":
        return self.filter(status__in=Registration.Status.active())

    def holding(self) -> "RegistrationQuerySet":
        return self.filter(status__in=Registration.Status.holding())

    def waiting_in_order(self) -> "RegistrationQuerySet":
        """The waiting list, first in line first: moved up by staff, then by when they joined."""
        return self.filter(status=Registration.Status.WAITING).order_by(
            "-waiting_priority", "waiting_since", "pk"
        )


class Registration(models.Model):
    """One person's place, or place in the queue, at one event."""

    Status = RegistrationStatus

    class Ended(models.TextChoices):
        """Why a registration was cancelled."""

        BY_PERSON = "by_person", "Cancelled by the person"
        OFFER_EXPIRED = "offer_expired", "Offer not accepted in time"
        BY_STAFF = "by_staff", "Cancelled by staff"
        ACCOUNT_DELETED = "account_deleted", "Account deleted"

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="event_registrations"
    )
    # Links in emails name the registration by this, never by its number.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(max_length=20, choices=Status.choices)
    name = models.CharField(max_length=200)
    role = models.CharField("job title or role", max_length=200)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="One of the person's own organisations, if they chose one.",
    )
    organisation_name = models.CharField(
        max_length=200, blank=True, help_text="The organisation they work for, in their words."
    )
    # Sensitive: shown only to event staff, and deleted 30 days after the event.
    access_needs = models.TextField(blank=True)
    dietary_needs = models.TextField(blank=True)
    needs_deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    waiting_since = models.DateTimeField(null=True, blank=True, editable=False)
    waiting_priority = models.IntegerField(
        default=0, editable=False, help_text="Raised when staff move someone up the list."
    )
    offered_at = models.DateTimeField(null=True, blank=True, editable=False)
    offer_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    ended_because = models.CharField(
        max_length=20, choices=Ended.choices, blank=True, editable=False
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["event", "created_at", "pk"]
        constraints = [
            # Never two live registrations for one person at one event; a cancelled one does
            # not stop them registering again.
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(status__in=RegistrationStatus.active()),
                name="one_live_registration_per_person_per_event",
            ),
        ]
        indexes = [models.Index(fields=["event", "status"], name="registration_event_status")]

    def __str__(self) -> str:
        return f"{self.name} at {self.event}"

    @property
    def organisation_label(self) -> str:
        return self.organisation.name if self.organisation_id else self.organisation_name

    def offer_has_expired(self, now=None) -> bool:
        return (
            self.status == self.Status.OFFERED
            and self.offer_expires_at is not None
            and self.offer_expires_at <= (now or timezone.now())
        )


class AttendeeExport(models.Model):
    """A record of each download of an event's attendee list: who, when, and whether it held
    access and dietary needs."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="exports")
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    exported_at = models.DateTimeField(default=timezone.now)
    included_needs = models.BooleanField("included access and dietary needs", default=False)
    rows = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-exported_at"]

    def __str__(self) -> str:
        return f"Attendee list of {self.event} by {self.exported_by} at {self.exported_at:%Y-%m-%d %H:%M}"


class EventMessage(models.Model):
    """A message staff sent to everyone with a confirmed place."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="messages")
    subject = models.CharField(max_length=150)
    body = models.TextField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return self.subject
