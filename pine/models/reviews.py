"""Selection criteria and staff reviews: one review per reviewer and application."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

SCORE_RANGE = "Score must be between 1 and 5."


class Criterion(models.Model):
    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    weight = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "criteria"

    def __str__(self) -> str:
        return self.name


class Review(models.Model):
    class Recommendation(models.TextChoices):
        YES = "yes", "Yes"
        MAYBE = "maybe", "Maybe"
        NO = "no", "No"

    application = models.ForeignKey(
        "pine.Application", on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="pine_reviews"
    )
    recommendation = models.CharField(max_length=10, choices=Recommendation.choices, blank=True)
    conflict_of_interest = models.BooleanField("I have a conflict of interest", default=False)
    conflict_details = models.TextField(blank=True)
    comment = models.TextField("overall comment", blank=True)
    is_draft = models.BooleanField(
        "draft", default=True, help_text="Drafts are left out of the averages."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["application", "reviewer__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="pine_review_one_per_reviewer"
            ),
        ]

    def __str__(self) -> str:
        return f"Review of {self.application} by {self.reviewer}"


class ReviewScore(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField(
        validators=[
            MinValueValidator(1, message=SCORE_RANGE),
            MaxValueValidator(5, message=SCORE_RANGE),
        ],
        help_text="From 1 to 5.",
    )
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["criterion__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "criterion"], name="pine_reviewscore_one_per_criterion"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="pine_reviewscore_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"
