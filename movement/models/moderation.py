"""What every post in the practice network shares: who wrote it, how moderation left it, and
whether a moderator hid it; and the record of each moderation step."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class PostQuerySet(models.QuerySet):
    def visible(self) -> "PostQuerySet":
        """What anyone may read: approved, and not hidden by a moderator."""
        return self.filter(state=Post.State.APPROVED, hidden_at__isnull=True)

    def visible_to(self, user) -> "PostQuerySet":
        """What this person may read: everything visible, and their own posts whatever state."""
        if not user.is_authenticated:
            return self.visible()
        return self.filter(Q(state=Post.State.APPROVED, hidden_at__isnull=True) | Q(author=user))

    def awaiting_moderation(self) -> "PostQuerySet":
        return self.filter(state=Post.State.HELD)


class Post(models.Model):
    """A practice test, an update, a reply or a finding: written by one person, shown once a
    moderator or the rules let it through."""

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        HELD = "held", "Waiting for a moderator"
        APPROVED = "approved", "Published"
        REFUSED = "refused", "Not published"

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    # Why it waits for a moderator, in words ("a phone number", "your first post").
    held_because = models.CharField(max_length=300, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    refusal_reason = models.TextField(blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self._meta.verbose_name.capitalize()} {self.pk}"

    @property
    def is_visible(self) -> bool:
        return self.state == self.State.APPROVED and self.hidden_at is None


class ModerationStep(models.Model):
    """One step in a post's moderation: held, approved, refused, reported, hidden or shown."""

    class Action(models.TextChoices):
        HELD = "held", "Held for a moderator"
        APPROVED = "approved", "Approved"
        REFUSED = "refused", "Refused"
        REPORTED = "reported", "Reported"
        HIDDEN = "hidden", "Hidden"
        SHOWN = "shown", "Shown again"

    class Kind(models.TextChoices):
        TEST = "test", "Practice test"
        UPDATE = "update", "Update"
        FINDING = "finding", "Finding"
        REPLY = "reply", "Reply"
        TRIAL = "trial", "Finding of someone trying it"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    post_id = models.PositiveIntegerField()
    practice_test = models.ForeignKey(
        "movement.PracticeTest", on_delete=models.CASCADE, related_name="moderation_steps"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)
    # A report stays open until a moderator deals with it.
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["kind", "post_id"], name="moderation_step_post")]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.get_kind_display().lower()} {self.post_id}"
