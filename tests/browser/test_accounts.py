"""Someone creates an account, confirms their email, sets up an organisation and invites a
colleague; someone else asks to join one and its admin approves; the account home leads on.

Every page on the way, and each form's error state, passes the axe-core sweep.
"""

import re

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.core import mail
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Invitation
from tests.accounts.factories import (
    PASSWORD,
    AdminMembershipFactory,
    InvitationFactory,
    MembershipFactory,
    UserFactory,
)
from tests.accounts.journeys import current_code
from tests.pine.factories import (
    ActionFactory,
    ApplicationFactory,
    ProjectFactory,
    restore_reference_data,
    stages_of,
)


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


def _path_of_link_in(body: str) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", body).group(1)


def test_newcomer_creates_an_account_sets_up_an_organisation_and_invites_a_colleague(
    page, assert_accessible, transactional_db
):
    page.goto("/")
    page.get_by_role("link", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert_accessible(page)

    page.get_by_role("link", name="Create an account").click()
    assert_accessible(page)
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_title(re.compile("^Error: Create an account"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your full name.")
    assert_accessible(page)

    page.get_by_label("Full name").fill("Priya Shah")
    page.get_by_label("Email address").fill("priya@example.org")
    page.get_by_label("Create a password").fill("lantern-orchard-velvet-93")
    page.get_by_label("Confirm your password").fill("lantern-orchard-velvet-93")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert_accessible(page)

    (email,) = mail.outbox
    assert email.to == ["priya@example.org"]
    page.goto(_path_of_link_in(email.body))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your email address")
    assert_accessible(page)
    page.get_by_role("button", name="Confirm email address").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    assert_accessible(page)

    page.get_by_role("link", name="Set up an organisation").click()
    page.get_by_role("button", name="Set up organisation").click()
    expect(page).to_have_title(re.compile("^Error: Set up an organisation"))
    assert_accessible(page)
    page.get_by_label("Organisation name").fill("Royal Borough of Greenwich")
    page.get_by_label("Local authority").check()
    page.get_by_label("London").check()
    page.get_by_role("button", name="Set up organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Royal Borough of Greenwich")
    assert_accessible(page)

    page.get_by_role("button", name="Invite a colleague").click()
    page.get_by_label("Email address").fill("not an email")
    page.get_by_role("button", name="Send invitation").click()
    expect(page).to_have_title(re.compile("^Error: Invite a colleague"))
    assert_accessible(page)
    page.get_by_label("Email address").fill("colleague@example.org")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_role("table").nth(1)).to_contain_text("colleague@example.org")
    assert_accessible(page)

    assert Invitation.objects.get().email == "colleague@example.org"
    assert mail.outbox[-1].to == ["colleague@example.org"]
    assert page.console_errors == []


def test_sign_in_error_and_password_reset_pages_are_accessible(
    page, assert_accessible, transactional_db
):
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_title(re.compile("^Error: Sign in"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your email address.")
    assert_accessible(page)

    page.get_by_role("link", name="I have forgotten my password").click()
    assert_accessible(page)
    page.get_by_label("Email address").fill("nobody@example.org")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert_accessible(page)
    assert page.console_errors == []


def test_account_and_organisation_pages_and_their_errors_are_accessible(
    page, assert_accessible, transactional_db
):
    admin = AdminMembershipFactory(
        user__email="ada@example.org",
        organisation__name="Warrington",
        organisation__slug="warrington",
    )
    MembershipFactory(organisation=admin.organisation, user__full_name="Mo Member")
    InvitationFactory(organisation=admin.organisation, invited_by=admin.user)
    InvitationFactory(token="used-link", accepted_at=timezone.now())
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill("ada@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")

    for path in [
        "/accounts/profile/details/",
        "/accounts/organisation/warrington/",
        "/accounts/organisation/warrington/invite/",
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/2fa/",
        "/accounts/invitations/used-link/",
        "/accounts/invitations/no-such-link/",
    ]:
        page.goto(path)
        assert_accessible(page)

    page.goto(f"/accounts/organisation/warrington/members/{admin.pk}/remove/")
    page.get_by_role("button", name="Leave organisation").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("You are the only admin")
    assert_accessible(page)

    page.goto("/accounts/profile/details/")
    page.get_by_label("Full name").fill("")
    page.get_by_role("button", name="Save your details").click()
    expect(page).to_have_title(re.compile("^Error: Your details"))
    assert_accessible(page)

    page.goto("/accounts/delete/")
    page.get_by_role("button", name="Delete your account").click()
    expect(page).to_have_title(re.compile("^Error: Delete your account"))
    assert_accessible(page)

    page.goto("/accounts/2fa/totp/activate/")
    if "reauthenticate" in page.url:
        assert_accessible(page)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up an authenticator app")
    assert_accessible(page)
    page.get_by_label("Code from your authenticator app").fill("000000")
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    expect(page).to_have_title(re.compile("^Error: Set up an authenticator app"))
    assert_accessible(page)
    assert page.console_errors == []


def _sign_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_two_factor_reauthentication_and_staff_pages_are_accessible(
    page, assert_accessible, transactional_db
):
    staff = UserFactory(email="staff@example.org", is_staff=True, is_superuser=True)
    RecoveryCodes.activate(staff)
    _sign_in(page, "staff@example.org")
    expect(page).to_have_url(re.compile("/accounts/2fa/authenticate/$"))
    assert_accessible(page)
    page.get_by_label("Security code").fill(current_code(staff))
    page.get_by_role("button", name=re.compile("Continue|Sign in")).click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Enter your security code")

    page.goto("/accounts/2fa/recovery-codes/")
    if "reauthenticate" in page.url:
        assert_accessible(page)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(re.compile("/accounts/2fa/recovery-codes/$"))
    assert_accessible(page)
    for path in ["/accounts/reauthenticate/", "/accounts/2fa/reauthenticate/?next=/admin/"]:
        page.goto(path)
        assert_accessible(page)

    UserFactory(email="new-staff@example.org", is_staff=True, totp=False)
    page.context.clear_cookies()
    _sign_in(page, "new-staff@example.org")
    page.goto("/admin/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Set up two-factor authentication to use the admin"
    )
    assert_accessible(page)
    assert page.console_errors == []


def test_invitation_no_organisation_and_too_many_attempts_pages_are_accessible(
    page, assert_accessible, transactional_db
):
    InvitationFactory(
        token="open-link", email="newcomer@example.org", organisation__name="Warrington"
    )
    page.goto("/accounts/invitations/open-link/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Warrington")
    assert_accessible(page)

    newcomer = UserFactory(email="newcomer@example.org")
    _sign_in(page, "newcomer@example.org")
    page.goto("/accounts/organisation/")
    expect(page.locator("main")).to_contain_text("You do not belong to an organisation yet")
    assert_accessible(page)
    page.goto("/accounts/invitations/open-link/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Warrington")
    assert_accessible(page)

    AdminMembershipFactory(user=newcomer, organisation__slug="greenwich")
    cache.set(f"accounts:invitations:person:{newcomer.pk}", 20, 3600)  # already sent 20
    page.goto("/accounts/organisation/greenwich/invite/")
    page.get_by_label("Email address").fill("colleague@example.org")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Too many attempts: try again later")
    assert_accessible(page)
    assert page.console_errors == []


def _sign_in_from_the_header(page, email: str) -> None:
    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def _sign_out_from_the_header(page) -> None:
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Sign out").click()
    page.get_by_role("button", name="Sign out").click()


def test_someone_asks_to_join_an_organisation_and_its_admin_approves(
    page, assert_accessible, transactional_db
):
    warrington = AdminMembershipFactory(
        user__email="ada@example.org",
        user__full_name="Ada Admin",
        organisation__name="Warrington Borough Council",
    ).organisation
    UserFactory(email="jo@example.org", full_name="Jo Bloggs")
    InvitationFactory(email="jo@example.org", organisation__name="Barking and Dagenham")

    page.goto("/")
    _sign_in_from_the_header(page, "jo@example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    expect(page.locator("main")).to_contain_text("Join Barking and Dagenham")
    assert_accessible(page)

    page.get_by_role("link", name="Join Barking and Dagenham").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Join Barking and Dagenham")
    assert_accessible(page)
    page.get_by_role("link", name="Back to your account").click()

    page.get_by_role("link", name="Ask to join an organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask to join an organisation")
    assert_accessible(page)
    page.get_by_label("Organisation name").fill("Wa")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_title(re.compile("^Error: Ask to join an organisation"))
    assert_accessible(page)
    page.get_by_label("Organisation name").fill("warrington")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("button", name="Ask to join").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Select the organisation you want to join."
    )
    assert_accessible(page)
    page.get_by_role("radio", name=re.compile("Warrington Borough Council")).check()
    page.get_by_role("button", name="Ask to join").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    expect(page.locator("main")).to_contain_text("waiting for an admin to reply")
    assert_accessible(page)
    assert [m.to for m in mail.outbox] == [["ada@example.org"]]

    _sign_out_from_the_header(page)
    _sign_in_from_the_header(page, "ada@example.org")
    page.get_by_role("link", name="Warrington Borough Council").click()
    expect(page.get_by_role("heading", level=2, name="Requests to join")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Approve Jo Bloggs").click()
    expect(page.locator("main")).to_contain_text("Jo Bloggs is now a member")
    assert_accessible(page)
    assert warrington.memberships.filter(user__email="jo@example.org").exists()
    assert mail.outbox[-1].to == ["jo@example.org"]

    _sign_out_from_the_header(page)
    _sign_in_from_the_header(page, "jo@example.org")
    expect(page.locator("main")).to_contain_text("approved on")
    page.get_by_role("link", name="Warrington Borough Council").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Warrington Borough Council")
    assert page.console_errors == []


def test_the_account_home_with_applications_and_projects_is_accessible(
    page, assert_accessible, transactional_db
):
    restore_reference_data()  # the stage templates, which transactional_db empties
    project = ProjectFactory(title="Family Circles evaluation")
    organisation = project.organisation
    ApplicationFactory(organisation=organisation, title="Draft practice")
    ActionFactory(meeting__stage=stages_of(project)[0])
    MembershipFactory(organisation=organisation, user__email="partner@example.org")

    page.goto("/")
    _sign_in_from_the_header(page, "partner@example.org")
    expect(page.get_by_role("heading", level=2, name="Your applications")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Your projects")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="1 open action").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Family Circles evaluation")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Your account").click()
    page.get_by_role("link", name=re.compile("^Continue your application")).click()
    expect(page).to_have_url(re.compile("/pine/applications/PINE-"))
    assert page.console_errors == []
