"""The axe-core sweep of every page that the journeys in this folder do not already check.

The journeys (test_accessibility.py, test_accounts.py, test_evidence_store.py, test_pine_*.py)
sweep the pages on their way. This sweeps the rest: the remaining public, signed-in and error
pages, each remaining form's error state, and the admin pages that staff use most.
"""

import io
import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from evidence_store.models import Intervention
from pine.models import Application, Event, Project, ProjectStage
from pine.sections import SECTIONS
from pine.workflow import Status
from tests.accounts.factories import (
    PASSWORD,
    AdminMembershipFactory,
    InvitationFactory,
    MembershipFactory,
    UserFactory,
)
from tests.accounts.journeys import link_in
from tests.pine.factories import (
    ApplicationFactory,
    CallFactory,
    ProjectFactory,
    ReviewFactory,
    SectionAnswerFactory,
    restore_reference_data,
    score_all,
)

# The journeys already sweep the error states of these sections.
SECTIONS_SWEPT_ELSEWHERE = {"the-practice", "declarations"}


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.STAFF_MFA_REQUIRED = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()  # sign-in throttles
    yield
    cache.clear()


def _sign_in(page, live_server, user) -> None:
    """Give the browser a fresh session signed in as the user, without a sign-in page."""
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                # Host-only (no leading dot) and secure, as the __Host- prefix requires.
                "domain": urlsplit(live_server.url).hostname,
                "path": "/",
                "secure": True,
                "httpOnly": True,
                "sameSite": "Lax",
            }
        ]
    )


def _visit(page, assert_accessible, path: str, heading: str | re.Pattern, status: int = 200):
    """Open the page, check it is the page meant (not a redirect), and sweep it."""
    response = page.goto(path)
    assert response.status == status, f"{path} answered {response.status}"
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert_accessible(page)


def _submit_and_sweep(page, assert_accessible, button: str) -> None:
    """Send the form as it is, expecting the GOV.UK error summary, and sweep the error state."""
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page)


def test_public_pages_and_password_reset_errors(
    page, live_server, assert_accessible, transactional_db
):
    restore_reference_data()
    call = CallFactory(title="Spring call for partners")
    UserFactory(email="forgetful@example.org")

    _visit(page, assert_accessible, call.get_absolute_url(), "Spring call for partners")
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
    person = UserFactory(email="ada@example.org", totp=True)
    member = MembershipFactory(user=person, organisation__name="Warrington")
    admin = AdminMembershipFactory(user=person, organisation__name="Greenwich")
    colleague = MembershipFactory(organisation=admin.organisation, user__full_name="Mo Member")
    InvitationFactory(token="someone-elses", email="someone@example.org")
    InvitationFactory(token="expired-link", email=person.email, expires_at=timezone.now())
    _sign_in(page, live_server, person)

    _visit(page, assert_accessible, "/accounts/organisation/", "Your organisations")
    _visit(page, assert_accessible, member.organisation.get_absolute_url(), "Warrington")
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


def test_applicant_pages_and_their_error_states(
    page, live_server, assert_accessible, transactional_db
):
    restore_reference_data()
    call = CallFactory(title="Spring call for partners")
    applicant = MembershipFactory(organisation__name="Warrington").user
    MembershipFactory(user=applicant, organisation__name="Greenwich")
    organisation = applicant.memberships.get(organisation__name="Warrington").organisation
    draft = ApplicationFactory(organisation=organisation, call=call, title="Family Circles")
    SectionAnswerFactory(application=draft, section="your-organisation")
    asked = ApplicationFactory(
        organisation=organisation,
        call=call,
        title="Edge of Care Outreach",
        status=Status.MORE_INFORMATION,
    )
    Event.objects.create(
        application=asked,
        transition="request_more_information",
        from_status=Status.SCREENING,
        to_status=Status.MORE_INFORMATION,
        message="Tell us more about the families you work with.",
    )
    project = ProjectFactory(
        application__organisation=organisation, application__title="Thematic practice weeks"
    )
    _sign_in(page, live_server, applicant)

    _visit(page, assert_accessible, "/pine/applications/", "Your applications")
    _visit(page, assert_accessible, "/pine/projects/", "Your PINE projects")
    _visit(page, assert_accessible, asked.get_absolute_url(), "Edge of Care Outreach")
    _visit(page, assert_accessible, f"{draft.get_absolute_url()}withdraw/", re.compile("withdraw"))

    page.goto(f"/pine/applications/new/?call={call.slug}")
    _submit_and_sweep(page, assert_accessible, "Start application")

    for section in SECTIONS:
        if section.slug not in SECTIONS_SWEPT_ELSEWHERE:
            page.goto(f"{draft.get_absolute_url()}{section.slug}/")
            for field in page.locator("main input[type=text], main textarea").all():
                field.fill("")
            _submit_and_sweep(page, assert_accessible, "Mark as complete")

    page.goto(f"{draft.get_absolute_url()}submit/")
    _submit_and_sweep(page, assert_accessible, "Accept and send")

    _visit(page, assert_accessible, "/pine/applications/PINE-2026-9999/", re.compile("."), 404)
    assert project.organisation == organisation
    assert page.console_errors == []


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo_data", stdout=io.StringIO())


def test_admin_pages_staff_use_most(page, live_server, assert_accessible, demo):
    _sign_in(page, live_server, UserFactory(is_staff=True, is_superuser=True, totp=False))
    application = Application.objects.filter(status=Status.SUBMITTED).first()
    score_all(ReviewFactory(application=application), 4)
    screening = ApplicationFactory(year=2030, status=Status.SCREENING)
    intervention = Intervention.objects.filter(ratings__isnull=False).first()
    project = Project.objects.filter(stages__documents__isnull=False).first()
    stage = ProjectStage.objects.filter(project=project, documents__isnull=False).first()
    pages = {
        "/admin/": "Site administration",
        "/admin/pine/application/": "Select application to view",
        f"/admin/pine/application/{application.pk}/change/": "View application",
        f"/admin/pine/application/{application.pk}/transition/?transition=start_screening": (
            re.compile("^Start screening")
        ),
        "/admin/pine/review/add/": "Add review",
        "/admin/evidence_store/intervention/": "Select intervention to change",
        f"/admin/evidence_store/intervention/{intervention.pk}/change/": "Change intervention",
        "/admin/pine/project/": "Select project to change",
        f"/admin/pine/project/{project.pk}/change/": "Change project",
        f"/admin/pine/projectstage/{stage.pk}/change/": "Change project stage",
        f"/admin/pine/projectstage/{stage.pk}/act/skip/": re.compile("^Skip stage"),
    }
    # Every page is swept, and every failure reported together.
    failures = {}
    for path, heading in pages.items():
        try:
            _visit(page, assert_accessible, path, heading)
        except AssertionError as failure:
            failures[path] = str(failure)

    # Asking for more information without saying what is an error.
    page.goto(
        f"/admin/pine/application/{screening.pk}/transition/?transition=request_more_information"
    )
    page.get_by_role("button", name="Ask for more information").click()
    expect(page.locator(".errorlist")).to_be_visible()
    try:
        assert_accessible(page)
    except AssertionError as failure:
        failures["more information error"] = str(failure)
    assert failures == {}, "\n\n".join(failures.values())
