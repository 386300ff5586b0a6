"""The axe sweep of the PINE pages applicants use, and of the admin pages staff use most, with
their error states (see test_sweep.py)."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from core.emails import Email, queue
from evidence_store.models import Intervention
from pine.models import Application, Event, Project, ProjectStage
from pine.sections import SECTIONS
from pine.services.projects import report_publish
from pine.workflow import Status
from tests.accounts.factories import (
    MembershipFactory,
    UserFactory,
)
from tests.browser.sweeping import (  # the autouse `_settings` fixture comes with them
    SECTIONS_SWEPT_ELSEWHERE,
    _settings,  # noqa: F401
    _sign_in,
    _submit_and_sweep,
    _visit,
)
from tests.pine.factories import (
    ApplicationFactory,
    CallFactory,
    EvaluationReportFactory,
    ProjectFactory,
    ReviewFactory,
    SectionAnswerFactory,
    manager,
    ready_to_publish,
    restore_reference_data,
    score_all,
)


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
    # A finished project: its report published, which completes it.
    report = EvaluationReportFactory(
        project=ready_to_publish(
            ProjectFactory(
                application__organisation=organisation,
                application__title="Signs of Safety in practice",
            )
        )
    )
    report_publish(report=report, user=manager())
    completed = Project.objects.get(pk=report.project_id)
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

    # Check your answers, with sections missing: it lists them instead of offering to send.
    submit_heading = "Check your answers before sending your application"
    _visit(page, assert_accessible, f"{draft.get_absolute_url()}submit/", submit_heading)
    expect(page.locator("#cannot-send")).to_be_visible()
    sent = ApplicationFactory(organisation=organisation, call=call, status=Status.SUBMITTED)
    _visit(page, assert_accessible, f"{sent.get_absolute_url()}sent/", "Application sent")
    _visit(page, assert_accessible, call.get_absolute_url(), "Spring call for partners")
    assert completed.status == Project.Status.COMPLETED
    _visit(page, assert_accessible, completed.get_absolute_url(), "Signs of Safety in practice")
    _visit(page, assert_accessible, completed.get_public_url(), "Signs of Safety in practice")

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
    refused = EvaluationReportFactory(project=ProjectFactory(application__year=2031))
    (email,) = queue([Email("accounts/email/invitation", "a@example.org", {"link": "x"})], about={})
    pages = {
        "/admin/": "Manage the evidence store, PINE and the Movement",
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
        "/admin/pine/portfolio/": "PINE portfolio",
        "/admin/core/outboundemail/": "Select email to view",
        f"/admin/core/outboundemail/{email.pk}/change/": "View email",
        # The stage and project pickers (select2) are named by their labels.
        "/admin/pine/meeting/add/": "Add meeting",
        "/admin/pine/document/add/": "Add a document",
        "/admin/pine/evaluationreport/add/": "Add evaluation report",
        f"/admin/pine/evaluationreport/{refused.pk}/publish/": re.compile("^Publish the report"),
    }
    # Every page is swept, and every failure reported together.
    failures = {}
    for path, heading in pages.items():
        try:
            _visit(page, assert_accessible, path, heading)
        except AssertionError as failure:
            failures[path] = str(failure)

    # Stages still to sign off: the publish page says why it cannot, and offers no button.
    expect(page.locator(".messagelist .warning")).to_contain_text("every other stage")
    expect(page.get_by_role("button", name="Publish the report")).to_have_count(0)
    page.goto("/admin/pine/meeting/add/")
    expect(page.get_by_role("combobox", name="Project and stage")).to_be_visible()

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
