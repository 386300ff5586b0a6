"""The application admin: list, filters, scores, the change page, transitions and the export."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pine.models import Application, Event, Export
from pine.workflow import Status
from tests.pine.factories import (
    ApplicationFactory,
    EventFactory,
    ProjectFactory,
    ReviewFactory,
    SectionAnswerFactory,
    complete_sections,
    manager,
    member_of,
    reviewer,
    score_all,
)

pytestmark = pytest.mark.django_db
LIST = "/admin/pine/application/"


def _pine_codenames(group: str) -> set[str]:
    return set(
        Group.objects.get(name=group)
        .permissions.filter(content_type__app_label="pine")
        .values_list("codename", flat=True)
    )


def test_reviewers_review_and_only_managers_change_reference_data():
    reviewers, managers = (
        _pine_codenames("PINE reviewers"),
        _pine_codenames("PINE programme managers"),
    )
    assert {"add_review", "change_review", "view_application"} <= reviewers
    assert not {"change_call", "change_criterion", "change_application"} & reviewers
    assert {"change_call", "change_criterion", "view_review"} <= managers
    assert not {"add_review", "change_application", "delete_application"} & managers


def test_list_shows_the_average_weighted_score_of_finished_reviews(client, pine_manager):
    application = ApplicationFactory(status=Status.SCREENING)
    score_all(ReviewFactory(application=application), 4)
    score_all(ReviewFactory(application=application), 2)
    score_all(ReviewFactory(application=application, is_draft=True), 5)
    score_all(ReviewFactory(application=application, conflict_of_interest=True), 5)
    client.force_login(pine_manager)
    page = client.get(LIST).content.decode()
    assert "3.00" in page


def test_list_query_count_does_not_grow_with_applications(client, pine_manager):
    client.force_login(pine_manager)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        return len(queries)

    ApplicationFactory.create_batch(2)
    count()
    few = count()
    for application in ApplicationFactory.create_batch(10):
        score_all(ReviewFactory(application=application), 3)
    assert count() == few


@pytest.mark.parametrize(
    "query",
    [
        "?status__exact=submitted",
        "?organisation__kind__exact=local_authority",
        "?organisation__region__exact=london",
        "?q=Family",
        "?priorities__id__exact=1",
    ],
)
def test_list_filters_and_search_work(client, pine_manager, query):
    ApplicationFactory(status=Status.SUBMITTED)
    client.force_login(pine_manager)
    assert client.get(LIST + query).status_code == 200


def test_change_page_shows_answers_reviews_history_and_only_allowed_actions(client, pine_reviewer):
    application = ApplicationFactory(status=Status.SCREENING)
    SectionAnswerFactory(application=application, section="theory-of-change")
    score_all(ReviewFactory(application=application, reviewer=pine_reviewer), 4)
    Event.objects.create(
        application=application,
        transition="start_screening",
        from_status="submitted",
        to_status="screening",
    )
    client.force_login(pine_reviewer)
    page = client.get(f"{LIST}{application.pk}/change/").content.decode()
    assert "Fewer children in care." in page
    assert "Weighted average" in page and "4.0" in page
    assert "transition/?transition=request_more_information" in page
    assert "?transition=accept" not in page and "?transition=decline" not in page


def test_reviewer_cannot_decide(client, pine_reviewer):
    application = ApplicationFactory(status=Status.CONSULTATION)
    client.force_login(pine_reviewer)
    response = client.post(
        f"{LIST}{application.pk}/transition/",
        {"transition": "accept", "seen_status": "consultation", "message": "Yes"},
    )
    assert "Only PINE programme managers can accept" in response.content.decode()
    assert Application.objects.get().status == Status.CONSULTATION


def test_decision_needs_a_reason_and_sends_it_to_the_applicant(
    client, pine_manager, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(status=Status.CONSULTATION)
    applicant = member_of(application.organisation)
    client.force_login(pine_manager)
    url = f"{LIST}{application.pk}/transition/"
    response = client.post(
        url, {"transition": "accept", "seen_status": "consultation", "message": ""}
    )
    assert "Enter a reason. It is sent to the applicant." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"transition": "accept", "seen_status": "consultation", "message": "A strong fit."}
        )
    assert response.status_code == 302
    assert Application.objects.get().status == Status.ACCEPTED
    (email,) = mail.outbox
    assert email.to == [applicant.email] and "A strong fit." in email.body


def test_second_manager_gets_a_conflict_and_keeps_what_they_typed(client, pine_manager):
    application = ApplicationFactory(status=Status.CONSULTATION)
    client.force_login(pine_manager)
    url = f"{LIST}{application.pk}/transition/"
    client.post(url, {"transition": "accept", "seen_status": "consultation", "message": "Yes."})
    client.force_login(manager(totp=False))
    response = client.post(
        url,
        {"transition": "decline", "seen_status": "consultation", "message": "My careful reason"},
    )
    page = response.content.decode()
    assert "Someone else changed this application" in page and "My careful reason" in page
    assert Application.objects.get().status == Status.ACCEPTED


def test_export_leaves_out_contact_details_by_default_and_is_logged(client, pine_manager):
    application = ApplicationFactory(status=Status.SUBMITTED)
    complete_sections(application)
    client.force_login(pine_manager)
    response = client.post(f"{LIST}export/?status__exact=submitted", {})
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][0] == application.reference
    assert (
        "jo@example.org" not in text and "Jo Bloggs" not in text and "contact_email" not in rows[0]
    )
    log = Export.objects.get()
    assert (log.exported_by, log.filters, log.included_contact_details, log.rows) == (
        pine_manager,
        "status__exact=submitted",
        False,
        1,
    )


def test_export_includes_contact_details_only_when_chosen(client, pine_manager):
    complete_sections(ApplicationFactory(status=Status.SUBMITTED))
    client.force_login(pine_manager)
    response = client.post(f"{LIST}export/", {"include_contact_details": "on"})
    text = b"".join(response.streaming_content).decode()
    assert "jo@example.org" in text
    assert Export.objects.get().included_contact_details


def test_export_query_count_does_not_grow(client, pine_manager):
    client.force_login(pine_manager)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.post(f"{LIST}export/", {"include_contact_details": "on"})
            b"".join(response.streaming_content)
        return len(queries)

    complete_sections(ApplicationFactory())
    count()
    few = count()
    for application in ApplicationFactory.create_batch(5):
        complete_sections(application)
    assert count() == few


def test_staff_without_the_export_permission_are_refused(client):
    staff = reviewer(totp=False)
    Group.objects.get(name="PINE reviewers").permissions.filter(
        codename="export_application"
    ).delete()
    client.force_login(staff)
    assert client.post(f"{LIST}export/", {}).status_code == 403


def test_list_keeps_to_the_columns_that_fit_and_moves_the_call_to_a_filter(client, pine_manager):
    ApplicationFactory.create_batch(2, status=Status.SUBMITTED)  # two calls, so a call filter
    client.force_login(pine_manager)
    response = client.get(LIST)
    columns = [c for c in response.context["cl"].list_display if c != "action_checkbox"]
    assert columns == ["reference", "organisation_name", "status", "submitted", "score"]
    assert "call__id__exact" in response.content.decode()  # the call filter


def test_accepted_application_links_to_its_project(client, pine_manager):
    project = ProjectFactory(title="Family group conferences")
    client.force_login(pine_manager)
    page = client.get(f"{LIST}{project.application.pk}/change/").content.decode()
    assert "its project has started" in page
    assert f'href="/admin/pine/project/{project.pk}/change/">Family group conferences</a>' in page
    assert f'href="{project.get_absolute_url()}"' in page


def test_application_without_a_project_has_no_project_link(client, pine_manager):
    application = ApplicationFactory(status=Status.CONSULTATION)
    client.force_login(pine_manager)
    page = client.get(f"{LIST}{application.pk}/change/").content.decode()
    assert "its project has started" not in page and "/admin/pine/project/1/" not in page


def test_event_page_is_read_only(client, pine_manager):
    event = EventFactory(message="Moved on.")
    client.force_login(pine_manager)
    page = client.get(f"/admin/pine/event/{event.pk}/change/").content.decode()
    assert "Moved on." in page
    assert 'name="_save"' not in page and 'name="_continue"' not in page
    assert client.post(f"/admin/pine/event/{event.pk}/change/", {}).status_code == 403
    assert client.get("/admin/pine/event/").status_code == 200
