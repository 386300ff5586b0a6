"""Inviting people to an organisation by email, and accepting or cancelling invitations."""

import hashlib

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, Membership, Organisation, User
from accounts.models.invitations import INVITATION_LIFETIME, hash_token, new_token
from accounts.services import ActionRefused
from accounts.services.limits import count_one
from core.emails import Email, queue
from core.links import absolute_url

# Invitations carry the sender's words to any address, so they are limited like any other email
# a stranger can trigger: per sender, and per address whoever sends them.
INVITATIONS_PER_PERSON = (20, 60 * 60)
INVITATIONS_PER_ADDRESS = (3, 24 * 60 * 60)


class InvitationUnusable(ActionRefused):
    """The link cannot be used; `reason` is one of the REASONS below."""

    REASONS = ("unknown", "expired", "used", "wrong_account")

    def __init__(self, reason: str, invitation: Invitation | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.invitation = invitation


class InvitationLimitReached(ActionRefused):
    """Too many invitations: `per` is "person" (the sender) or "address" (the invited one)."""

    def __init__(self, message: str, *, per: str) -> None:
        super().__init__(message)
        self.per = per


def _count_invitation(*, user: User, email: str) -> None:
    if not count_one(f"accounts:invitations:person:{user.pk}", INVITATIONS_PER_PERSON):
        raise InvitationLimitReached(
            f"You have sent {INVITATIONS_PER_PERSON[0]} invitations in the last hour.",
            per="person",
        )
    address = hashlib.sha256(email.encode()).hexdigest()
    if not count_one(f"accounts:invitations:address:{address}", INVITATIONS_PER_ADDRESS):
        raise InvitationLimitReached(
            f"{email} has been sent {INVITATIONS_PER_ADDRESS[0]} invitations today. "
            "Try again tomorrow.",
            per="address",
        )


@transaction.atomic
def invitation_send(
    *,
    organisation: Organisation,
    email: str,
    user: User,
) -> Invitation:
    """Invite someone by email. Sending again to the same address replaces the earlier link.

    Each email counts towards INVITATIONS_PER_PERSON and INVITATIONS_PER_ADDRESS; past them,
    InvitationLimitReached.
    """
    Organisation.objects.select_for_update().get(pk=organisation.pk)
    if not organisation.memberships.admins().filter(user=user).exists():
        raise ActionRefused(f"Only admins of {organisation} can invite people.")
    email = email.strip().lower()
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise ActionRefused(f"{email} is already a member of {organisation}.")
    _count_invitation(user=user, email=email)
    token = new_token()
    now = timezone.now()
    invitation = Invitation.objects.filter(
        organisation=organisation, email__iexact=email, accepted_at__isnull=True
    ).first() or Invitation(organisation=organisation, email=email)
    invitation.invited_by = user
    invitation.token_hash = hash_token(token)
    invitation.created_at = now
    invitation.expires_at = now + INVITATION_LIFETIME
    invitation.save()
    context = {
        "invitation": invitation,
        "link": absolute_url(reverse("invitation_accept", kwargs={"token": token})),
    }
    queue(
        [Email("accounts/email/invitation", email, context)],
        about={"invitation": invitation.pk},
    )
    return invitation


@transaction.atomic
def invitation_cancel(*, invitation: Invitation, user: User) -> None:
    """Withdraw an invitation that has not been accepted, so its link stops working."""
    organisation = Organisation.objects.select_for_update().get(pk=invitation.organisation_id)
    if not organisation.memberships.admins().filter(user=user).exists():
        raise ActionRefused(f"Only admins of {organisation} can cancel invitations.")
    Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).delete()


def invitation_for_token(token: str) -> Invitation:
    """The invitation a link stands for, or InvitationUnusable saying why it cannot be used."""
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if invitation is None:
        raise InvitationUnusable("unknown")
    if invitation.status == Invitation.Status.ACCEPTED:
        raise InvitationUnusable("used", invitation)
    if invitation.status == Invitation.Status.EXPIRED:
        raise InvitationUnusable("expired", invitation)
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> Membership:
    """Join the organisation. The link works once, before it expires, for the invited address."""
    found = invitation_for_token(token)
    invitation = Invitation.objects.select_for_update().get(pk=found.pk)
    if invitation.accepted_at:  # accepted in another tab since it was looked up
        raise InvitationUnusable("used", invitation)
    if invitation.email.lower() != user.email.lower():
        raise InvitationUnusable("wrong_account", invitation)
    return _join(invitation, user)


@transaction.atomic
def invitation_accept_received(*, invitation: Invitation, user: User) -> Membership:
    """Join from the account home, without the emailed link: signed in with the verified
    address the invitation was sent to, which shows the same as following the link does."""
    locked = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
    if locked is None:  # cancelled since the page was shown
        raise InvitationUnusable("unknown")
    if locked.status == Invitation.Status.ACCEPTED:
        raise InvitationUnusable("used", locked)
    if locked.status == Invitation.Status.EXPIRED:
        raise InvitationUnusable("expired", locked)
    if not Invitation.objects.received_by(user).filter(pk=locked.pk).exists():
        raise InvitationUnusable("wrong_account", locked)
    return _join(locked, user)


def _join(invitation: Invitation, user: User) -> Membership:
    membership, _ = Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership
