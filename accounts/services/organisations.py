"""Creating organisations and changing who belongs to them, keeping at least one admin."""

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from accounts.models import Membership, Organisation, User
from accounts.services import ActionRefused

# Pages under /accounts/organisation/ that an organisation's own address must not hide.
RESERVED_SLUGS = {"new", "join"}


def _unique_slug(name: str) -> str:
    base = slugify(name)[:200] or "organisation"
    if base in RESERVED_SLUGS:
        base = f"{base}-organisation"
    slug, number = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


SLUG_ATTEMPTS = 5


@transaction.atomic
def organisation_create(*, user: User, name: str, kind: str, region: str) -> Organisation:
    """Create an organisation with its creator as its first admin.

    Names need not be unique, but slugs are: two people setting up the same name at once each
    get their own slug, the second taking the next number.
    """
    for attempt in range(SLUG_ATTEMPTS):
        try:
            with transaction.atomic():
                organisation = Organisation.objects.create(
                    name=name, slug=_unique_slug(name), kind=kind, region=region
                )
            break
        except IntegrityError:
            if attempt == SLUG_ATTEMPTS - 1:
                raise
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.ADMIN)
    return organisation


def _lock(membership: Membership) -> tuple[Organisation, Membership]:
    """Lock the organisation, so two admins acting at once cannot leave it without one."""
    organisation = Organisation.objects.select_for_update().get(pk=membership.organisation_id)
    try:
        current = Membership.objects.select_related("user").get(pk=membership.pk)
    except Membership.DoesNotExist:
        raise ActionRefused("That person is no longer a member of the organisation.") from None
    return organisation, current


def _require_admin(organisation: Organisation, user: User) -> None:
    if not organisation.memberships.admins().filter(user=user).exists():
        raise ActionRefused(f"Only admins of {organisation} can change its members.")


def _refuse_if_last_admin(organisation: Organisation, membership: Membership, before: str) -> None:
    # Only an admin can act on an admin, so the last admin is always the person acting.
    if membership.is_admin and organisation.memberships.admins().count() == 1:
        raise ActionRefused(
            f"You are the only admin of {organisation}. "
            f"Make another member an admin before you {before}."
        )


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, user: User) -> Membership:
    """Make a member an admin, or an admin a member. The last admin stays an admin."""
    organisation, membership = _lock(membership)
    _require_admin(organisation, user)
    if role not in Membership.Role.values:
        raise ActionRefused("Choose member or admin.")
    if membership.role == role:
        return membership
    if role == Membership.Role.MEMBER:
        _refuse_if_last_admin(organisation, membership, "give up your admin rights")
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, user: User) -> None:
    """Remove someone from an organisation: an admin removing a member, or a person leaving."""
    organisation, membership = _lock(membership)
    if membership.user_id != user.pk:
        _require_admin(organisation, user)
    _refuse_if_last_admin(organisation, membership, "leave")
    membership.delete()
