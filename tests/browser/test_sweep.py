"""The axe-core sweep of every page that the journeys in this folder do not already check.

The journeys (test_accessibility.py, test_accounts.py, test_evidence_store.py, test_pine_*.py)
sweep the pages on their way. This sweeps the rest: the remaining public, signed-in and error
pages, each remaining form's error state, and the admin pages that staff use most.

This module sweeps the public and account pages; test_sweep_pine.py the PINE and admin pages.
"""

import re

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import JoinRequest
from tests.accounts.factories import (
    PASSWORD,
    AdminMembershipFactory,
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.accounts.journeys import link_in
from tests.browser.sweeping import (  # the autouse `_settings` fixture comes with them
    _settings,  # noqa: F401
    _sign_in,
    _submit_and_sweep,
    _visit,
)
from tests.evidence_store.factories import InterventionFactory
from tests.pine.factories import (
    ApplicationFactory,
    CallFactory,
    ProjectFactory,
    restore_reference_data,
)


def test_public_pages_and_password_reset_errors(
    page, live_server, assert_accessible, transactional_db
):
    restore_reference_data()
    call = CallFactory(title="Spring call for partners")
    UserFactory(email="forgetful@example.org")
    starting, *_others = InterventionFactory.create_batch(3)

    _visit(page, assert_accessible, call.get_absolute_url(), "Spring call for partners")
    # "Compare this intervention with others": its own box ticked, the rest to choose.
    _visit(
        page, assert_accessible, f"/evidence/compare/?with={starting.slug}", "Compare interventions"
    )
    expect(page.get_by_role("checkbox", name=starting.name)).to_be_checked()
    _visit(page, assert_accessible, "/accounts/inactive/", "Your account is closed")
    _visit(
        page,
        assert_accessible,
        "/accounts/confirm-email/not-a-real-key/",
        "This link has expired or is not valid",
    )
    _visit(
        page,
        assert_accessible,
        "/accounts/password/reset/key/1-not-a-real-key/",
        "This link has expired or is not valid",
    )

    page.goto("/accounts/password/reset/")
    _submit_and_sweep(page, assert_accessible, "Send the link")
    page.get_by_label("Email address").fill("forgetful@example.org")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")

    page.goto(link_in(mail.outbox[-1].body))
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill("lantern-orchard-velvet-93")
    _submit_and_sweep(page, assert_accessible, "Save new password")
    page.get_by_label("New password", exact=True).fill("lantern-orchard-velvet-93")
    page.get_by_label(re.compile("Confirm")).fill("lantern-orchard-velvet-93")
    page.get_by_role("button", name="Save new password").click()
    expect(page).to_have_url(re.compile("/accounts/password/reset/key/done/$"))
    assert_accessible(page)
    assert page.console_errors == []


def test_account_pages_and_their_error_states(
    page, live_server, assert_accessible, transactional_db
):
    restore_reference_data()
    person = UserFactory(email="ada@example.org", totp=True)
    member = MembershipFactory(user=person, organisation__name="Warrington")
    admin = AdminMembershipFactory(user=person, organisation__name="Greenwich")
    colleague = MembershipFactory(organisation=admin.organisation, user__full_name="Mo Member")
    InvitationFactory(token="someone-elses", email="someone@example.org")
    InvitationFactory(token="expired-link", email=person.email, expires_at=timezone.now())
    # The account home's sections: an application, a project and an invitation waiting.
    ApplicationFactory(organisation=member.organisation, title="Edge of Care Outreach")
    ProjectFactory(
        application__organisation=member.organisation, application__title="Thematic practice weeks"
    )
    invited = InvitationFactory(email=person.email, organisation__name="Wakefield Council")
    OrganisationFactory(name="Walsall Council")
    JoinRequest.objects.create(
        user=UserFactory(full_name="Jo Joiner"), organisation=admin.organisation
    )
    _sign_in(page, live_server, person)

    _visit(page, assert_accessible, "/accounts/", "Your account")
    expect(page.get_by_role("cell", name="Edge of Care Outreach")).to_be_visible()
    expect(page.get_by_role("link", name="Thematic practice weeks")).to_be_visible()
    expect(page.get_by_text("Wakefield Council").first).to_be_visible()
    _visit(page, assert_accessible, "/accounts/organisation/join/", "Ask to join an organisation")
    _visit(
        page,
        assert_accessible,
        "/accounts/organisation/join/?name=Wa",
        "Ask to join an organisation",
    )
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    _visit(
        page,
        assert_accessible,
        "/accounts/organisation/join/?name=Wal",
        "Ask to join an organisation",
    )
    expect(page.get_by_role("radio", name="Walsall Council")).to_be_visible()
    _visit(
        page,
        assert_accessible,
        f"/accounts/invitations/received/{invited.pk}/",
        "Join Wakefield Council",
    )
    _visit(page, assert_accessible, "/accounts/organisation/", "Your organisations")
    _visit(page, assert_accessible, member.organisation.get_absolute_url(), "Warrington")
    # As its admin, with a request to join waiting for an answer.
    _visit(page, assert_accessible, admin.organisation.get_absolute_url(), "Greenwich")
    expect(page.get_by_role("button", name="Approve Jo Joiner")).to_be_visible()
    _visit(
        page,
        assert_accessible,
        f"{member.organisation.get_absolute_url()}invite/",
        "Only admins can invite people",
        status=403,
    )
    _visit(
        page,
        assert_accessible,
        f"{admin.organisation.get_absolute_url()}members/{colleague.pk}/remove/",
        "Are you sure you want to remove Mo Member from Greenwich?",
    )
    _visit(
        page,
        assert_accessible,
        "/accounts/invitations/someone-elses/",
        "This invitation is for a different email address",
        status=403,
    )
    _visit(
        page,
        assert_accessible,
        "/accounts/invitations/expired-link/",
        "This invitation has expired",
        status=410,
    )
    _visit(page, assert_accessible, "/accounts/logout/", "Are you sure you want to sign out?")
    _visit(page, assert_accessible, "/accounts/2fa/", "Two-factor authentication")

    page.goto("/accounts/email/")
    page.get_by_label(re.compile("email address", re.I)).last.fill("not an email")
    _submit_and_sweep(page, assert_accessible, "Send a confirmation link")

    page.goto("/accounts/password/change/")
    _submit_and_sweep(page, assert_accessible, "Change password")

    # A session that has not just signed in must confirm it is them before changing two-factor
    # authentication; getting the password or the code wrong is an error state too.
    page.goto("/accounts/2fa/reauthenticate/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Enter your security code to continue"
    )
    page.get_by_label(re.compile("code", re.I)).fill("000000")
    _submit_and_sweep(page, assert_accessible, "Continue")
    page.goto("/accounts/2fa/totp/deactivate/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your password to continue")
    page.get_by_label("Password").fill("not-the-password")
    _submit_and_sweep(page, assert_accessible, "Continue")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Are you sure you want to turn off two-factor authentication?"
    )
    assert_accessible(page)
    _visit(
        page,
        assert_accessible,
        "/accounts/2fa/recovery-codes/generate/",
        "Create new recovery codes",
    )

    # Someone whose account has no password yet is asked to create one.
    passwordless = UserFactory()
    passwordless.set_unusable_password()
    passwordless.save(update_fields=["password"])
    _sign_in(page, live_server, passwordless)
    _visit(page, assert_accessible, "/accounts/password/set/", "Create a password")
    _submit_and_sweep(page, assert_accessible, "Save password")

    # A wrong security code at sign-in.
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(person.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    page.get_by_label(re.compile("code", re.I)).fill("000000")
    _submit_and_sweep(page, assert_accessible, "Continue")
    assert page.console_errors == []
