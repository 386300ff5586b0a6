"""The gaps in the evidence that an application says its evaluation would help fill."""

from django.db import models

from evidence_store.models import Outcome, Topic
from pine.models.applications import Application


class ApplicationGap(models.Model):
    """One (topic, outcome) gap named in the "What you want to learn" section."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="gaps")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="+")
    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["topic__position", "topic__name", "outcome__position", "outcome__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "topic", "outcome"], name="pine_applicationgap_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.topic.name}: {self.outcome.name}"
