"""The practice network: ideas practitioners test in their own practice, the updates and
finding of each, others' replies and their own tries, and who follows a test."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from movement.models.moderation import Post


class Member(models.Model):
    """How a person appears in the practice network: the name and role they choose to show,
    and their organisation only if they say so."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="movement_member"
    )
    display_name = models.CharField(max_length=100)
    role = models.CharField(max_length=100)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    show_organisation = models.BooleanField(default=False)

    def __str__(self) -> str:
        return self.display_name


class Result(models.TextChoices):
    """What a person found when they tried the idea."""

    HELPED = "helped", "It seemed to help"
    DID_NOT = "did_not", "It did not seem to help"
    UNCLEAR = "unclear", "It is unclear"


class Duration(models.TextChoices):
    WEEKS = "weeks", "A few weeks"
    MONTH = "month", "About a month"
    MONTHS = "months", "Two to three months"
    LONGER = "longer", "Longer than three months"


class PracticeTest(Post):
    """An idea a practitioner is testing in their own practice, in a structured form."""

    title = models.CharField(max_length=150)
    what_we_will_try = models.TextField("what I will try")
    expected_change = models.TextField("what I expect to change, and for whom")
    why = models.TextField("why I think so")
    how_we_will_tell = models.TextField("how I will tell whether it worked")
    duration = models.CharField("how long it will take", max_length=10, choices=Duration.choices)
    interventions = models.ManyToManyField(
        "evidence_store.Intervention", blank=True, related_name="practice_tests"
    )
    outcomes = models.ManyToManyField(
        "evidence_store.Outcome", blank=True, related_name="practice_tests"
    )
    topics = models.ManyToManyField("evidence_store.Topic", blank=True, related_name="+")
    checklist_confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    illustrative = models.BooleanField(default=False)
    put_forward_as = models.ForeignKey(
        "pine.Application", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        permissions = [("moderate_practicetest", "Can moderate the practice network")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("movement:practice_detail", kwargs={"pk": self.pk})


class Finding(Post):
    """The author's "what we found", at the end of the test: once published, the test has
    finished."""

    practice_test = models.OneToOneField(
        PracticeTest, on_delete=models.CASCADE, related_name="finding"
    )
    result = models.CharField(max_length=10, choices=Result.choices)
    reflection = models.TextField()

    class Meta:
        ordering = ["created_at", "pk"]


class PracticeUpdate(Post):
    """A dated note from the author as the test goes."""

    practice_test = models.ForeignKey(
        PracticeTest, on_delete=models.CASCADE, related_name="updates"
    )
    body = models.TextField()

    class Meta:
        ordering = ["created_at", "pk"]


class Reply(Post):
    """Someone's own experience of the idea, or a critique of it: one level, no threads."""

    practice_test = models.ForeignKey(
        PracticeTest, on_delete=models.CASCADE, related_name="replies"
    )
    body = models.TextField()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "replies"


class Trial(Post):
    """ "I'm trying this too": another practitioner's go at the idea, and later what they found.

    `author` is the person trying it. Saying so needs no moderation (it says nothing else), so
    a trial starts approved; its finding is moderated like any post, so `state` is then the
    finding's. A test counts every trial, and shows the findings that are published.
    """

    practice_test = models.ForeignKey(PracticeTest, on_delete=models.CASCADE, related_name="trials")
    result = models.CharField(max_length=10, choices=Result.choices, blank=True)
    reflection = models.TextField(blank=True)
    found_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["practice_test", "author"], name="one_trial_per_person")
        ]


class Follow(models.Model):
    """A person who is emailed when a test has an update or a finding. The token makes the
    unfollow link in each email work without signing in."""

    practice_test = models.ForeignKey(
        PracticeTest, on_delete=models.CASCADE, related_name="follows"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["practice_test", "user"], name="one_follow_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user} follows {self.practice_test}"
