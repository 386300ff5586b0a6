"""Downloading your data, and deleting your account without losing your organisation's records."""

import json
import re

import pytest
from django.contrib.sessions.models import Session
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
from core.models import OutboundEmail
from tests.accounts.factories import (
    PASSWORD,
    AdminMembershipFactory,
    InvitationFactory,
    MembershipFactory,
    UserFactory,
)
from tests.accounts.journeys import sign_in

pytestmark = pytest.mark.django_db


def test_download_has_the_persons_data_and_nobody_elses(client):
    mine = AdminMembershipFactory(
        user__email="me@example.org",
        user__job_title="Team manager",
        organisation__name="Warrington",
    )
    sent = InvitationFactory(
        organisation=mine.organisation, invited_by=mine.user, email="asked@example.org"
    )
    inviter = AdminMembershipFactory(user__email="inviter@example.org")
    InvitationFactory(
        organisation=inviter.organisation, invited_by=inviter.user, email="me@example.org"
    )
    colleague = MembershipFactory(
        organisation=mine.organisation, user__email="colleague@example.org"
    )
    stranger = MembershipFactory(user__email="stranger@example.org", organisation__name="Elsewhere")
    client.force_login(mine.user)
    response = client.get("/accounts/data/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="your-data-')
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "me@example.org"
    assert data["account"]["job_title"] == "Team manager"
    assert data["memberships"] == [
        {"organisation": "Warrington", "role": "Admin", "since": mine.created_at.isoformat()}
    ]
    assert data["invitations_sent"] == [
        {
            "organisation": "Warrington",
            "sent": sent.created_at.isoformat(),
            "expires": sent.expires_at.isoformat(),
            "accepted": None,
            "status": "Waiting for a reply",
        }
    ]
    assert [i["email"] for i in data["invitations_received"]] == ["me@example.org"]
    text = response.content.decode()
    others = [colleague.user.email, stranger.user.email, "asked@example.org", "Elsewhere"]
    for other in [*others, "inviter@example.org", "password"]:
        assert other not in text
    emails = set(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text))
    assert emails == {"me@example.org"}


def test_download_includes_sections_other_apps_register(client, member, monkeypatch):
    monkeypatch.setattr(personal_data, "_exporters", {})
    personal_data.register("pine_applications", lambda user: [{"author": user.email}])
    client.force_login(member)
    data = json.loads(client.get("/accounts/data/").content)
    assert data["pine_applications"] == [{"author": "sam@example.org"}]
    with pytest.raises(ValueError, match="already registered"):
        personal_data.register("account", lambda user: None)


def test_download_needs_sign_in(client):
    assert client.get("/accounts/data/").status_code == 302


def test_deleting_an_account_keeps_the_organisation_and_its_records(client):
    leaver = MembershipFactory(user__email="leaver@example.org", user__full_name="Lee Leaver")
    admin = AdminMembershipFactory(organisation=leaver.organisation)
    accepted = InvitationFactory(
        organisation=leaver.organisation, invited_by=leaver.user, accepted_at=timezone.now()
    )
    sign_in(client, "leaver@example.org")
    session_key = client.session.session_key
    page = client.get("/accounts/delete/").content.decode()
    assert "You cannot undo this" in page

    response = client.post("/accounts/delete/", {"password": PASSWORD})
    assert response["Location"] == "/"
    user = User.objects.get(pk=leaver.user.pk)
    assert str(user) == DELETED_USER_NAME
    assert user.email != "leaver@example.org" and not user.is_active
    assert not user.has_usable_password()
    assert user.deleted_at
    assert not Membership.objects.filter(user=user).exists()
    # The organisation, its other members and what the person did for it stay.
    assert Organisation.objects.filter(pk=leaver.organisation.pk).exists()
    assert Membership.objects.filter(pk=admin.pk).exists()
    accepted.refresh_from_db()
    assert str(accepted.invited_by) == DELETED_USER_NAME
    # Signed out everywhere, and cannot sign in again.
    assert not Session.objects.filter(session_key=session_key).exists()
    assert sign_in(client, "leaver@example.org").status_code == 200


def test_deleting_needs_the_right_password(client, member):
    client.force_login(member)
    response = client.post("/accounts/delete/", {"password": "wrong"})
    html = response.content.decode()
    assert "<title>Error: Delete your account" in html
    assert '<a href="#id_password">The password is not correct.</a>' in html
    member.refresh_from_db()
    assert member.is_active and not member.deleted_at


def test_last_admin_of_an_organisation_with_members_must_hand_over_first(client):
    admin = AdminMembershipFactory(organisation__name="Warrington")
    MembershipFactory(organisation=admin.organisation)
    client.force_login(admin.user)
    html = client.post("/accounts/delete/", {"password": PASSWORD}).content.decode()
    assert "You are the only admin of Warrington" in html
    admin.user.refresh_from_db()
    assert admin.user.is_active


def test_deletion_removes_invitations_addressed_to_the_person(client, member):
    InvitationFactory(email="sam@example.org")
    client.force_login(member)
    client.post("/accounts/delete/", {"password": PASSWORD})
    assert not Invitation.objects.exists()


def test_deletion_cancels_invitations_the_person_sent_that_nobody_accepted(client):
    admin = AdminMembershipFactory(organisation__name="Warrington")
    colleague = AdminMembershipFactory(organisation=admin.organisation)
    waiting = InvitationFactory(
        organisation=admin.organisation, invited_by=admin.user, token="waiting-link"
    )
    theirs = InvitationFactory(organisation=admin.organisation, invited_by=colleague.user)
    client.force_login(admin.user)
    assert client.post("/accounts/delete/", {"password": PASSWORD})["Location"] == "/"
    assert not Invitation.objects.filter(pk=waiting.pk).exists()
    assert Invitation.objects.filter(pk=theirs.pk).exists()
    client.force_login(UserFactory(email=waiting.email))
    assert client.get("/accounts/invitations/waiting-link/").status_code == 404
    assert not Membership.objects.filter(user__email=waiting.email).exists()


def test_the_sole_member_of_an_organisation_can_delete_their_account(client):
    only = AdminMembershipFactory(organisation__name="Warrington")
    client.force_login(only.user)
    assert client.post("/accounts/delete/", {"password": PASSWORD})["Location"] == "/"
    only.user.refresh_from_db()
    assert only.user.deleted_at
    organisation = Organisation.objects.get(pk=only.organisation.pk)
    assert not organisation.memberships.exists()  # staff give it a new admin in the admin


def test_download_lists_your_requests_to_join_without_who_decided(client, member):
    decider = UserFactory(email="decider@example.org", full_name="Dee Cider")
    asked = JoinRequest.objects.create(
        user=member,
        organisation=AdminMembershipFactory(organisation__name="Warrington").organisation,
        status=JoinRequest.Status.REFUSED,
        decided_by=decider,
        decided_at=timezone.now(),
    )
    JoinRequest.objects.create(user=UserFactory(), organisation=asked.organisation)
    client.force_login(member)
    response = client.get("/accounts/data/")
    assert json.loads(response.content)["join_requests"] == [
        {
            "organisation": "Warrington",
            "asked": asked.created_at.isoformat(),
            "status": "Refused",
            "decided": asked.decided_at.isoformat(),
        }
    ]
    assert "decider@example.org" not in response.content.decode()
    assert "Dee Cider" not in response.content.decode()


def test_deletion_removes_the_persons_requests_to_join(client, member):
    JoinRequest.objects.create(user=member, organisation=AdminMembershipFactory().organisation)
    others = JoinRequest.objects.create(
        user=UserFactory(), organisation=AdminMembershipFactory().organisation
    )
    client.force_login(member)
    client.post("/accounts/delete/", {"password": PASSWORD})
    assert list(JoinRequest.objects.all()) == [others]


def _email_to(address: str, subject: str, status: str = "sent") -> OutboundEmail:
    return OutboundEmail.objects.create(
        template="t", to=address, from_email="f@example.org", subject=subject, status=status
    )


def test_download_lists_the_emails_sent_to_the_person_and_no_one_elses(client, member):
    _email_to(member.email.upper(), "You have a place at the event")
    _email_to("someone.else@example.org", "Not yours")
    client.force_login(member)
    data = client.get("/accounts/data/").json()
    assert [e["subject"] for e in data["emails_sent_to_you"]] == ["You have a place at the event"]
    assert data["emails_sent_to_you"][0]["status"] == "Sent"


def test_deletion_removes_the_emails_to_the_person_and_those_not_yet_sent(client, member):
    _email_to(member.email, "Sent before")
    _email_to(member.email, "Waiting", status="queued")
    other = _email_to("someone.else@example.org", "Not theirs")
    sign_in(client, member.email)
    client.post("/accounts/delete/", {"password": PASSWORD})
    assert list(OutboundEmail.objects.all()) == [other]
