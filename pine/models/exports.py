"""A record of each staff export of a PINE list: what, who, when and which filter."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Export(models.Model):
    class Kind(models.TextChoices):
        APPLICATIONS = "applications", "Applications"
        PROJECTS = "projects", "Projects"

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.APPLICATIONS)
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    exported_at = models.DateTimeField(default=timezone.now)
    filters = models.CharField(max_length=1000, blank=True, help_text="The list's query string.")
    included_contact_details = models.BooleanField(default=False)
    rows = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-exported_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} export by {self.exported_by} at {self.exported_at:%Y-%m-%d %H:%M}"
