"""A project's evaluation report, public once staff publish it."""

from contextlib import suppress

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from pine.models.projects import Project
from pine.models.upload_paths import _report_path


class EvaluationReportQuerySet(models.QuerySet):
    def published(self) -> "EvaluationReportQuerySet":
        """Published by today, of a project that was not withdrawn."""
        return self.filter(
            published_on__isnull=False, published_on__lte=timezone.localdate()
        ).exclude(project__status=Project.Status.WITHDRAWN)


class EvaluationReport(models.Model):
    """The published evaluation of a project: public once staff publish it."""

    project = models.OneToOneField(Project, on_delete=models.PROTECT, related_name="report")
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    summary = models.TextField(help_text="A few sentences for the list of evaluations.")
    findings = models.TextField(help_text="What the evaluation found, in plain words (Markdown).")
    published_on = models.DateField(null=True, blank=True, editable=False)
    pdf = models.FileField(
        "report PDF", upload_to=_report_path, max_length=200, blank=True, help_text="A PDF file."
    )
    pdf_size = models.PositiveIntegerField(null=True, blank=True, editable=False)
    link = models.URLField(
        blank=True, max_length=500, help_text="Or a link to where the report is published."
    )
    illustrative = models.BooleanField(
        default=False,
        help_text="Tick for example content that is not a real evaluation; pages will say so.",
    )
    version = models.PositiveIntegerField(default=0, editable=False)

    objects = EvaluationReportQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "title"]
        permissions = [("publish_evaluationreport", "Can publish evaluation reports")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(pdf="") | ~Q(link=""),
                name="pine_report_pdf_or_link",
                violation_error_message="Upload the report as a PDF, or give a link to it.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if not self.pdf:
            self.pdf_size = None
        elif self.pdf_size is None or not getattr(self.pdf, "_committed", True):
            # The size is only shown beside the link; a missing file gives 404 there.
            with suppress(OSError):
                self.pdf_size = self.pdf.size
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("pine:evaluation_detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.published_on is not None and self.published_on <= timezone.localdate()
