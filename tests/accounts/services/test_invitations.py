"""Invitations: emailed after commit, single use, expiring, for the invited address only."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import Invitation, Membership
from accounts.models.invitations import hash_token
from accounts.services import ActionRefused
from accounts.services.invitations import (
    InvitationUnusable,
    invitation_accept,
    invitation_cancel,
    invitation_send,
)
from tests.accounts.factories import (
    AdminMembershipFactory,
    InvitationFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_invitation_is_emailed_after_commit_with_a_link_whose_token_is_stored_hashed(
    django_capture_on_commit_callbacks,
):
    admin = AdminMembershipFactory(organisation__name="Warrington")
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_send(
            organisation=admin.organisation,
            email="Colleague@Example.org",
            user=admin.user,
        )
    assert invitation.email == "colleague@example.org"
    (email,) = mail.outbox
    assert email.to == ["colleague@example.org"]
    assert "Warrington" in email.subject
    token = email.body.split("/accounts/invitations/")[1].split("/")[0]
    assert invitation.token_hash == hash_token(token)
    assert token not in invitation.token_hash
    assert invitation.expires_at - invitation.created_at == timedelta(days=14)


def test_inviting_again_replaces_the_earlier_link():
    admin = AdminMembershipFactory()
    first = invitation_send(
        organisation=admin.organisation,
        email="a@example.org",
        user=admin.user,
    )
    old_hash = first.token_hash
    again = invitation_send(
        organisation=admin.organisation,
        email="A@example.org",
        user=admin.user,
    )
    assert again.pk == first.pk and again.token_hash != old_hash
    assert Invitation.objects.count() == 1


def test_only_admins_invite_and_members_are_not_invited_twice():
    admin = AdminMembershipFactory()
    member = MembershipFactory(organisation=admin.organisation, user__email="in@example.org")
    with pytest.raises(ActionRefused, match="Only admins"):
        invitation_send(
            organisation=admin.organisation,
            email="x@example.org",
            user=member.user,
        )
    with pytest.raises(ActionRefused, match="already a member"):
        invitation_send(
            organisation=admin.organisation,
            email="IN@example.org",
            user=admin.user,
        )


def test_accepting_joins_as_member_and_the_link_then_stops_working():
    invitation = InvitationFactory(email="new@example.org", token="tok-accept")
    person = UserFactory(email="new@example.org")
    membership = invitation_accept(token="tok-accept", user=person)
    assert membership.organisation == invitation.organisation
    assert membership.role == Membership.Role.MEMBER
    invitation.refresh_from_db()
    assert invitation.accepted_by == person and invitation.accepted_at
    with pytest.raises(InvitationUnusable) as problem:
        invitation_accept(token="tok-accept", user=person)
    assert problem.value.reason == "used"


def test_expired_invitation_cannot_be_accepted():
    InvitationFactory(
        email="late@example.org",
        token="tok-expired",
        created_at=timezone.now() - timedelta(days=20),
    )
    with pytest.raises(InvitationUnusable) as problem:
        invitation_accept(token="tok-expired", user=UserFactory(email="late@example.org"))
    assert problem.value.reason == "expired"
    assert not Membership.objects.exists()


def test_invitation_is_only_for_the_invited_address():
    InvitationFactory(email="meant@example.org", token="tok-mine")
    with pytest.raises(InvitationUnusable) as problem:
        invitation_accept(token="tok-mine", user=UserFactory(email="other@example.org"))
    assert problem.value.reason == "wrong_account"


def test_unknown_token_is_refused():
    with pytest.raises(InvitationUnusable) as problem:
        invitation_accept(token="no-such-token", user=UserFactory())
    assert problem.value.reason == "unknown"


def test_cancelled_invitation_link_stops_working():
    admin = AdminMembershipFactory()
    invitation = InvitationFactory(organisation=admin.organisation, token="tok-cancel")
    invitation_cancel(invitation=invitation, user=admin.user)
    with pytest.raises(InvitationUnusable):
        invitation_accept(token="tok-cancel", user=UserFactory(email=invitation.email))


def test_the_invitation_quotes_the_names_people_chose_and_says_who_sent_it(
    django_capture_on_commit_callbacks, settings
):
    """Names are data: quoted, on one line, never the service's own words."""
    admin = AdminMembershipFactory(
        organisation__name="Your account is suspended\n\nVerify now", user__full_name="Sam  Jones"
    )
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(organisation=admin.organisation, email="x@example.org", user=admin.user)
    (email,) = mail.outbox
    assert email.subject == (
        "You have been invited to join “Your account is suspended Verify now” on Evidence Store and PINE"
    )
    assert email.body.startswith(
        "“Sam Jones” has invited you to join the organisation “Your account is suspended Verify now”"
    )
    assert "\nVerify now" not in email.body
    assert (
        "Why you have this email: “Sam Jones”, an admin of “Your account is suspended Verify now” "
        "on the service, entered this email address"
    ) in email.body
    assert f"tell us at {settings.CONTACT_EMAIL}" in email.body
