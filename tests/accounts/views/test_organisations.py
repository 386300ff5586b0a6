"""The organisation pages: scoped to your memberships, with admin-only changes."""

import pytest
from django.core import mail
from django.utils.html import escape

from accounts.models import Invitation, Membership, Organisation
from tests.accounts.factories import (
    AdminMembershipFactory,
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client):
    membership = AdminMembershipFactory(
        organisation__name="Warrington", organisation__slug="warrington"
    )
    client.force_login(membership.user)
    return membership


def test_person_without_an_organisation_is_offered_to_set_one_up(client, member):
    client.force_login(member)
    html = client.get("/accounts/organisation/").content.decode()
    assert "You do not belong to an organisation yet" in html
    assert 'href="/accounts/organisation/new/"' in html


def test_setting_up_an_organisation_makes_you_its_admin(client, member):
    client.force_login(member)
    response = client.post(
        "/accounts/organisation/new/",
        {"name": "  Royal   Borough of Greenwich ", "kind": "local_authority", "region": "london"},
    )
    organisation = Organisation.objects.get()
    assert organisation.name == "Royal Borough of Greenwich"
    assert response["Location"] == "/accounts/organisation/royal-borough-of-greenwich/"
    assert Membership.objects.get(organisation=organisation, user=member).is_admin
    assert client.get("/accounts/organisation/")["Location"] == organisation.get_absolute_url()


def test_organisation_form_errors_keep_what_was_typed_and_link_to_the_fields(client, member):
    client.force_login(member)
    response = client.post("/accounts/organisation/new/", {"name": "Warrington www.evil.example"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Set up an organisation" in html
    assert '<a href="#id_name">Enter a name without a web address or email address in it.' in html
    assert '<a href="#id_kind_1">Select what kind of organisation it is.</a>' in html
    assert 'value="Warrington www.evil.example"' in html


def test_a_name_already_in_use_is_allowed_so_the_form_tells_nobody_which_names_exist(
    client, member
):
    OrganisationFactory(name="Warrington", slug="warrington")
    client.force_login(member)
    response = client.post(
        "/accounts/organisation/new/",
        {"name": "warrington", "kind": "local_authority", "region": "north_west"},
    )
    assert response["Location"] == "/accounts/organisation/warrington-2/"
    assert Organisation.objects.filter(name__iexact="warrington").count() == 2


def test_organisation_page_lists_members_and_pending_invitations_for_admins(client, admin):
    MembershipFactory(organisation=admin.organisation, user__full_name="Mo Member")
    InvitationFactory(organisation=admin.organisation, email="waiting@example.org")
    html = client.get("/accounts/organisation/warrington/").content.decode()
    # Names are random and may hold an apostrophe, which the page rightly escapes.
    assert "Mo Member" in html and escape(str(admin.user)) in html
    assert "waiting@example.org" in html
    assert "Invite a colleague" in html


def test_members_do_not_see_invitations_or_admin_actions(client):
    member = MembershipFactory()
    InvitationFactory(organisation=member.organisation, email="waiting@example.org")
    client.force_login(member.user)
    html = client.get(member.organisation.get_absolute_url()).content.decode()
    assert "waiting@example.org" not in html
    assert "Invite a colleague" not in html
    invite_url = f"/accounts/organisation/{member.organisation.slug}/invite/"
    page = client.get(invite_url)
    assert page.status_code == 403
    assert "Only admins can invite people" in page.content.decode()
    assert "Send invitation" not in page.content.decode()
    assert client.post(invite_url, {"email": "x@example.org"}).status_code == 403
    assert not Invitation.objects.filter(email="x@example.org").exists()


def test_another_organisations_pages_and_objects_give_404(client, admin):
    other = AdminMembershipFactory(organisation__slug="greenwich")
    invitation = InvitationFactory(organisation=other.organisation)
    for path in [
        "/accounts/organisation/greenwich/",
        "/accounts/organisation/greenwich/invite/",
        f"/accounts/organisation/greenwich/members/{other.pk}/remove/",
        # Another organisation's member, reached through your own organisation's address.
        f"/accounts/organisation/warrington/members/{other.pk}/remove/",
    ]:
        assert client.get(path).status_code == 404, path
    for path in [
        f"/accounts/organisation/greenwich/members/{other.pk}/role/",
        f"/accounts/organisation/warrington/members/{other.pk}/role/",
        f"/accounts/organisation/greenwich/invitations/{invitation.pk}/cancel/",
    ]:
        assert client.post(path, {"role": "member"}).status_code == 404, path
    other.refresh_from_db()
    assert other.is_admin
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_admin_invites_a_colleague_by_email(client, admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/organisation/warrington/invite/", {"email": "Col@Example.org"}
        )
    assert response["Location"] == "/accounts/organisation/warrington/"
    assert mail.outbox[0].to == ["col@example.org"]
    assert "https://evidence.example.org/accounts/invitations/" in mail.outbox[0].body


def test_invitation_form_error_is_shown_next_to_the_field(client, admin):
    MembershipFactory(organisation=admin.organisation, user__email="in@example.org")
    html = client.post(
        "/accounts/organisation/warrington/invite/", {"email": "in@example.org"}
    ).content.decode()
    assert "<title>Error: Invite a colleague" in html
    assert html.count("in@example.org is already a member of Warrington.") == 2


def test_admin_makes_a_member_admin_and_removes_a_member(client, admin):
    colleague = MembershipFactory(organisation=admin.organisation)
    client.post(
        f"/accounts/organisation/warrington/members/{colleague.pk}/role/", {"role": "admin"}
    )
    colleague.refresh_from_db()
    assert colleague.is_admin
    page = client.get(f"/accounts/organisation/warrington/members/{colleague.pk}/remove/")
    assert "Are you sure you want to remove" in page.content.decode()
    client.post(f"/accounts/organisation/warrington/members/{colleague.pk}/remove/")
    assert not Membership.objects.filter(pk=colleague.pk).exists()


def test_last_admin_trying_to_leave_gets_a_clear_error(client, admin):
    MembershipFactory(organisation=admin.organisation)
    response = client.post(f"/accounts/organisation/warrington/members/{admin.pk}/remove/")
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "You are the only admin of Warrington. Make another member an admin before you leave."
        in html
    )
    assert "<title>Error: Leave Warrington" in html
    assert Membership.objects.filter(pk=admin.pk).exists()


def test_last_admin_giving_up_admin_rights_is_told_why_not(client, admin):
    response = client.post(
        f"/accounts/organisation/warrington/members/{admin.pk}/role/",
        {"role": "member"},
        follow=True,
    )
    assert "You are the only admin of Warrington" in response.content.decode()
    admin.refresh_from_db()
    assert admin.is_admin


def test_admin_cancels_an_invitation(client, admin):
    invitation = InvitationFactory(organisation=admin.organisation)
    client.post(f"/accounts/organisation/warrington/invitations/{invitation.pk}/cancel/")
    assert not Invitation.objects.filter(pk=invitation.pk).exists()


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get("/accounts/organisation/")
    assert response["Location"] == "/accounts/login/?next=/accounts/organisation/"


def _invite(client, email: str, slug: str = "warrington"):
    return client.post(f"/accounts/organisation/{slug}/invite/", {"email": email})


def test_an_admin_can_send_20_invitations_an_hour(
    client, admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(20):
            assert _invite(client, f"colleague{number}@example.org").status_code == 302
        response = _invite(client, "one-more@example.org")
    assert response.status_code == 429
    assert "You have sent 20 invitations in the last hour" in response.content.decode()
    assert len(mail.outbox) == 20
    assert not Invitation.objects.filter(email="one-more@example.org").exists()


def test_one_address_gets_at_most_3_invitations_a_day_whoever_sends_them(
    client, admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):  # sending again re-sends the email, so it counts too
            assert _invite(client, "target@example.org").status_code == 302
        response = _invite(client, "Target@Example.org")
        assert response.status_code == 429
        html = response.content.decode()
        assert "<title>Error: Invite a colleague" in html
        assert "target@example.org has been sent 3 invitations today" in html
        assert 'value="Target@Example.org"' in html  # what they typed stays in place

        other = AdminMembershipFactory(organisation__slug="greenwich")
        client.force_login(other.user)
        assert _invite(client, "target@example.org", slug="greenwich").status_code == 429
        assert _invite(client, "someone-else@example.org", slug="greenwich").status_code == 302
    assert [m.to for m in mail.outbox].count(["target@example.org"]) == 3


def test_refused_invitations_do_not_count_towards_the_limit(client, admin):
    MembershipFactory(organisation=admin.organisation, user__email="in@example.org")
    for _ in range(5):
        assert _invite(client, "in@example.org").status_code == 200
    assert not mail.outbox


APPLYING = "/pine/applications/new/?call=open-call"
ORGANISATION = {"name": "Warrington", "kind": "local_authority", "region": "north_west"}


def test_setting_up_from_an_application_returns_to_it(client, member):
    client.force_login(member)
    page = client.get("/accounts/organisation/new/", {"next": APPLYING}).content.decode()
    assert f'<input type="hidden" name="next" value="{escape(APPLYING)}">' in page
    assert f'class="govuk-back-link" href="{escape(APPLYING)}"' in page
    response = client.post("/accounts/organisation/new/", {**ORGANISATION, "next": APPLYING})
    assert response["Location"] == APPLYING
    assert Organisation.objects.get().memberships.get().user == member


def test_a_form_with_errors_keeps_where_to_return(client, member):
    client.force_login(member)
    page = client.post("/accounts/organisation/new/", {"name": "", "next": APPLYING})
    assert f'name="next" value="{escape(APPLYING)}"' in page.content.decode()


@pytest.mark.parametrize(
    "elsewhere",
    [
        "https://evil.example/",
        "//evil.example/pine/",
        "/\\evil.example",
        "javascript:alert(1)",
        "pine/applications/",
        "http://testserver/pine/applications/",
    ],
)
def test_next_that_is_not_a_path_on_this_site_is_ignored(client, member, elsewhere):
    client.force_login(member)
    page = client.get("/accounts/organisation/new/", {"next": elsewhere}).content.decode()
    assert 'name="next"' not in page
    response = client.post("/accounts/organisation/new/", {**ORGANISATION, "next": elsewhere})
    assert response["Location"] == "/accounts/organisation/warrington/"


def test_an_organisation_cannot_take_the_address_of_a_page(client, member):
    client.force_login(member)
    for name in ("Join", "New"):
        response = client.post("/accounts/organisation/new/", {**ORGANISATION, "name": name})
        assert response["Location"] == f"/accounts/organisation/{name.lower()}-organisation/"


def test_organisation_form_answers_an_unknown_kind_or_region_in_plain_words():
    from accounts.forms.organisations import OrganisationForm

    form = OrganisationForm(data={"name": "Wigan Council", "kind": "nope", "region": "nope"})
    assert not form.is_valid()
    assert form.errors["kind"] == ["Select what kind of organisation it is."]
    assert form.errors["region"] == ["Select where your organisation works."]
