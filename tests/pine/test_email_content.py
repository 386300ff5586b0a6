"""What PINE's emails say: a subject that reads as a sentence, absolute links on SITE_URL to the
pages they are about (whatever Host the request that caused them named), and replies that go to
the PINE team."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from pine.models import Meeting
from pine.services.projects import stage_mark_ready, stage_skip
from pine.workflow import Status
from tests.pine.admin.project_pages import _post_data
from tests.pine.factories import (
    ApplicationFactory,
    MeetingFactory,
    ProjectFactory,
    complete_sections,
    manager,
    member_of,
    stages_of,
)

pytestmark = pytest.mark.django_db

SITE_URL = "https://evidence.example.org"  # pyproject.toml's test settings
TEAM = "programme-team@evidence.example.org"
HOSTILE = {"HTTP_HOST": "localhost:1337"}  # allowed (the port is not checked), but not the site


@pytest.fixture(autouse=True)
def _settings(settings) -> None:
    settings.PINE_TEAM_EMAIL = TEAM
    settings.STAFF_MFA_REQUIRED = False  # the two-factor gate is tested in tests/accounts


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    """Sign in as `user`, make the request with a hostile Host, and return what was emailed."""

    def request(user, url: str, data: dict) -> list:
        client.force_login(user)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data, **HOSTILE)
        assert response.status_code == 302, response.content.decode()[:2000]
        assert mail.outbox, "no email was sent"
        for message in mail.outbox:
            _check_links_and_replies(message)
        return list(mail.outbox)

    return request


def _check_links_and_replies(message) -> None:
    links = re.findall(r"https?://\S+", message.body)
    assert links, message.body
    assert all(link.startswith(f"{SITE_URL}/") for link in links), links
    assert "localhost" not in message.body + message.subject
    assert message.reply_to == [TEAM]
    assert message.message()["Reply-To"] == TEAM
    assert f"PINE team at {TEAM}" in message.body
    assert "Why you have this email:" in message.body
    assert "tell us at info@evidence.example.org" in message.body
    assert not message.subject.endswith(".") and "\n" not in message.subject


def _to(messages: list, person) -> object:
    (message,) = [m for m in messages if m.to == [person.email]]
    return message


def _admin_transition(send, application, user, transition: str, status: str) -> list:
    url = f"/admin/pine/application/{application.pk}/transition/"
    data = {"transition": transition, "seen_status": status, "message": "Tell us more."}
    return send(user, url, data)


# --- Applications -----------------------------------------------------------------------------


def test_a_submitted_application_links_the_applicant_and_staff_to_it(send):
    application = ApplicationFactory(organisation__name="Warrington Borough Council")
    complete_sections(application)
    applicant, staff = member_of(application.organisation), manager(totp=False)
    ref = application.reference
    sent = send(applicant, f"/pine/applications/{ref}/submit/", {"seen_status": "draft"})

    to_applicant = _to(sent, applicant)
    assert to_applicant.subject == f"We have received your application to PINE ({ref})"
    assert f"\n{SITE_URL}/pine/applications/{ref}/\n" in to_applicant.body
    assert "reply to this email. Replies go to the PINE team" in to_applicant.body
    to_staff = _to(sent, staff)
    assert to_staff.subject == (
        f"“Warrington Borough Council” has submitted a PINE application ({ref})"
    )
    assert f"\n{SITE_URL}/admin/pine/application/{application.pk}/change/\n" in to_staff.body
    assert "Find it in the admin" not in to_staff.body
    assert "not to the applicant" in to_staff.body


def test_more_information_sent_tells_the_applicant_and_staff(send):
    application = ApplicationFactory(
        status=Status.MORE_INFORMATION, organisation__name="Warrington Borough Council"
    )
    complete_sections(application)
    applicant, staff = member_of(application.organisation), manager(totp=False)
    ref = application.reference
    sent = send(applicant, f"/pine/applications/{ref}/submit/", {"seen_status": "more_information"})

    to_applicant = _to(sent, applicant)
    assert to_applicant.subject == (
        f"We have received more information for your PINE application ({ref})"
    )
    assert f"{SITE_URL}/pine/applications/{ref}/" in to_applicant.body
    assert _to(sent, staff).subject == (
        f"“Warrington Borough Council” has sent more information for its PINE application ({ref})"
    )


def test_a_request_for_more_information_links_the_application_to_change(send):
    application = ApplicationFactory(status=Status.SCREENING)
    applicant = member_of(application.organisation)
    sent = _admin_transition(
        send, application, manager(totp=False), "request_more_information", "screening"
    )
    message = _to(sent, applicant)
    ref = application.reference
    assert message.subject == f"We need more information about your PINE application {ref}"
    assert (
        "Tell us more.\n\nOpen the application, change the sections we ask about, and send it "
        f"to us again:\n{SITE_URL}/pine/applications/{ref}/\n"
    ) in message.body
    assert "under Your applications" not in message.body


def test_an_acceptance_links_the_application_and_the_new_project_workspace(send):
    application = ApplicationFactory(status=Status.CONSULTATION)
    applicant = member_of(application.organisation)
    sent = _admin_transition(send, application, manager(totp=False), "accept", "consultation")
    message = _to(sent, applicant)
    ref = application.reference
    assert message.subject == f"Your PINE application {ref} has been accepted"
    assert f"{SITE_URL}/pine/applications/{ref}/" in message.body
    project = application.project
    assert f"\n{SITE_URL}/pine/projects/{project.slug}/\n" in message.body


def test_a_decline_links_the_application_and_no_workspace(send):
    application = ApplicationFactory(status=Status.CONSULTATION)
    applicant = member_of(application.organisation)
    sent = _admin_transition(send, application, manager(totp=False), "decline", "consultation")
    message = _to(sent, applicant)
    ref = application.reference
    assert message.subject == f"Your PINE application {ref} has not been accepted"
    assert f"{SITE_URL}/pine/applications/{ref}/" in message.body
    assert "/pine/projects/" not in message.body and "workspace" not in message.body


# --- Projects ---------------------------------------------------------------------------------


def _second_stage_under_way():
    """A project whose first stage was skipped, so its second is the one in progress."""
    project = ProjectFactory(application__organisation__name="Warrington Borough Council")
    first, second, *_ = stages_of(project)
    stage_skip(stage=first, user=manager(totp=False))
    second.refresh_from_db()
    return project, second


def _partner_links(message, project, number: int) -> None:
    stage_url = f"{SITE_URL}/pine/projects/{project.slug}/stages/{number}/"
    assert f"\n{stage_url}\n" in message.body
    assert f"\n{SITE_URL}/pine/projects/{project.slug}/\n" in message.body


def _meeting_data(stage, when) -> dict:
    local = timezone.localtime(when)
    return {
        "stage": stage.pk,
        "starts_at_0": local.strftime("%Y-%m-%d"),
        "starts_at_1": local.strftime("%H:%M"),
        "duration_minutes": 60,
        "location": "Town Hall",
        "attendees": "",
        "notes": "",
        "actions-TOTAL_FORMS": 0,
        "actions-INITIAL_FORMS": 0,
    }


def test_a_new_meeting_links_its_stage_and_says_replies_reach_the_team(send):
    project, stage = _second_stage_under_way()
    partner = member_of(project.organisation)
    when = (timezone.now() + timedelta(days=14)).replace(second=0, microsecond=0)
    (message,) = send(manager(totp=False), "/admin/pine/meeting/add/", _meeting_data(stage, when))
    assert message.to == [partner.email]
    assert message.subject == "A meeting has been arranged for stage 2 of your PINE evaluation"
    _partner_links(message, project, 2)
    assert (
        f"If the time does not suit you, reply to this email. Replies go to the PINE team at {TEAM}."
        in message.body
    )
    ((_name, ics, _type),) = message.attachments
    unfolded = ics.replace("\r\n ", "")
    assert f"URL:{SITE_URL}/pine/projects/{project.slug}/stages/2/" in unfolded


def test_a_moved_meeting_says_so_and_links_its_stage(client, send):
    meeting = MeetingFactory()
    project = meeting.stage.project
    member_of(project.organisation)
    staff = manager(totp=False)
    url = f"/admin/pine/meeting/{meeting.pk}/change/"
    client.force_login(staff)
    data = _post_data(client.get(url))
    later = timezone.localtime(meeting.starts_at + timedelta(days=2))
    data.pop("starts_at", None)
    data |= {"starts_at_0": f"{later:%Y-%m-%d}", "starts_at_1": f"{later:%H:%M:%S}"}
    (message,) = send(staff, url, data)
    assert Meeting.objects.get().sequence == 1
    assert message.subject == "The meeting for stage 1 of your PINE evaluation has moved"
    _partner_links(message, project, 1)


def test_a_stage_ready_for_sign_off_links_the_managers_to_its_admin_pages(send):
    project, stage = _second_stage_under_way()
    staff = manager(totp=False)
    url = f"/pine/projects/{project.slug}/stages/2/ready/"
    data = {"stage": stage.pk, "seen_version": stage.version}
    sent = send(member_of(project.organisation), url, data)
    message = _to(sent, staff)
    assert message.subject == (
        "“Warrington Borough Council” says stage 2 of its PINE evaluation is ready for sign-off"
    )
    admin = f"{SITE_URL}/admin/pine/projectstage/{stage.pk}"
    assert f"in the admin:\n{admin}/change/\n" in message.body
    assert f"Sign it off:\n{admin}/act/sign_off/\n" in message.body
    assert f"with a comment:\n{admin}/act/return/\n" in message.body
    assert "not to the partner" in message.body


def test_a_signed_off_stage_links_its_page_and_the_workspace(send):
    project, stage = _second_stage_under_way()
    stage = stage_mark_ready(stage=stage, user=member_of(project.organisation))
    url = f"/admin/pine/projectstage/{stage.pk}/act/sign_off/"
    data = {"seen_version": stage.version, "text": "Well done."}
    (message,) = send(manager(totp=False), url, data)
    assert message.subject == "Stage 2 of your PINE evaluation has been signed off"
    assert "Well done." in message.body
    _partner_links(message, project, 2)


def test_a_returned_stage_links_its_page_to_mark_it_ready_again(send):
    project, stage = _second_stage_under_way()
    stage = stage_mark_ready(stage=stage, user=member_of(project.organisation))
    url = f"/admin/pine/projectstage/{stage.pk}/act/return/"
    data = {"seen_version": stage.version, "text": "Add the consent form."}
    (message,) = send(manager(totp=False), url, data)
    assert message.subject == "Stage 2 of your PINE evaluation needs a little more work"
    assert "Add the consent form." in message.body
    _partner_links(message, project, 2)
