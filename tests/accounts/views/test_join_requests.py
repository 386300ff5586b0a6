"""The pages for asking to join an organisation, and the admins' buttons to decide."""

import pytest
from django.core import mail

from accounts.models import JoinRequest
from tests.accounts.factories import (
    AdminMembershipFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def warrington():
    organisation = OrganisationFactory(name="Warrington Borough Council", slug="warrington")
    AdminMembershipFactory(
        organisation=organisation, user__full_name="Ada Admin", user__email="ada@example.org"
    )
    MembershipFactory(organisation=organisation, user__full_name="Quentin Colleague")
    return organisation


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get("/accounts/organisation/join/")
    assert response["Location"] == "/accounts/login/?next=/accounts/organisation/join/"


def test_searching_shows_matching_names_but_never_who_belongs(client, member, warrington):
    OrganisationFactory(name="Barking and Dagenham")
    client.force_login(member)
    html = client.get("/accounts/organisation/join/", {"name": "warrington"}).content.decode()
    assert "Warrington Borough Council" in html
    assert "Barking and Dagenham" not in html
    for private in ("Ada Admin", "ada@example.org", "Quentin Colleague"):
        assert private not in html
    assert 'value="warrington"' in html  # the radio for it, by slug
    assert "Ask to join</button>" in html


def test_a_search_of_fewer_than_three_letters_lists_nothing_and_says_why(
    client, member, warrington
):
    client.force_login(member)
    html = client.get("/accounts/organisation/join/", {"name": " wa "}).content.decode()
    assert "<title>Error: Ask to join an organisation" in html
    assert "Enter at least 3 letters of the organisation’s name." in html
    assert "Warrington Borough Council" not in html


def test_organisations_you_belong_to_are_not_offered(client, warrington):
    colleague = warrington.memberships.get(role="member").user
    client.force_login(colleague)
    html = client.get("/accounts/organisation/join/", {"name": "Warrington"}).content.decode()
    assert "No organisations found" in html
    assert 'value="warrington"' not in html


def test_asking_to_join_goes_to_the_account_home_which_shows_the_request(
    client, member, warrington, django_capture_on_commit_callbacks
):
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/organisation/join/", {"name": "Warrington", "organisation": "warrington"}
        )
    assert response["Location"] == "/accounts/"
    assert JoinRequest.objects.get().user == member
    assert [m.to for m in mail.outbox] == [["ada@example.org"]]
    html = client.get("/accounts/").content.decode()
    assert "You have asked to join Warrington Borough Council." in html
    assert "Warrington Borough Council: waiting for an admin to reply" in html


def test_choosing_nothing_or_a_made_up_organisation_gets_one_plain_error(
    client, member, warrington
):
    client.force_login(member)
    for choice in ({}, {"organisation": "no-such-organisation"}):
        response = client.post("/accounts/organisation/join/", {"name": "Warrington", **choice})
        html = response.content.decode()
        assert response.status_code == 200
        assert '<a href="#id_organisation_1">Select the organisation you want to join.</a>' in html
        assert "Warrington Borough Council" in html  # the results are shown again
        assert "valid choice" not in html
    assert not JoinRequest.objects.exists()


def test_asking_again_while_waiting_is_an_error_next_to_the_choice(client, member, warrington):
    JoinRequest.objects.create(organisation=warrington, user=member)
    client.force_login(member)
    html = client.post(
        "/accounts/organisation/join/", {"name": "Warrington", "organisation": "warrington"}
    ).content.decode()
    assert "You have already asked to join Warrington Borough Council." in html
    assert JoinRequest.objects.count() == 1


def _ask(warrington) -> JoinRequest:
    return JoinRequest.objects.create(
        organisation=warrington, user=UserFactory(full_name="Jo Bloggs", email="jo@example.org")
    )


def test_admins_see_waiting_requests_on_the_organisation_page_and_members_do_not(
    client, warrington
):
    join_request = _ask(warrington)
    client.force_login(warrington.memberships.get(role="admin").user)
    html = client.get("/accounts/organisation/warrington/").content.decode()
    assert "Requests to join" in html and "Jo Bloggs" in html and "jo@example.org" in html
    assert (
        f'action="/accounts/organisation/warrington/join-requests/{join_request.pk}/approve/"'
        in (html)
    )
    client.force_login(warrington.memberships.get(role="member").user)
    html = client.get("/accounts/organisation/warrington/").content.decode()
    assert "Jo Bloggs" not in html and "Requests to join" not in html


def test_an_admin_approves_with_a_post_and_is_told_the_result(
    client, warrington, django_capture_on_commit_callbacks
):
    join_request = _ask(warrington)
    client.force_login(warrington.memberships.get(role="admin").user)
    path = f"/accounts/organisation/warrington/join-requests/{join_request.pk}/approve/"
    assert client.get(path).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path)
    assert response["Location"] == "/accounts/organisation/warrington/"
    assert warrington.memberships.filter(user=join_request.user).exists()
    assert [m.to for m in mail.outbox] == [["jo@example.org"]]
    html = client.get(response["Location"]).content.decode()
    assert "Jo Bloggs is now a member of Warrington Borough Council." in html


def test_a_second_decision_on_the_same_request_is_told_it_was_already_made(client, warrington):
    join_request = _ask(warrington)
    client.force_login(warrington.memberships.get(role="admin").user)
    base = f"/accounts/organisation/warrington/join-requests/{join_request.pk}"
    client.post(f"{base}/refuse/")
    response = client.post(f"{base}/approve/", follow=True)
    assert "Ada Admin has already refused this request. Nothing was changed." in (
        response.content.decode()
    )
    assert not warrington.memberships.filter(user=join_request.user).exists()


def test_others_requests_give_404(client, warrington):
    join_request = _ask(warrington)
    other_admin = AdminMembershipFactory(organisation__slug="elsewhere").user
    member = warrington.memberships.get(role="member").user
    for person, slug in [
        (other_admin, "warrington"),
        (other_admin, "elsewhere"),
        (member, "warrington"),
    ]:
        client.force_login(person)
        for decision in ("approve", "refuse"):
            path = f"/accounts/organisation/{slug}/join-requests/{join_request.pk}/{decision}/"
            assert client.post(path).status_code == 404, (person, path)
    join_request.refresh_from_db()
    assert join_request.is_pending


def test_the_organisation_pages_offer_asking_to_join(client, member):
    client.force_login(member)
    for path in ("/accounts/organisation/", "/accounts/organisation/new/", "/accounts/profile/"):
        assert 'href="/accounts/organisation/join/"' in client.get(path).content.decode(), path
