"""Following an invitation link: accept, or a clear page when the link cannot be used."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone

from accounts.models import Invitation, Membership, User
from accounts.services.invitations import InvitationUnusable, invitation_accept_received
from tests.accounts.factories import InvitationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_invited_person_accepts_and_joins(client):
    invitation = InvitationFactory(email="new@example.org", token="tok-1")
    client.force_login(UserFactory(email="new@example.org"))
    page = client.get("/accounts/invitations/tok-1/")
    assert f"Join {invitation.organisation}" in page.content.decode()
    response = client.post("/accounts/invitations/tok-1/")
    assert response["Location"] == invitation.organisation.get_absolute_url()
    assert Membership.objects.filter(organisation=invitation.organisation).count() == 1


def test_reused_link_gets_a_clear_page(client):
    InvitationFactory(email="new@example.org", token="tok-2", accepted_at=timezone.now())
    client.force_login(UserFactory(email="new@example.org"))
    response = client.get("/accounts/invitations/tok-2/")
    assert response.status_code == 410
    assert "This invitation has already been used" in response.content.decode()
    assert client.post("/accounts/invitations/tok-2/").status_code == 410


def test_expired_link_gets_a_clear_page_even_when_signed_out(client):
    InvitationFactory(token="tok-3", created_at=timezone.now() - timedelta(days=15))
    response = client.get("/accounts/invitations/tok-3/")
    assert response.status_code == 410
    assert "This invitation has expired" in response.content.decode()


def test_unknown_link_gets_a_clear_page(client):
    response = client.get("/accounts/invitations/made-up/")
    assert response.status_code == 404
    assert "This invitation link is not valid" in response.content.decode()


def test_signed_in_with_another_address_is_told_which_address_to_use(client):
    InvitationFactory(email="meant@example.org", token="tok-4")
    client.force_login(UserFactory(email="other@example.org"))
    response = client.get("/accounts/invitations/tok-4/")
    assert response.status_code == 403
    assert "It was sent to meant@example.org" in response.content.decode()


def test_newcomer_signs_up_from_the_link_without_a_second_check_and_joins(
    client, django_capture_on_commit_callbacks
):
    invitation = InvitationFactory(email="newcomer@example.org", token="tok-5")
    page = client.get("/accounts/invitations/tok-5/").content.decode()
    assert "Create an account" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/signup/?next=/accounts/invitations/tok-5/",
            {
                "full_name": "New Comer",
                "email": "newcomer@example.org",
                "password1": "lantern-orchard-velvet-93",
                "password2": "lantern-orchard-velvet-93",
                "next": "/accounts/invitations/tok-5/",
            },
        )
    # Following the emailed link already showed the address is theirs.
    assert response["Location"] == "/accounts/invitations/tok-5/"
    assert not [m for m in mail.outbox if "Confirm" in m.subject]
    client.post("/accounts/invitations/tok-5/")
    person = User.objects.get(email="newcomer@example.org")
    assert Membership.objects.filter(user=person, organisation=invitation.organisation).exists()


def test_an_invitation_to_your_address_can_be_accepted_from_your_account(client, member):
    invitation = InvitationFactory(email="sam@example.org", organisation__name="Warrington")
    client.force_login(member)
    path = f"/accounts/invitations/received/{invitation.pk}/"
    page = client.get(path).content.decode()
    assert "Join Warrington" in page and "Accept invitation" in page
    assert "This invitation expires on" in page
    response = client.post(path)
    assert response["Location"] == invitation.organisation.get_absolute_url()
    assert invitation.organisation.memberships.filter(user=member).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_by == member
    assert client.get(path).status_code == 404  # used: no longer waiting for them


def test_someone_elses_invitation_gives_404_from_the_account_home_route(client, member):
    invitation = InvitationFactory(email="someone.else@example.org")
    client.force_login(member)
    path = f"/accounts/invitations/received/{invitation.pk}/"
    assert client.get(path).status_code == 404
    assert client.post(path).status_code == 404
    assert not Membership.objects.filter(user=member).exists()


def test_an_unverified_address_cannot_accept_without_the_emailed_link(client, member):
    invitation = InvitationFactory(email="sam@example.org")
    EmailAddress.objects.filter(user=member).update(verified=False)
    client.force_login(member)
    assert client.post(f"/accounts/invitations/received/{invitation.pk}/").status_code == 404
    assert not Membership.objects.filter(user=member).exists()


def test_an_invitation_cancelled_while_the_page_was_open_gets_a_clear_page(client, member):
    invitation = InvitationFactory(email="sam@example.org")
    client.force_login(member)
    client.get(f"/accounts/invitations/received/{invitation.pk}/")
    seen = Invitation.objects.get(pk=invitation.pk)
    invitation.delete()
    with pytest.raises(InvitationUnusable) as refused:
        invitation_accept_received(invitation=seen, user=member)
    assert refused.value.reason == "unknown"
