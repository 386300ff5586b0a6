"""PINE's sections of the account home: applications with their next step, and projects."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.templatetags.govuk_dates import govuk_datetime
from pine.account_home import next_step
from pine.models import Project, ProjectStage
from pine.workflow import Status
from tests.accounts.factories import MembershipFactory
from tests.pine.factories import (
    ActionFactory,
    ApplicationFactory,
    MeetingFactory,
    ProjectFactory,
    manager,
    member_of,
    stages_of,
)

pytestmark = pytest.mark.django_db


def _home(client, user) -> str:
    client.force_login(user)
    response = client.get("/accounts/")
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


@pytest.mark.parametrize(
    ("status", "words", "links_to"),
    [
        (Status.DRAFT, "Continue your application", "application"),
        (Status.SUBMITTED, "We are checking it", None),
        (Status.SCREENING, "We are checking it", None),
        (Status.CONSULTATION, "We are checking it", None),
        (Status.MORE_INFORMATION, "Send us more information", "application"),
    ],
)
def test_each_status_before_a_decision_has_its_next_step(status, words, links_to):
    application = ApplicationFactory(status=status)
    step = next_step(application)
    assert step["text"] == words
    assert step["href"] == (application.get_absolute_url() if links_to else None)


def test_an_accepted_application_leads_to_its_project():
    project = ProjectFactory()
    assert next_step(project.application) == {
        "text": "Go to your project",
        "href": project.get_absolute_url(),
    }


@pytest.mark.parametrize("status", [Status.DECLINED, Status.WITHDRAWN])
def test_a_declined_or_withdrawn_application_has_no_next_step(status):
    assert next_step(ApplicationFactory(status=status)) is None


def test_applications_show_reference_title_organisation_plain_status_and_next_step(client):
    application = ApplicationFactory(
        status=Status.MORE_INFORMATION,
        title="Family Circles",
        organisation__name="Warrington Borough Council",
    )
    ApplicationFactory(title="Another organisation's practice")
    html = _home(client, member_of(application.organisation))
    assert f'href="{application.get_absolute_url()}">{application.reference}</a>' in html
    assert "Family Circles" in html and "Warrington Borough Council" in html
    assert "We need more information from you" in html  # the applicant's word, not staff's
    assert f'<a class="govuk-link" href="{application.get_absolute_url()}">Send us more information' in html  # fmt: skip
    assert "Another organisation" not in html


def test_someone_without_applications_is_pointed_to_the_open_calls(client):
    html = _home(client, MembershipFactory().user)
    assert "Your organisations have not started an application to PINE yet" in html
    assert 'href="/pine/applications/"' in html


def test_projects_show_current_stage_next_meeting_and_open_actions(client):
    project = ProjectFactory(title="Family Circles evaluation")
    first = stages_of(project)[0]
    soon = MeetingFactory(stage=first, starts_at=timezone.now() + timedelta(days=2))
    MeetingFactory(stage=first, starts_at=timezone.now() + timedelta(days=9))
    MeetingFactory(stage=first, starts_at=timezone.now() - timedelta(days=9))  # held already
    ActionFactory.create_batch(2, meeting=soon)
    ActionFactory(meeting=soon, done=True)
    html = _home(client, member_of(project.organisation))
    assert f'href="{project.get_absolute_url()}">Family Circles evaluation</a>' in html
    assert f'Current stage</dt> <dd class="govuk-summary-list__value">{first.name}' in html
    assert f'Next meeting</dt> <dd class="govuk-summary-list__value">{_when(soon)}' in html
    assert f'href="{project.get_absolute_url()}#actions">2 open actions' in html


def _when(meeting) -> str:
    return govuk_datetime(meeting.starts_at)


def test_a_skipped_stages_meeting_and_actions_are_left_out(client):
    project = ProjectFactory()
    second = stages_of(project)[1]
    ProjectStage.objects.filter(pk=second.pk).update(status=ProjectStage.Status.SKIPPED)
    skipped_meeting = MeetingFactory(stage=second, starts_at=timezone.now() + timedelta(days=1))
    ActionFactory(meeting=skipped_meeting)
    html = _home(client, member_of(project.organisation))
    assert 'Next meeting</dt> <dd class="govuk-summary-list__value">None booked' in html
    assert 'Open actions</dt> <dd class="govuk-summary-list__value">None' in html


def test_a_finished_project_has_no_current_stage(client):
    project = ProjectFactory(status=Project.Status.WITHDRAWN)
    html = _home(client, member_of(project.organisation))
    assert "Current stage</dt> <dd class=\"govuk-summary-list__value\">None: the project has ended" in html  # fmt: skip


def test_staff_see_only_their_own_organisations_projects_here(client):
    project = ProjectFactory(title="Someone else's project")
    html = _home(client, manager(totp=False))
    assert project.title not in html
    assert "Your projects" not in html  # a section with nothing in it is left out


def _queries(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/accounts/").status_code == 200
    return len(queries)


def test_queries_stay_the_same_however_many_applications_and_projects(client):
    person = MembershipFactory().user
    organisation = person.memberships.get().organisation

    def add_one_of_each():
        ApplicationFactory(organisation=organisation)
        project = ProjectFactory(application__organisation=organisation)
        ActionFactory(meeting=MeetingFactory(stage=stages_of(project)[0]))

    add_one_of_each()
    _queries(client, person)  # the first request of a test also fills caches
    one = _queries(client, person)
    for _ in range(3):
        add_one_of_each()
    assert _queries(client, person) == one
