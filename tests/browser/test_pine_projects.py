"""A partner works through a stage, staff sign it off, and the public reads the evaluation.

Every project page, its upload error state, and the public partners and evaluation pages pass
the axe-core sweep.
"""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import expect

from pine.models import Action, Document, EvaluationReport, Meeting, ProjectStage
from pine.services.projects import meeting_save, project_create, report_publish
from pine.workflow import Status
from tests.accounts.factories import PASSWORD, OrganisationFactory
from tests.pine.factories import (
    ApplicationFactory,
    manager,
    member_of,
    ready_to_publish,
    restore_reference_data,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _staff_without_two_factor(settings):
    # Two-factor sign-in to the admin is tested in tests/browser/test_accounts.py.
    settings.STAFF_MFA_REQUIRED = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _sign_in_as(page, user) -> None:
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Sign in")


@pytest.fixture
def project(transactional_db):
    restore_reference_data()
    organisation = OrganisationFactory(name="Royal Borough of Greenwich")
    application = ApplicationFactory(
        organisation=organisation, status=Status.ACCEPTED, title="Thematic practice weeks"
    )
    project = project_create(application=application, user=None)
    meeting = meeting_save(
        meeting=Meeting(
            stage=project.stages.first(),
            starts_at=timezone.now() + timedelta(days=5),
            location="https://meet.example.org/pine",
            attendees="Sam Partner\nAlex Researcher",
            notes="We agreed the **outcomes** to aim for.",
        ),
        user=None,
    )
    Action.objects.create(
        meeting=meeting,
        description="Draft the theory of change",
        owner="Sam Partner",
        due_date=timezone.localdate() + timedelta(days=14),
    )
    return project


def test_partner_uploads_and_marks_ready_then_staff_sign_off_in_admin(
    page, project, assert_accessible, tmp_path
):
    partner = member_of(project.organisation)
    _sign_in_as(page, partner)

    page.goto("/pine/applications/")
    page.get_by_role("link", name="Thematic practice weeks").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thematic practice weeks")
    expect(page.locator("main")).to_contain_text("0 of 7 stages complete")
    expect(page.locator("main")).to_contain_text("Draft the theory of change")
    assert_accessible(page)

    page.get_by_role("link", name="Stage 1: Planning and modelling the intervention").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Planning and modelling the intervention"
    )
    expect(page.locator("main")).to_contain_text("We agreed the outcomes to aim for.")
    assert_accessible(page)

    # A renamed executable is refused, with the title and kind kept.
    disguised = tmp_path / "theory-of-change.pdf"
    disguised.write_bytes(b"MZ\x90\x00" + b"\x00" * 512)
    page.get_by_label("Title").fill("Theory of change")
    page.get_by_label("Theory of change").check()
    page.get_by_label("Upload a file").set_input_files(str(disguised))
    page.get_by_role("button", name="Upload the document").click()
    expect(page).to_have_title(re.compile("^Error: Stage 1"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("is not a real PDF")
    expect(page.get_by_label("Title")).to_have_value("Theory of change")
    assert_accessible(page)
    assert not Document.objects.exists()

    real = tmp_path / "toc.pdf"
    real.write_bytes(PDF)
    page.get_by_label("Upload a file").set_input_files(str(real))
    page.get_by_role("button", name="Upload the document").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been uploaded")
    expect(page.get_by_role("link", name="Theory of change")).to_be_visible()
    assert Document.objects.get().stage == project.stages.first()

    page.get_by_role("button", name="Mark this stage as ready for sign-off").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("is ready for sign-off")
    expect(page.locator("main")).to_contain_text("Awaiting sign-off")
    assert_accessible(page)
    assert page.console_errors == []

    # A programme manager signs it off in the admin.
    _sign_in_as(page, manager(totp=False))
    stage = project.stages.first()
    page.goto(f"/admin/pine/projectstage/{stage.pk}/change/")
    page.get_by_role("link", name="Sign off").click()
    page.get_by_role("button", name="Sign off").click()
    expect(page.locator(".messagelist")).to_contain_text("signed off")
    stage.refresh_from_db()
    assert stage.status == ProjectStage.Status.COMPLETE

    # The partner sees the stage signed off and the next one under way.
    _sign_in_as(page, partner)
    page.goto(project.get_absolute_url())
    expect(page.locator("main")).to_contain_text("1 of 7 stages complete")
    expect(page.locator("main")).to_contain_text("The current stage is stage 2, Evaluation plan")
    expect(page.locator("#stage-2-status")).to_have_text("In progress")
    assert_accessible(page)


def test_public_partner_and_evaluation_pages(page, project, assert_accessible):
    report = EvaluationReport.objects.create(
        project=project,
        title="What we learned from thematic practice weeks",
        slug="thematic-practice-weeks",
        summary="Social workers felt more confident after each week.",
        findings="## In short\n\nConfidence **rose**, and it lasted.",
        pdf=SimpleUploadedFile("report.pdf", PDF),
        illustrative=True,
    )
    report_publish(report=ready_to_publish(project).report, user=manager(totp=False))

    page.goto("/pine/")
    page.get_by_role("link", name="See the organisations we work with").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Our partners")
    assert_accessible(page)
    # The list also links the report, as "read the evaluation of Thematic practice weeks".
    page.get_by_role("link", name="Thematic practice weeks", exact=True).click()
    expect(page.locator("main")).to_contain_text("Royal Borough of Greenwich")
    expect(page.locator("main")).not_to_contain_text("Alex Researcher")
    assert_accessible(page)
    page.get_by_role("link", name=report.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(report.title)
    expect(page.locator("main")).to_contain_text("This report is illustrative")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Download the report")).click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.goto("/pine/evaluations/")
    assert_accessible(page)
    assert page.console_errors == []
