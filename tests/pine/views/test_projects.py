"""The project workspace: scoping, the progress it shows, the project list, the calendar, staff."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from pine.models import Action, Project, ProjectStage
from pine.services.projects import document_upload, project_create, stage_add
from pine.workflow import Status
from tests.pine.factories import (
    ActionFactory,
    ApplicationFactory,
    MeetingFactory,
    ProjectFactory,
    manager,
    member_of,
    reviewer,
    staff_in,
)
from tests.pine.views.workspace import (
    add_meeting,
    finish_skipping_five,
    make_project,
    tracker_items,
    upload,
)

pytestmark = pytest.mark.django_db


def test_members_see_their_project_with_its_stages_in_order(client, project, partner):
    client.force_login(partner)
    response = client.get(project.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    names = list(project.stages.values_list("name", flat=True))
    assert len(names) == 7
    positions = [page.index(f"Stage {n}: {name}") for n, name in enumerate(names, start=1)]
    assert positions == sorted(positions)
    assert "0 of 7 stages complete" in page
    assert 'aria-current="step"' in page and "Current stage." in page


def test_progress_reads_without_colour(client, project, partner):
    first, second, *_ = project.stages.all()
    ProjectStage.objects.filter(pk=first.pk).update(
        status=ProjectStage.Status.COMPLETE, signed_off_at=timezone.now()
    )
    ProjectStage.objects.filter(pk=second.pk).update(status=ProjectStage.Status.IN_PROGRESS)
    client.force_login(partner)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "1 of 7 stages complete" in page
    assert "Complete" in page and "In progress" in page and "Next stage." in page
    assert (
        f'The current stage is <a class="govuk-link" href="{project.get_absolute_url()}stages/2/">stage 2'
        in page
    )


@pytest.mark.parametrize("path", ["", "stages/1/", "meetings.ics"])
def test_other_organisations_get_404_and_anonymous_people_sign_in(client, project, path):
    url = project.get_absolute_url() + path
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    client.force_login(member_of(make_project().organisation))
    assert client.get(url).status_code == 404


def test_staff_need_the_permission_and_a_two_factor_session(client, project, settings):
    client.force_login(staff_in("Evidence editors"))
    assert client.get(project.get_absolute_url()).status_code == 404
    pine_manager = manager(totp=False)
    client.force_login(pine_manager)
    settings.STAFF_MFA_REQUIRED = True
    assert client.get(project.get_absolute_url()).status_code == 404
    settings.STAFF_MFA_REQUIRED = False
    assert client.get(project.get_absolute_url()).status_code == 200


def test_workspace_query_count_does_not_grow_with_its_content(client, django_user_model):
    def queries(project, partner) -> int:
        client.force_login(partner)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(project.get_absolute_url()).status_code == 200
        return len(captured)

    small = make_project()
    small_partner = member_of(small.organisation)
    big = make_project()
    big_partner = member_of(big.organisation)
    for stage in big.stages.all():
        meeting = add_meeting(stage)
        for n in range(3):
            Action.objects.create(meeting=meeting, description=f"Do {n}", owner="Sam")
        document_upload(stage=stage, user=big_partner, upload=upload(), title="Plan", kind="other")
    finish_skipping_five(big)  # with its report linked and its skipped stages left out
    assert queries(big, big_partner) == queries(small, small_partner)


def test_a_finished_project_counts_every_stage_and_links_its_report(client, project, partner):
    meeting = add_meeting(list(project.stages.all())[2], location="Room 9, skipped stage")
    Action.objects.create(meeting=meeting, description="Book the ethics panel", owner="Sam")
    report = finish_skipping_five(project)
    client.force_login(partner)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "2 of 7 stages complete, 5 skipped." in page and "of 2 stages" not in page
    assert "has finished evaluating its practice with PINE." in page
    assert "is evaluating" not in page and "The current stage is" not in page
    assert f'href="{report.get_absolute_url()}"' in page
    assert "Room 9, skipped stage" not in page and "Book the ethics panel" not in page
    assert "There are no open actions." in page
    assert "There are no more meetings: the project has finished." in page


def test_a_finished_project_without_a_published_report_says_it_will_be_linked(
    client, project, partner
):
    Project.objects.filter(pk=project.pk).update(status=Project.Status.COMPLETED)
    client.force_login(partner)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "has finished evaluating" in page and "The current stage is" not in page
    assert "The evaluation report will be linked here when it is published." in page
    assert "Stage 1, Planning and modelling the intervention: not done" in tracker_items(page)


def test_a_paused_project_says_it_is_paused_and_keeps_a_summary_staff_wrote(
    client, project, partner
):
    Project.objects.filter(pk=project.pk).update(
        status=Project.Status.PAUSED, summary="Family meetings before a conference."
    )
    client.force_login(partner)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "evaluation of its practice with PINE is paused." in page
    assert "is evaluating" not in page and "Family meetings before a conference." in page
    assert "The current stage is" in page  # paused, not finished: the work waits where it was


def test_the_tracker_says_each_stages_state_in_words(client, project, partner):
    first, second, third, *_ = project.stages.all()
    ProjectStage.objects.filter(pk=first.pk).update(status=ProjectStage.Status.COMPLETE)
    ProjectStage.objects.filter(pk=second.pk).update(status=ProjectStage.Status.SKIPPED)
    ProjectStage.objects.filter(pk=third.pk).update(status=ProjectStage.Status.IN_PROGRESS)
    client.force_login(partner)
    page = client.get(project.get_absolute_url()).content.decode()
    assert tracker_items(page)[:4] == [
        "Stage 1, Planning and modelling the intervention: done",
        "Stage 2, Evaluation plan: skipped",
        "Stage 3, Data protection and research ethics: current stage",
        "Stage 4, Data collection: to come",
    ]
    assert len(tracker_items(page)) == 7
    # The state is drawn by a shape and a symbol too, not only by colour.
    done_marker = r'step--done">\s*<span class="app-stage-tracker__marker" aria-hidden="true">✓'
    assert re.search(done_marker, page)
    assert 'app-stage-tracker__step--current" aria-current="step">' in page
    assert "1 of 7 stages complete, 1 skipped." in page


def test_the_tracker_follows_the_stages_staff_add(client, project, partner):
    stage_add(project=project, user=manager(totp=False), name="Sharing the findings locally")
    client.force_login(partner)
    page = client.get(project.get_absolute_url()).content.decode()
    assert tracker_items(page)[-1] == "Stage 8, Sharing the findings locally: to come"
    assert "0 of 8 stages complete." in page


def test_the_calendar_holds_the_projects_meetings(client, project, partner):
    first, second, *_ = project.stages.all()
    add_meeting(first, location="https://meet.example.org/abc")
    add_meeting(second, starts_at=timezone.now() + timedelta(days=40))
    add_meeting(make_project().stages.first(), location="Somewhere else")
    client.force_login(partner)
    response = client.get(f"{project.get_absolute_url()}meetings.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 2
    assert {str(e["LOCATION"]) for e in events} == {
        "https://meet.example.org/abc",
        "Town Hall, Room 4",
    }
    assert b"Private notes" not in response.content
    assert str(events[0]["URL"]).startswith("https://evidence.example.org/pine/projects/")


def test_applicants_find_their_project_from_their_applications(client, project, partner):
    client.force_login(partner)
    page = client.get("/pine/applications/").content.decode()
    assert project.get_absolute_url() in page
    page = client.get(project.application.get_absolute_url()).content.decode()
    assert "This application became a PINE project" in page


def test_project_list_shows_the_current_stage(client, project, partner):
    client.force_login(partner)
    page = client.get("/pine/projects/").content.decode()
    assert project.title in page and project.stages.first().name in page


def test_project_list_shows_the_next_meeting_and_open_actions_as_the_account_home_does(
    client, project, partner
):
    soon = MeetingFactory(
        stage=project.stages.first(), starts_at=timezone.now() + timedelta(days=2)
    )
    ActionFactory.create_batch(2, meeting=soon)
    client.force_login(partner)
    list_page = client.get("/pine/projects/").content.decode()
    assert f'href="{project.get_absolute_url()}#actions">2 open actions' in list_page
    card = re.search(r'<div class="govuk-summary-card">.*?</dl>', list_page, re.S).group()
    home = client.get("/accounts/").content.decode()
    assert card.replace("<h2 ", "<h3 ").replace("</h2>", "</h3>") in home


def test_project_list_queries_stay_the_same_however_many_projects(client, project, partner):
    organisation = project.organisation
    client.force_login(partner)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/pine/projects/").status_code == 200
        return len(captured)

    queries()
    one = queries()
    for _ in range(3):
        other = ProjectFactory(application__organisation=organisation)
        ActionFactory(meeting=MeetingFactory(stage=other.stages.first()))
    assert queries() == one


def test_no_calendar_until_a_meeting_is_arranged(client, project, partner):
    client.force_login(partner)
    assert "meetings.ics" not in client.get(project.get_absolute_url()).content.decode()
    assert client.get(f"{project.get_absolute_url()}meetings.ics").status_code == 404


def test_reviewers_do_not_see_partners_notes_or_documents(client, project, partner):
    document = document_upload(
        stage=project.stages.first(), user=partner, upload=upload(), title="Plan", kind="other"
    )
    client.force_login(reviewer(totp=False))
    assert client.get(project.get_absolute_url()).status_code == 404
    assert client.get(document.get_absolute_url()).status_code == 404


def test_staff_reach_projects_after_signing_in_with_two_factor(client, project, settings):
    from tests.accounts.journeys import sign_in_with_two_factor

    settings.STAFF_MFA_REQUIRED = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    pine_manager = manager()
    sign_in_with_two_factor(client, pine_manager)
    assert client.get(project.get_absolute_url()).status_code == 200


def test_partners_see_staff_by_name_never_by_email_address(client, project, partner):
    nameless = manager(totp=False, full_name="")
    stage = project.stages.first()
    ProjectStage.objects.filter(pk=stage.pk).update(
        status=ProjectStage.Status.COMPLETE, signed_off_by=nameless, signed_off_at=timezone.now()
    )
    client.force_login(partner)
    page = client.get(f"{project.get_absolute_url()}stages/1/").content.decode()
    assert "by the PINE team" in page and nameless.email not in page


def test_the_public_summary_never_copies_the_applications_answers(client):
    from tests.pine.factories import SectionAnswerFactory

    application = ApplicationFactory(status=Status.ACCEPTED)
    SectionAnswerFactory(
        application=application,
        section="the-practice",
        answers={"description": "We meet families at 12 Acacia Road."},
    )
    project = project_create(application=application, user=None)
    assert "Acacia" not in project.summary
    assert "Acacia" not in client.get("/pine/partners/").content.decode()
