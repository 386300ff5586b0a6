"""The account home: signed-in only, its sections in order, and accounts' own section."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts import account_home
from accounts.account_home import Section
from accounts.models import JoinRequest
from tests.accounts.factories import (
    AdminMembershipFactory,
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def extra_sections():
    """Sections registered by a test, removed again after it."""
    names = []

    def register(name, builder, order):
        account_home.register(name, builder, order=order)
        names.append(name)

    yield register
    for name in names:
        account_home.unregister(name)


def test_signed_out_people_are_sent_to_sign_in_and_back(client):
    response = client.get("/accounts/")
    assert response["Location"] == "/accounts/login/?next=/accounts/"


def test_the_page_links_to_profile_data_and_organisations_and_signs_out_by_post(client, member):
    client.force_login(member)
    html = client.get("/accounts/").content.decode()
    assert "<title>Your account" in html
    for path in ("/accounts/profile/", "/accounts/data/", "/accounts/organisation/"):
        assert f'href="{path}"' in html
    assert '<form method="post" action="/accounts/logout/"' in html


def test_sections_come_in_their_order_and_those_returning_none_are_left_out(
    client, member, extra_sections, tmp_path, settings
):
    (tmp_path / "first.html").write_text("<p>First section for {{ section.who }}</p>")
    (tmp_path / "later.html").write_text("<p>Later section</p>")
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], tmp_path]}]
    extra_sections("later", lambda user: Section("later.html"), 500)
    extra_sections("first", lambda user: Section("first.html", {"who": user.email}), 5)
    extra_sections("nothing", lambda user: None, 1)
    templates = [s.template for s in account_home.sections(member)]
    assert templates[0] == "first.html"
    assert templates[-2:] == ["accounts/includes/account_home_organisations.html", "later.html"]
    client.force_login(member)
    html = client.get("/accounts/").content.decode()
    first = html.index("First section for sam@example.org")
    assert first < html.index("Your organisations</h2>") < html.index("Later section")


def test_a_section_name_can_be_registered_only_once(extra_sections):
    extra_sections("events", lambda user: None, 30)
    with pytest.raises(ValueError, match="already registered"):
        account_home.register("events", lambda user: None, order=31)
    with pytest.raises(ValueError, match="already registered"):
        account_home.register("organisations", lambda user: None, order=1)


def test_your_organisations_with_your_role_in_each(client, member):
    AdminMembershipFactory(user=member, organisation__name="Warrington", organisation__slug="w")
    MembershipFactory(user=member, organisation__name="Barking", organisation__slug="b")
    MembershipFactory(organisation__name="Someone else's")
    client.force_login(member)
    html = " ".join(client.get("/accounts/").content.decode().split())
    assert 'href="/accounts/organisation/w/">Warrington</a></dt> <dd class="govuk-summary-list__value">Admin' in html  # fmt: skip
    assert 'href="/accounts/organisation/b/">Barking</a></dt> <dd class="govuk-summary-list__value">Member' in html  # fmt: skip
    assert "Someone else" not in html


def test_invitations_waiting_for_you_link_to_accepting_them(client, member):
    waiting = InvitationFactory(email="SAM@example.org", organisation__name="Warrington")
    InvitationFactory(
        email="sam@example.org",
        organisation__name="Expired council",
        expires_at=timezone.now() - timedelta(days=1),
    )
    InvitationFactory(email="someone.else@example.org", organisation__name="Not yours")
    client.force_login(member)
    html = client.get("/accounts/").content.decode()
    assert f'<a class="govuk-link" href="/accounts/invitations/received/{waiting.pk}/">Join Warrington</a>' in html  # fmt: skip
    assert "Expired council" not in html and "Not yours" not in html


def test_an_invitation_is_offered_only_once_the_address_is_verified(client, member):
    InvitationFactory(email="sam@example.org", organisation__name="Warrington")
    EmailAddress.objects.filter(user=member).update(verified=False)
    client.force_login(member)
    assert "Join Warrington" not in client.get("/accounts/").content.decode()


def test_your_requests_to_join_with_what_became_of_them(client, member):
    JoinRequest.objects.create(user=member, organisation=OrganisationFactory(name="Waiting"))
    JoinRequest.objects.create(
        user=member,
        organisation=OrganisationFactory(name="Said no"),
        status=JoinRequest.Status.REFUSED,
        decided_at=timezone.now(),
    )
    JoinRequest.objects.create(
        user=UserFactory(), organisation=OrganisationFactory(name="Another person's")
    )
    client.force_login(member)
    html = client.get("/accounts/").content.decode()
    assert "Waiting: waiting for an admin to reply" in html
    assert "Said no: refused on" in html
    assert "Another person" not in html


def _queries_for(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/accounts/").status_code == 200
    return len(queries)


def test_the_organisations_section_makes_as_many_queries_for_many_rows_as_for_one(client, member):
    MembershipFactory(user=member)
    InvitationFactory(email=member.email)
    JoinRequest.objects.create(user=member, organisation=OrganisationFactory())
    _queries_for(client, member)  # the first request of a test also fills caches
    one = _queries_for(client, member)
    for _ in range(4):
        MembershipFactory(user=member)
        InvitationFactory(email=member.email)
        JoinRequest.objects.create(user=member, organisation=OrganisationFactory())
    assert _queries_for(client, member) == one
