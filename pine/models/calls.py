"""Priorities the programme seeks, and calls for applications that open and close at set times."""

from django.db import models
from django.urls import reverse
from django.utils import timezone

from evidence_store.models import Outcome, Topic


class Priority(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)
    # Where in the evidence store the priority looks for evidence: the gap map marks the gaps
    # inside a current priority, and the programme page lists them.
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="pine_priorities", help_text="The topics it covers."
    )
    outcomes = models.ManyToManyField(
        Outcome, blank=True, related_name="pine_priorities", help_text="The outcomes it covers."
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "priorities"

    def __str__(self) -> str:
        return self.name


class CallQuerySet(models.QuerySet):
    def open(self) -> "CallQuerySet":
        now = timezone.now()
        return self.filter(opens_at__lte=now, closes_at__gt=now)


class Call(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    summary = models.TextField(help_text="A few sentences on what this call is looking for.")
    opens_at = models.DateTimeField("opens")
    closes_at = models.DateTimeField(
        "closes",
        help_text="To extend the call, move this later. Applications can be submitted until then.",
    )
    decisions_by = models.DateField(
        "decisions by",
        null=True,
        blank=True,
        help_text="When applicants will hear. Shown on the call page and after they apply.",
    )
    priorities = models.ManyToManyField(Priority, related_name="calls", blank=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("pine:call_detail", kwargs={"slug": self.slug})

    @property
    def is_open(self) -> bool:
        return self.opens_at <= timezone.now() < self.closes_at
