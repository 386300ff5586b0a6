"""A stage's meetings with the practice and research teams, and the actions agreed at them."""

import uuid
from datetime import timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from pine.models.projects import ProjectStage


class MeetingQuerySet(models.QuerySet):
    def upcoming(self) -> "MeetingQuerySet":
        """Meetings still to come in stages that count: a skipped stage's will not take place."""
        return self.filter(starts_at__gte=timezone.now()).exclude(
            stage__status=ProjectStage.Status.SKIPPED
        )


class ActionQuerySet(models.QuerySet):
    def open(self) -> "ActionQuerySet":
        """Actions not yet done, except a skipped stage's, which are no longer anyone's to do."""
        return self.filter(done=False).exclude(meeting__stage__status=ProjectStage.Status.SKIPPED)


class Meeting(models.Model):
    """The stage's meeting with the practice and research teams."""

    stage = models.ForeignKey(ProjectStage, on_delete=models.PROTECT, related_name="meetings")
    starts_at = models.DateTimeField("date and time")
    duration_minutes = models.PositiveSmallIntegerField(
        "length in minutes", default=60, validators=[MinValueValidator(1), MaxValueValidator(720)]
    )
    location = models.CharField(
        "place or link", max_length=300, help_text="An address, or a link to join online."
    )
    attendees = models.TextField(blank=True, help_text="Who is coming, one per line.")
    notes = models.TextField(
        blank=True, help_text="Notes of the meeting (Markdown). The partner can read them."
    )
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Goes up each time the meeting is moved (for calendars).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=0, editable=False)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return f"{self.stage.name}: {timezone.localtime(self.starts_at):%-d %B %Y %H:%M}"

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def is_online(self) -> bool:
        return self.location.startswith(("https://", "http://"))


class Action(models.Model):
    """Something agreed at a meeting, with who will do it and by when."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(max_length=500)
    owner = models.CharField(max_length=200, help_text="Who will do it: a name or a team.")
    due_date = models.DateField(null=True, blank=True)
    done = models.BooleanField(default=False)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["done", "due_date", "pk"]

    def __str__(self) -> str:
        return self.description
