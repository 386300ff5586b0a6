"""Journey 6: a programme manager signs off a stage, schedules a meeting and publishes the
report, starting from the home page and following only links and buttons.

On the way they open the portfolio from the admin's start page and follow one of its figures,
and each admin page they reach passes the axe-core sweep.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from pine.models import EvaluationReport, Meeting, Project, ProjectStage
from tests.accounts.factories import PASSWORD
from tests.pine.factories import (
    EvaluationReportFactory,
    ProjectFactory,
    manager,
    member_of,
    restore_reference_data,
    stages_of,
)

Stage = ProjectStage.Status


@pytest.fixture(autouse=True)
def _staff_without_two_factor(settings):
    # Two-factor sign-in to the admin is tested in tests/browser/test_accounts.py.
    settings.STAFF_MFA_REQUIRED = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _project_awaiting_its_last_sign_off() -> tuple[Project, ProjectStage, ProjectStage]:
    """Every stage signed off but the last two: one awaiting sign-off, overdue; the final one
    not started. Its report is written and not yet published."""
    project = ProjectFactory(title="Family Circles")
    member_of(project.organisation)
    *earlier, waiting, final = stages_of(project)
    now = timezone.now()
    ProjectStage.objects.filter(pk__in=[s.pk for s in earlier]).update(
        status=Stage.COMPLETE, started_at=now, signed_off_at=now
    )
    ProjectStage.objects.filter(pk=waiting.pk).update(
        status=Stage.AWAITING_SIGN_OFF,
        started_at=now,
        ready_at=now,
        due_date=timezone.localdate() - timedelta(days=3),
    )
    ProjectStage.objects.filter(pk=final.pk).update(status=Stage.NOT_STARTED)
    EvaluationReportFactory(project=project, title="What Family Circles found")
    return project, waiting, final


def test_manager_signs_off_a_stage_schedules_a_meeting_and_publishes_the_report(
    page, live_server, assert_accessible, transactional_db
):
    restore_reference_data()
    project, waiting, final = _project_awaiting_its_last_sign_off()
    person = manager(email="manager@example.org", full_name="Mo Manager", totp=False)

    # Sign in from the home page, and go to the admin.
    page.goto("/")
    page.get_by_role("banner").get_by_role("link", name="Sign in").click()
    page.get_by_label("Email address").fill(person.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/accounts/$"))
    page.get_by_role("banner").get_by_role("link", name="Admin").click()

    # The portfolio, from the admin's start page: the overdue stage is one of its figures.
    page.get_by_role("link", name="PINE portfolio").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("PINE portfolio")
    expect(page.get_by_role("img", name="Overdue stages")).to_be_visible()
    assert_accessible(page)
    # Some of the admin's own form pages set inline styles from their scripts, which the
    # policy blocks; up to here, nothing may.
    assert page.console_errors == []
    stages = page.get_by_role("table", name="Active projects by stage, and overdue stages")
    stages.get_by_role("row", name=re.compile(re.escape(waiting.name))).get_by_role(
        "link"
    ).last.click()

    # Sign off the stage.
    expect(page.get_by_role("heading", level=1)).to_contain_text("stage")
    page.get_by_role("link", name=waiting.name, exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Sign off").click()
    page.get_by_label("Comment for the partner").fill("The report is written. Thank you.")
    assert_accessible(page)
    page.get_by_role("button", name="Sign off").click()
    expect(page.locator(".messagelist")).to_contain_text("signed off")
    assert ProjectStage.objects.get(pk=waiting.pk).status == Stage.COMPLETE

    # Schedule a meeting for the final stage, which has now started.
    page.get_by_role("link", name=str(project)).click()
    page.locator("tr.has_original", has_text=final.name).get_by_role("link", name="Change").click()
    page.get_by_role("link", name="Arrange a meeting for this stage").click()
    when = timezone.localtime() + timedelta(days=14)
    page.locator("#id_starts_at_0").fill(when.strftime("%Y-%m-%d"))
    page.locator("#id_starts_at_1").fill("10:00")
    page.get_by_label("Place or link").fill("Town Hall, Room 2")
    page.get_by_label("Attendees").fill("Jo Bloggs\nSam Researcher")
    assert_accessible(page)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    meeting = Meeting.objects.get()
    assert (meeting.stage_id, meeting.location) == (final.pk, "Town Hall, Room 2")

    # Preview the report, then publish it.
    page.get_by_role("link", name="Home").first.click()
    page.get_by_role("link", name="Evaluation reports").first.click()
    page.get_by_role("link", name="What Family Circles found").click()
    page.get_by_role("link", name="View on site").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Preview: not published")
    assert_accessible(page)
    page.get_by_role("link", name="Back to the report").click()
    page.get_by_role("link", name="Publish", exact=True).click()
    assert_accessible(page)
    page.get_by_role("button", name="Publish the report").click()
    expect(page.locator(".messagelist")).to_contain_text("published, and its project is complete")
    report = EvaluationReport.objects.get(project=project)
    assert report.published_on == timezone.localdate()
    assert Project.objects.get(pk=project.pk).status == Project.Status.COMPLETED
