"""Organisations are created with an admin, and always keep at least one admin."""

import pytest

from accounts.models import Membership
from accounts.services import ActionRefused
from accounts.services.organisations import (
    membership_change_role,
    membership_remove,
    organisation_create,
)
from tests.accounts.factories import (
    AdminMembershipFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_creator_becomes_the_admin_and_the_slug_is_unique():
    OrganisationFactory(name="Other", slug="warrington")
    user = UserFactory()
    organisation = organisation_create(
        user=user, name="Warrington", kind="local_authority", region="north_west"
    )
    assert organisation.slug == "warrington-2"
    assert Membership.objects.get(organisation=organisation).user == user
    assert Membership.objects.get(organisation=organisation).is_admin


def test_a_slug_taken_at_the_same_moment_by_someone_else_moves_on_to_the_next(monkeypatch):
    """As when two people set up the same name at once: the slug chosen is taken on saving."""
    from accounts.services import organisations

    OrganisationFactory(name="Warrington", slug="warrington")
    chosen = iter(["warrington", "warrington-2"])
    monkeypatch.setattr(organisations, "_unique_slug", lambda name: next(chosen))
    organisation = organisation_create(
        user=UserFactory(), name="Warrington", kind="local_authority", region="north_west"
    )
    assert organisation.slug == "warrington-2"
    assert Membership.objects.get(organisation=organisation).is_admin


def test_last_admin_cannot_leave():
    admin = AdminMembershipFactory()
    MembershipFactory(organisation=admin.organisation)
    with pytest.raises(ActionRefused, match="You are the only admin of"):
        membership_remove(membership=admin, user=admin.user)
    assert Membership.objects.filter(pk=admin.pk).exists()


def test_last_admin_cannot_give_up_admin_rights():
    admin = AdminMembershipFactory()
    with pytest.raises(ActionRefused, match="before you give up your admin rights"):
        membership_change_role(membership=admin, role="member", user=admin.user)
    admin.refresh_from_db()
    assert admin.is_admin


def test_an_admin_can_leave_once_someone_else_is_admin():
    admin = AdminMembershipFactory()
    colleague = MembershipFactory(organisation=admin.organisation)
    membership_change_role(membership=colleague, role="admin", user=admin.user)
    membership_remove(membership=admin, user=admin.user)
    assert list(admin.organisation.memberships.all()) == [colleague]


def test_admin_removes_a_member_but_a_member_cannot_remove_anyone():
    admin = AdminMembershipFactory()
    first = MembershipFactory(organisation=admin.organisation)
    second = MembershipFactory(organisation=admin.organisation)
    with pytest.raises(ActionRefused, match="Only admins"):
        membership_remove(membership=second, user=first.user)
    membership_remove(membership=second, user=admin.user)
    assert not Membership.objects.filter(pk=second.pk).exists()


def test_a_member_can_leave():
    admin = AdminMembershipFactory()
    member = MembershipFactory(organisation=admin.organisation)
    membership_remove(membership=member, user=member.user)
    assert not Membership.objects.filter(pk=member.pk).exists()


def test_a_member_cannot_make_themselves_admin():
    member = MembershipFactory()
    AdminMembershipFactory(organisation=member.organisation)
    with pytest.raises(ActionRefused, match="Only admins"):
        membership_change_role(membership=member, role="admin", user=member.user)
