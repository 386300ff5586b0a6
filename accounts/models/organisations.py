"""Organisations and their members: every read a person makes is scoped to their memberships."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from accounts.validators import validate_no_address


class OrganisationQuerySet(models.QuerySet):
    def for_user(self, user) -> "OrganisationQuerySet":
        """The organisations this person belongs to; none for someone signed out."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)


class Organisation(models.Model):
    class Kind(models.TextChoices):
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        VOLUNTARY_SECTOR = "voluntary_sector", "Voluntary sector"
        HEALTH = "health", "Health"
        POLICE = "police", "Police"
        EDUCATION = "education", "Education"
        OTHER = "other", "Other"

    class Region(models.TextChoices):
        NORTH_EAST = "north_east", "North East"
        NORTH_WEST = "north_west", "North West"
        YORKSHIRE = "yorkshire_and_the_humber", "Yorkshire and the Humber"
        EAST_MIDLANDS = "east_midlands", "East Midlands"
        WEST_MIDLANDS = "west_midlands", "West Midlands"
        EAST = "east_of_england", "East of England"
        LONDON = "london", "London"
        SOUTH_EAST = "south_east", "South East"
        SOUTH_WEST = "south_west", "South West"
        NATIONAL = "national", "Across England"

    # Names need not be unique (the slug tells organisations apart), so that creating one says
    # nothing about which names exist.
    name = models.CharField(max_length=200, validators=[validate_no_address])
    slug = models.SlugField(max_length=220, unique=True)
    kind = models.CharField(max_length=40, choices=Kind.choices)
    region = models.CharField(max_length=40, choices=Region.choices)
    verified = models.BooleanField(
        default=False,
        help_text="Set by staff once they have checked that the organisation is who it says.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = []

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisation_detail", kwargs={"slug": self.slug})


class MembershipQuerySet(models.QuerySet):
    def for_user(self, user) -> "MembershipQuerySet":
        """Memberships of every organisation this person belongs to (their colleagues too)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(organisation__memberships__user=user).select_related(
            "user", "organisation"
        )

    def admins(self) -> "MembershipQuerySet":
        return self.filter(role=Membership.Role.ADMIN)


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", "Member"
        ADMIN = "admin", "Admin"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "user__full_name", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="accounts_membership_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display().lower()} of {self.organisation})"

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN
