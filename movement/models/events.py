"""An event with a limited number of places, and the documents (flyer, slides) it offers."""

from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from core.uploads import KINDS, server_chosen_name

# A place is "few" when fewer than this share of the capacity is left.
FEW_PLACES_SHARE = 0.1


def _document_path(instance: models.Model, filename: str) -> str:
    return server_chosen_name("movement/documents", filename)


class RegistrationStatus(models.TextChoices):
    """Where a person's registration stands; defined here so that events can count places."""

    CONFIRMED = "confirmed", "Confirmed"
    WAITING = "waiting", "On the waiting list"
    OFFERED = "offered", "Offered a place"
    CANCELLED = "cancelled", "Cancelled"
    ATTENDED = "attended", "Attended"

    @classmethod
    def holding(cls) -> list[str]:
        """Statuses that take up one of the event's places (an offer holds one for its time)."""
        return [cls.CONFIRMED, cls.OFFERED, cls.ATTENDED]

    @classmethod
    def active(cls) -> list[str]:
        """Statuses that stop the same person registering again."""
        return [cls.CONFIRMED, cls.WAITING, cls.OFFERED, cls.ATTENDED]


class EventQuerySet(models.QuerySet):
    def published(self) -> "EventQuerySet":
        return self.filter(is_published=True)

    def upcoming(self) -> "EventQuerySet":
        return self.filter(ends_at__gte=timezone.now()).order_by("starts_at", "pk")

    def past(self) -> "EventQuerySet":
        return self.filter(ends_at__lt=timezone.now()).order_by("-starts_at", "-pk")

    def with_places(self) -> "EventQuerySet":
        """Each event with `held` (confirmed, attended or offered) and `waiting` counted, in the
        same query: a list of events makes one query however many there are."""
        status = RegistrationStatus
        return self.annotate(
            held=Count("registrations", filter=Q(registrations__status__in=status.holding())),
            waiting=Count("registrations", filter=Q(registrations__status=status.WAITING)),
        )


class Event(models.Model):
    """One gathering: when and where, what happens, and how many people it has room for."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=220, unique=True, help_text="Its address: /movement/events/<slug>/"
    )
    summary = models.CharField(
        max_length=300, help_text="One or two sentences for the list of events."
    )
    description = models.TextField(help_text="What the event is for and who it is for (Markdown).")
    agenda = models.TextField(blank=True, help_text="The plan for the day (Markdown).")
    starts_at = models.DateTimeField("starts")
    ends_at = models.DateTimeField("ends")
    venue_name = models.CharField("venue", max_length=200)
    venue_address = models.TextField("venue address", help_text="One line of the address per line.")
    access_information = models.TextField(
        blank=True,
        help_text="Step-free access, toilets, hearing loops, quiet rooms, travel and parking (Markdown).",
    )
    capacity = models.PositiveIntegerField(
        "places", help_text="How many people can come. Change it with care: see the staff guide."
    )
    registration_closes_at = models.DateTimeField(
        "registration closes",
        null=True,
        blank=True,
        help_text="Leave empty to keep registration open until the event starts.",
    )
    is_published = models.BooleanField(
        "published", default=False, help_text="Only published events are shown on the site."
    )
    illustrative = models.BooleanField(
        default=False, help_text="An example event for demonstration, labelled as such on the site."
    )
    version = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_it_starts"
            ),
        ]
        permissions = [
            ("view_access_needs", "Can see registrations' access and dietary needs"),
            ("export_registration", "Can export the attendee list"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("movement:event_detail", kwargs={"slug": self.slug})

    @property
    def has_finished(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def closes_at(self):
        """When registration closes: the time set, or the start of the event."""
        return self.registration_closes_at or self.starts_at

    @property
    def registration_is_open(self) -> bool:
        return self.is_published and timezone.now() < self.closes_at


class EventDocument(models.Model):
    """A flyer, agenda or slides for an event: public once the event is, served as a download."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(
        max_length=200, help_text='For example "Flyer" or "Slides from the day".'
    )
    file = models.FileField(upload_to=_document_path, max_length=200)
    original_name = models.CharField(max_length=255, editable=False)
    content_type = models.CharField(max_length=120, editable=False)
    size = models.PositiveIntegerField(editable=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("movement:event_document", kwargs={"slug": self.event.slug, "pk": self.pk})

    @property
    def kind_label(self) -> str:
        return next(
            (k.label for k in KINDS.values() if k.content_type == self.content_type), "File"
        )
