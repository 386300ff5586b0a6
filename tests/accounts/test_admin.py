"""Staff groups have exact permissions; staff manage organisations and deactivate users."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.test import Client

from accounts.models import JoinRequest, Organisation
from tests.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.accounts.journeys import sign_in, sign_in_with_two_factor

pytestmark = pytest.mark.django_db


def _codenames(group: str) -> set[str]:
    """The group's permissions on accounts' models; the PINE app adds its own to the groups."""
    permissions = Group.objects.get(name=group).permissions.filter(
        content_type__app_label="accounts"
    )
    return {f"accounts.{p.codename}" for p in permissions}


def test_the_three_staff_groups_exist():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Evidence editors", "PINE reviewers", "PINE programme managers"} <= names


def test_pine_reviewers_have_exactly_the_accounts_permissions_they_need():
    assert _codenames("PINE reviewers") == {
        "accounts.view_user",
        "accounts.view_organisation",
        "accounts.view_membership",
    }


def test_pine_programme_managers_can_also_verify_organisations():
    assert _codenames("PINE programme managers") == {
        "accounts.view_user",
        "accounts.view_organisation",
        "accounts.change_organisation",
        "accounts.view_membership",
        "accounts.view_invitation",
        "accounts.view_joinrequest",
    }


@pytest.fixture
def manager(client):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="PINE programme managers"))
    sign_in_with_two_factor(client, user)
    return user


def test_manager_lists_filters_and_verifies_an_organisation(client, manager):
    organisation = OrganisationFactory(name="Warrington", kind="local_authority")
    MembershipFactory(
        organisation=organisation, user__email="member@example.org", user__full_name="Mo Member"
    )
    listing = client.get(
        "/admin/accounts/organisation/?verified__exact=0&kind__exact=local_authority&q=member@example.org"
    )
    assert "Warrington" in listing.content.decode()
    change_url = f"/admin/accounts/organisation/{organisation.pk}/change/"
    page = client.get(change_url).content.decode()
    assert "Mo Member" in page  # memberships inline
    data = {
        "name": "Warrington",
        "slug": organisation.slug,
        "kind": "local_authority",
        "region": "north_west",
        "verified": "on",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    assert client.post(change_url, data).status_code == 302
    organisation.refresh_from_db()
    assert organisation.verified


def test_reviewer_can_view_but_not_change_organisations(client):
    reviewer = UserFactory(is_staff=True)
    reviewer.groups.add(Group.objects.get(name="PINE reviewers"))
    sign_in_with_two_factor(client, reviewer)
    organisation = OrganisationFactory()
    assert client.get(f"/admin/accounts/organisation/{organisation.pk}/change/").status_code == 200
    response = client.post(
        f"/admin/accounts/organisation/{organisation.pk}/change/", {"name": "New"}
    )
    assert response.status_code == 403
    assert Organisation.objects.get(pk=organisation.pk).name == organisation.name


def test_deactivate_action_goes_through_the_service(client, superuser):
    sign_in_with_two_factor(client, superuser)
    person = UserFactory()
    client.post("/admin/accounts/user/", {"action": "deactivate", "_selected_action": [person.pk]})
    person.refresh_from_db()
    assert not person.is_active


def test_unticking_active_on_the_change_form_signs_the_person_out(client, superuser):
    person = UserFactory(email="leaver@example.org", full_name="Lee Leaver")
    their_browser = Client()
    sign_in(their_browser, "leaver@example.org")
    session_key = their_browser.session.session_key
    sign_in_with_two_factor(client, superuser)
    change_url = f"/admin/accounts/user/{person.pk}/change/"
    data = {
        "email": "leaver@example.org",
        "full_name": "Lee Leaver",
        "job_title": "",
        "role": "",
    }  # is_active left unticked
    response = client.post(change_url, data)
    assert response.status_code == 302, response.content.decode()
    person.refresh_from_db()
    assert not person.is_active
    assert not Session.objects.filter(session_key=session_key).exists()
    assert their_browser.get("/accounts/profile/").status_code == 302


def test_saving_the_change_form_of_an_active_person_keeps_them_signed_in(client, superuser):
    person = UserFactory(email="stayer@example.org", full_name="Sal Stayer")
    their_browser = Client()
    sign_in(their_browser, "stayer@example.org")
    sign_in_with_two_factor(client, superuser)
    data = {"email": "stayer@example.org", "full_name": "Sal Stayer", "is_active": "on"}
    assert client.post(f"/admin/accounts/user/{person.pk}/change/", data).status_code == 302
    person.refresh_from_db()
    assert person.is_active
    assert their_browser.get("/accounts/profile/").status_code == 200


def test_requests_to_join_are_a_read_only_record_for_staff(client, manager):
    join_request = JoinRequest.objects.create(
        organisation=OrganisationFactory(name="Warrington"),
        user=UserFactory(email="jo@example.org"),
    )
    listing = client.get("/admin/accounts/joinrequest/?q=jo@example.org").content.decode()
    assert "Warrington" in listing and "Waiting for a reply" in listing
    change = f"/admin/accounts/joinrequest/{join_request.pk}/change/"
    page = client.get(change)
    assert page.status_code == 200
    assert 'type="submit"' not in page.content.decode().split('id="content-main"')[1]
    assert client.post(change, {"status": "approved"}).status_code == 403
    assert client.get("/admin/accounts/joinrequest/add/").status_code == 403
    assert client.get(f"/admin/accounts/joinrequest/{join_request.pk}/delete/").status_code == 403
    join_request.refresh_from_db()
    assert join_request.is_pending


def test_reviewers_cannot_see_requests_to_join(client):
    reviewer = UserFactory(is_staff=True)
    reviewer.groups.add(Group.objects.get(name="PINE reviewers"))
    sign_in_with_two_factor(client, reviewer)
    assert client.get("/admin/accounts/joinrequest/").status_code == 403
