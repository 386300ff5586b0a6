"""Asking to join an organisation, and its admins' decisions: who may, and who is emailed."""

import pytest
from django.core import mail

from accounts.models import JoinRequest, Membership
from accounts.services import ActionRefused
from accounts.services.join_requests import (
    JOIN_REQUESTS_PER_PERSON,
    JoinRequestLimitReached,
    join_request_approve,
    join_request_ask,
    join_request_refuse,
)
from tests.accounts.factories import (
    AdminMembershipFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Warrington Borough Council", slug="warrington")


@pytest.fixture
def admins(organisation):
    return [
        AdminMembershipFactory(organisation=organisation, user__email=f"admin{n}@example.org").user
        for n in (1, 2)
    ]


@pytest.fixture
def jo(db):
    return UserFactory(full_name="Jo Bloggs", email="jo@example.org")


def test_asking_emails_every_admin_a_sentence_and_a_link_to_the_organisation(
    organisation, admins, jo, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://service.example.org"
    MembershipFactory(organisation=organisation, user__email="plain.member@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        join_request = join_request_ask(organisation=organisation, user=jo)
    assert join_request.status == JoinRequest.Status.PENDING
    assert sorted(m.to[0] for m in mail.outbox) == ["admin1@example.org", "admin2@example.org"]
    email = mail.outbox[0]
    assert email.subject == "“Jo Bloggs” has asked to join “Warrington Borough Council”"
    assert "jo@example.org" in email.body
    assert "https://service.example.org/accounts/organisation/warrington/#join-requests" in (
        email.body
    )


def test_a_member_cannot_ask_to_join_their_own_organisation(organisation, admins):
    with pytest.raises(ActionRefused, match="You are already a member of Warrington"):
        join_request_ask(organisation=organisation, user=admins[0])
    assert not JoinRequest.objects.exists()


def test_asking_twice_while_the_first_waits_is_refused_clearly(organisation, admins, jo):
    join_request_ask(organisation=organisation, user=jo)
    with pytest.raises(ActionRefused, match="You have already asked to join Warrington"):
        join_request_ask(organisation=organisation, user=jo)
    assert JoinRequest.objects.count() == 1


def test_after_a_refusal_the_person_may_ask_again(organisation, admins, jo):
    first = join_request_ask(organisation=organisation, user=jo)
    join_request_refuse(join_request=first, user=admins[0])
    second = join_request_ask(organisation=organisation, user=jo)
    assert second.pk != first.pk and second.is_pending


def test_an_organisation_without_admins_cannot_be_asked(organisation, jo):
    MembershipFactory(organisation=organisation)
    with pytest.raises(ActionRefused, match="has no admin to approve your request"):
        join_request_ask(organisation=organisation, user=jo)


def test_one_person_may_ask_only_so_many_organisations_a_day(jo):
    amount = JOIN_REQUESTS_PER_PERSON[0]
    for _ in range(amount):
        join_request_ask(organisation=AdminMembershipFactory().organisation, user=jo)
    with pytest.raises(JoinRequestLimitReached, match=f"You have asked to join {amount}"):
        join_request_ask(organisation=AdminMembershipFactory().organisation, user=jo)
    assert JoinRequest.objects.count() == amount


def test_approving_makes_them_a_member_and_emails_them_a_link_to_their_account(
    organisation, admins, jo, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://service.example.org"
    join_request = join_request_ask(organisation=organisation, user=jo)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        membership = join_request_approve(join_request=join_request, user=admins[0])
    assert membership.user == jo and membership.role == Membership.Role.MEMBER
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.APPROVED
    assert join_request.decided_by == admins[0] and join_request.decided_at
    [email] = mail.outbox
    assert email.to == ["jo@example.org"]
    assert (
        email.subject == "You have joined “Warrington Borough Council” on Evidence Store and PINE"
    )
    assert "https://service.example.org/accounts/" in email.body


def test_refusing_tells_them_and_does_not_let_them_in(
    organisation, admins, jo, django_capture_on_commit_callbacks
):
    join_request = join_request_ask(organisation=organisation, user=jo)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        join_request_refuse(join_request=join_request, user=admins[1])
    assert not organisation.memberships.filter(user=jo).exists()
    [email] = mail.outbox
    assert email.to == ["jo@example.org"]
    assert email.subject == "Your request to join “Warrington Borough Council” was not approved"


def test_only_an_admin_of_the_organisation_decides(organisation, admins, jo):
    join_request = join_request_ask(organisation=organisation, user=jo)
    member = MembershipFactory(organisation=organisation).user
    outsider = AdminMembershipFactory().user
    for person in (member, outsider, jo):
        with pytest.raises(ActionRefused, match="Only admins of Warrington"):
            join_request_approve(join_request=join_request, user=person)
    join_request.refresh_from_db()
    assert join_request.is_pending
    assert not organisation.memberships.filter(user=jo).exists()


@pytest.mark.parametrize("second", [join_request_approve, join_request_refuse])
def test_of_two_admins_deciding_at_once_the_second_is_told_who_won(
    organisation, admins, jo, second, django_capture_on_commit_callbacks
):
    join_request = join_request_ask(organisation=organisation, user=jo)
    seen_by_both = JoinRequest.objects.get(pk=join_request.pk)  # both pages show it waiting
    admins[0].full_name = "Ada Admin"
    admins[0].save()
    join_request_refuse(join_request=seen_by_both, user=admins[0])
    mail.outbox.clear()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ActionRefused, match="Ada Admin has already refused this request"),
    ):
        second(join_request=seen_by_both, user=admins[1])
    assert mail.outbox == []
    join_request.refresh_from_db()
    assert (join_request.status, join_request.decided_by) == (
        JoinRequest.Status.REFUSED,
        admins[0],
    )
    assert not organisation.memberships.filter(user=jo).exists()
