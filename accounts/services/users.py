"""Deactivating and deleting accounts. Both end every session the person has."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.db import transaction
from django.utils import timezone

from accounts import personal_data
from accounts.models import (
    DELETED_USER_NAME,
    Invitation,
    JoinRequest,
    Membership,
    Organisation,
    User,
)
from accounts.services import ActionRefused


def _end_sessions(user: User) -> None:
    # allauth records each sign-in's session key, so every device can be signed out.
    for session in UserSession.objects.filter(user=user):
        session.end()


@transaction.atomic
def user_deactivate(*, user: User) -> None:
    """Stop someone signing in and end all their sessions. Their records stay as they are."""
    User.objects.filter(pk=user.pk).update(is_active=False)
    user.is_active = False
    _end_sessions(user)


def _refuse_if_last_admin(user: User) -> None:
    organisations = Organisation.objects.select_for_update(of=("self",)).filter(
        memberships__user=user, memberships__role=Membership.Role.ADMIN
    )
    for organisation in organisations:
        others = organisation.memberships.exclude(user=user)
        if others.exists() and not others.admins().exists():
            raise ActionRefused(
                f"You are the only admin of {organisation}. Make another member an admin "
                "before you delete your account."
            )


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Delete a person's account: remove their personal details and keep what they authored.

    The user row stays, anonymised and unable to sign in, so that everything pointing at it
    (applications, events, admin history) is kept and shown as written by a deleted user.
    Invitations they sent that nobody has accepted are cancelled, and their requests to join
    organisations are deleted. The sole member of an
    organisation may delete their account: the organisation stays, with no members, until
    staff give it an admin in the admin.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.deleted_at:
        return
    _refuse_if_last_admin(user)
    for hook in personal_data.deletion_hooks():
        hook(user)
    # The record of emails to any of their addresses, and any not yet sent: nothing more goes
    # to a deleted account.
    personal_data.emails_to(user).delete()
    Invitation.objects.filter(email__iexact=user.email).delete()
    # Nobody may join through a deleted person's invitation; accepted ones stay as a record.
    Invitation.objects.filter(invited_by=user, accepted_at__isnull=True).delete()
    # Who asked to join where is about them alone; the admins' decisions go with it.
    JoinRequest.objects.filter(user=user).delete()
    Membership.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    user.groups.clear()
    user.user_permissions.clear()
    user.email = f"deleted-user-{user.pk}@deleted.invalid"
    user.full_name = DELETED_USER_NAME
    user.job_title = ""
    user.role = ""
    user.set_unusable_password()
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    user.deleted_at = timezone.now()
    user.save()
    _end_sessions(user)
