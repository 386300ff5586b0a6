"""Applications, their answers section by section, and the events in their history."""

from django.conf import settings
from django.db import models
from django.db.models import F, FloatField, OuterRef, Subquery, Sum
from django.db.models.functions import Cast
from django.urls import reverse

from pine.models.calls import Call, Priority
from pine.workflow.applications import APPLICANT_STATUS, TRANSITIONS, Actor, Status


class ApplicationQuerySet(models.QuerySet):
    def for_user(self, user) -> "ApplicationQuerySet":
        """Applications of the organisations this person belongs to; none for anyone else."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(organisation__memberships__user=user).select_related(
            "organisation", "call"
        )

    def with_average_score(self, *, only_reviewer=None) -> "ApplicationQuerySet":
        """Annotate the weighted average score of the finished reviews without a conflict of interest.

        With `only_reviewer`, only that person's own review counts: reviewers score
        independently, so they never see a figure made from anyone else's scores.
        """
        from pine.models.reviews import ReviewScore

        scores = ReviewScore.objects.filter(
            review__application=OuterRef("pk"),
            review__is_draft=False,
            review__conflict_of_interest=False,
        )
        if only_reviewer is not None:
            scores = scores.filter(review__reviewer=only_reviewer)
        scores = scores.values("review__application")
        weighted = scores.annotate(
            total=Cast(Sum(F("score") * F("criterion__weight")), FloatField())
            / Cast(Sum("criterion__weight"), FloatField())
        ).values("total")
        return self.annotate(average_score=Subquery(weighted, output_field=FloatField()))


class Application(models.Model):
    reference = models.CharField(max_length=20, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(editable=False)
    number = models.PositiveIntegerField(editable=False)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="pine_applications"
    )
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications")
    title = models.CharField(max_length=200, blank=True, help_text="The practice's name.")
    # Changed only by pine.services.transitions.application_transition, as pine.workflow says.
    status = models.CharField(
        max_length=50, default=Status.DRAFT, choices=Status.choices, editable=False
    )
    priorities = models.ManyToManyField(Priority, related_name="applications", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        permissions = [("export_application", "Can export the list of applications as CSV")]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="pine_application_number"),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title or 'Untitled application'}"

    def get_absolute_url(self) -> str:
        return reverse("pine:application_detail", kwargs={"reference": self.reference})

    @property
    def applicant_status(self) -> str:
        return APPLICANT_STATUS[self.status]


class SectionAnswer(models.Model):
    """The answers to one section; `version` goes up on each save, to catch concurrent edits."""

    class Progress(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    section = models.CharField(max_length=50)
    answers = models.JSONField(default=dict, blank=True)
    progress = models.CharField(
        max_length=20, choices=Progress.choices, default=Progress.NOT_STARTED
    )
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["application", "section"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "section"], name="pine_sectionanswer_one_per_section"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application.reference} {self.section}"


class EventQuerySet(models.QuerySet):
    def visible_to_applicant(self) -> "EventQuerySet":
        return self.filter(visible_to_applicant=True)


class Event(models.Model):
    """Something that happened to an application: who, when, from, to and a message."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    transition = models.CharField(max_length=50, blank=True)
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    message = models.TextField(blank=True)
    visible_to_applicant = models.BooleanField(default=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application.reference}: {self.get_to_status_display() or self.transition}"

    @property
    def applicant_label(self) -> str:
        t = TRANSITIONS.get(self.transition)
        return t.applicant_label if t else self.message

    @property
    def applicant_message(self) -> str:
        """The message the applicant may read: a reason sent to them, or their own words.

        Optional staff notes on other steps stay internal.
        """
        t = TRANSITIONS.get(self.transition)
        if t and (t.message_required or Actor.APPLICANT in t.actors):
            return self.message
        return ""
