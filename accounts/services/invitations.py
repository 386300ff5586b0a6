"""Inviting people to an organisation by email, and accepting or cancelling invitations."""

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from accounts.emails import email_send_on_commit
from accounts.models import Invitation, Membership, Organisation, User
from accounts.models.invitations import INVITATION_LIFETIME, hash_token, new_token
from accounts.services import ActionRefused


class InvitationUnusable(ActionRefused):
    """The link cannot be used; `reason` is one of the REASONS below."""

    REASONS = ("unknown", "expired", "used", "wrong_account")

    def __init__(self, reason: str, invitation: Invitation | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.invitation = invitation


@transaction.atomic
def invitation_send(
    *,
    organisation: Organisation,
    email: str,
    invited_by: User,
    link_for: Callable[[str], str],
) -> Invitation:
    """Invite someone by email. Sending again to the same address replaces the earlier link.

    `link_for` turns the token into the absolute URL that goes in the email.
    """
    Organisation.objects.select_for_update().get(pk=organisation.pk)
    if not organisation.memberships.admins().filter(user=invited_by).exists():
        raise ActionRefused(f"Only admins of {organisation} can invite people.")
    email = email.strip().lower()
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise ActionRefused(f"{email} is already a member of {organisation}.")
    token = new_token()
    now = timezone.now()
    invitation = Invitation.objects.filter(
        organisation=organisation, email__iexact=email, accepted_at__isnull=True
    ).first() or Invitation(organisation=organisation, email=email)
    invitation.invited_by = invited_by
    invitation.token_hash = hash_token(token)
    invitation.created_at = now
    invitation.expires_at = now + INVITATION_LIFETIME
    invitation.save()
    email_send_on_commit(
        template="accounts/email/invitation",
        to=email,
        context={"invitation": invitation, "link": link_for(token)},
    )
    return invitation


@transaction.atomic
def invitation_cancel(*, invitation: Invitation, by: User) -> None:
    """Withdraw an invitation that has not been accepted, so its link stops working."""
    organisation = Organisation.objects.select_for_update().get(pk=invitation.organisation_id)
    if not organisation.memberships.admins().filter(user=by).exists():
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
    membership, _ = Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership
