"""Requests to join an organisation, made by the person who wants to join, decided by its admins."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.models.organisations import Membership, Organisation


class JoinRequestQuerySet(models.QuerySet):
    def made_by(self, user) -> "JoinRequestQuerySet":
        """This person's own requests, newest first; none for someone signed out."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def for_admin(self, user) -> "JoinRequestQuerySet":
        """Requests to join the organisations this person is an admin of."""
        if not user.is_authenticated:
            return self.none()
        admin_of = Membership.objects.filter(user=user, role=Membership.Role.ADMIN)
        return self.filter(organisation__in=admin_of.values("organisation")).select_related(
            "organisation", "user"
        )

    def pending(self) -> "JoinRequestQuerySet":
        return self.filter(status=JoinRequest.Status.PENDING)


class JoinRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a reply"
        APPROVED = "approved", "Approved"
        REFUSED = "refused", "Refused"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="join_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="join_requests_decided",
    )

    objects = JoinRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Asking again while a request waits would only send the admins the same email.
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=models.Q(status="pending"),
                name="accounts_joinrequest_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} to join {self.organisation}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING
