"""Journey 5: a partner signs in from the home page, uploads a document to the current stage and
asks for sign-off; and a visitor finds a partner's progress from the home page.

Each starts at the home page and goes on by links, buttons and forms only. Every page passes the
axe-core sweep, and the stage tracker reflows at 320 CSS pixels.
"""

import re

import pytest
from playwright.sync_api import expect

from pine.models import Document, Project, ProjectStage
from pine.services.projects import project_create, stage_skip
from pine.workflow import Status
from tests.accounts.factories import PASSWORD, OrganisationFactory
from tests.pine.factories import ApplicationFactory, manager, member_of, restore_reference_data

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FIRST_STAGE = "Planning and modelling the intervention"
# The page is wider than the window when it scrolls sideways (a pixel is left for rounding).
SCROLLS_SIDEWAYS = "document.documentElement.scrollWidth > window.innerWidth + 1"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def project(transactional_db) -> Project:
    restore_reference_data()
    organisation = OrganisationFactory(name="Royal Borough of Greenwich")
    application = ApplicationFactory(
        organisation=organisation, status=Status.ACCEPTED, title="Thematic practice weeks"
    )
    project = project_create(application=application, user=None)
    # Staff gave the project its public title: it differs from the application's.
    Project.objects.filter(pk=project.pk).update(title="Practice weeks evaluation")
    project.refresh_from_db()
    return project


def _step_words(tracker):
    """Each step's words, without its marker (a symbol hidden from screen readers)."""
    return tracker.locator(".app-stage-tracker__text")


def _fits_320_pixels(page) -> None:
    width = page.viewport_size["width"]
    page.set_viewport_size({"width": 320, "height": 640})
    assert not page.evaluate(SCROLLS_SIDEWAYS), f"{page.url} scrolls sideways at 320 pixels"
    page.set_viewport_size({"width": width, "height": 720})


def test_partner_uploads_a_document_and_asks_for_sign_off(
    page, project, assert_accessible, tmp_path
):
    partner = member_of(project.organisation)

    page.goto("/")
    assert_accessible(page)
    page.get_by_role("banner").get_by_role("link", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert_accessible(page)
    page.get_by_label("Email address").fill(partner.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    # Signing in lands on the account home, which lists the person's projects.
    expect(page).to_have_url(re.compile(r"/accounts/$"))
    assert_accessible(page)
    page.get_by_role("link", name="Practice weeks evaluation").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Practice weeks evaluation")
    main = page.locator("main")
    expect(main).to_contain_text("0 of 7 stages complete.")
    expect(main).to_contain_text("is evaluating its practice with PINE.")
    tracker = page.get_by_role("list", name="Stages at a glance")
    expect(tracker.get_by_role("listitem")).to_have_count(7)
    expect(_step_words(tracker).first).to_have_text(f"Stage 1, {FIRST_STAGE}: current stage")
    assert_accessible(page)
    _fits_320_pixels(page)

    page.get_by_role("link", name=f"stage 1, {FIRST_STAGE}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(FIRST_STAGE)
    assert_accessible(page)

    plan = tmp_path / "theory-of-change.pdf"
    plan.write_bytes(PDF)
    page.get_by_label("Title").fill("Our theory of change")
    page.get_by_label("Theory of change").check()
    page.get_by_label("Upload a file").set_input_files(str(plan))
    page.get_by_role("button", name="Upload the document").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been uploaded")
    expect(page.get_by_role("link", name="Our theory of change")).to_be_visible()
    assert_accessible(page)
    assert Document.objects.get().stage == project.stages.first()

    page.get_by_role("button", name="Mark this stage as ready for sign-off").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("is ready for sign-off")
    expect(main).to_contain_text("Awaiting sign-off")
    assert_accessible(page)
    assert project.stages.first().status == ProjectStage.Status.AWAITING_SIGN_OFF

    # Back on the workspace, the stage shows its new status, and is still the current one.
    page.get_by_role("link", name="Back to the project").click()
    expect(page.locator("#stage-1-status")).to_have_text("Awaiting sign-off")
    tracker = page.get_by_role("list", name="Stages at a glance")
    expect(_step_words(tracker).first).to_have_text(f"Stage 1, {FIRST_STAGE}: current stage")
    expect(page.get_by_role("link", name="Our theory of change")).to_be_visible()
    assert_accessible(page)
    assert page.console_errors == []


def test_a_visitor_sees_a_partners_progress(page, project, assert_accessible):
    pine_manager = manager(totp=False)
    first, second, *_ = project.stages.all()
    ProjectStage.objects.filter(pk=first.pk).update(status=ProjectStage.Status.COMPLETE)
    stage_skip(stage=second, user=pine_manager)

    page.goto("/")
    page.get_by_role("link", name="Find out about PINE").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("PINE")
    assert_accessible(page)
    page.get_by_role("link", name="See the organisations we work with").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Our partners")
    compact = page.get_by_role("list", name="Stages of Practice weeks evaluation")
    expect(_step_words(compact).nth(1)).to_have_text("Stage 2, Evaluation plan: skipped")
    assert_accessible(page)

    page.get_by_role("link", name="Practice weeks evaluation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Practice weeks evaluation")
    expect(page.locator("main")).to_contain_text("1 of 7 stages complete, 1 skipped.")
    expect(_step_words(page.get_by_role("list", name="Stages of the project"))).to_have_text(
        [
            f"Stage 1, {FIRST_STAGE}: done",
            "Stage 2, Evaluation plan: skipped",
            "Stage 3, Data protection and research ethics: current stage",
            "Stage 4, Data collection: to come",
            "Stage 5, Analysis and summarising findings: to come",
            "Stage 6, Writing up the report: to come",
            "Stage 7, Publication: to come",
        ]
    )
    assert_accessible(page)
    _fits_320_pixels(page)
    assert page.console_errors == []
