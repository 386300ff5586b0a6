"""The meeting admin: scheduling or moving a meeting emails the partner an invitation, and
meetings are never deleted."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from pine.models import Meeting, ProjectEvent, ProjectStage
from tests.accounts.factories import UserFactory
from tests.pine.admin.project_pages import MEETINGS, Kind, _post_data
from tests.pine.factories import MeetingFactory, ProjectFactory, member_of, stages_of

pytestmark = pytest.mark.django_db


def _meeting_data(stage: ProjectStage, when, **extra) -> dict:
    local = timezone.localtime(when)
    return {
        "stage": stage.pk,
        "starts_at_0": local.strftime("%Y-%m-%d"),
        "starts_at_1": local.strftime("%H:%M"),
        "duration_minutes": 90,
        "location": "Town Hall",
        "attendees": "Jo Bloggs",
        "notes": "",
        "actions-TOTAL_FORMS": 1,
        "actions-INITIAL_FORMS": 0,
        "actions-0-description": "Bring the logic model",
        "actions-0-owner": "Jo Bloggs",
        **extra,
    }


def test_meeting_scheduled_in_the_admin_is_recorded_and_sent_with_an_invitation(
    client, pine_manager, django_capture_on_commit_callbacks
):
    stage = stages_of(ProjectFactory())[0]
    partner = member_of(stage.project.organisation)
    when = (timezone.now() + timedelta(days=14)).replace(second=0, microsecond=0)
    client.force_login(pine_manager)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{MEETINGS}add/", _meeting_data(stage, when))

    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.starts_at, meeting.sequence, meeting.version) == (when, 0, 1)
    assert meeting.actions.get().description == "Bring the logic model"
    event = ProjectEvent.objects.get(kind=Kind.MEETING_SCHEDULED)
    assert (event.meeting, event.actor) == (meeting, pine_manager)
    (email,) = mail.outbox
    assert email.to == [partner.email]
    ((_name, content, mimetype),) = email.attachments
    assert mimetype == "text/calendar" and "BEGIN:VCALENDAR" in content


def test_moving_a_meeting_bumps_its_sequence_and_tells_the_partner(
    client, pine_manager, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    member_of(meeting.stage.project.organisation)
    client.force_login(pine_manager)
    data = _post_data(client.get(f"{MEETINGS}{meeting.pk}/change/"))
    later = timezone.localtime(meeting.starts_at + timedelta(days=2))
    data.update(
        {"starts_at_0": later.strftime("%Y-%m-%d"), "starts_at_1": later.strftime("%H:%M:%S")}
    )
    data.pop("starts_at", None)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{MEETINGS}{meeting.pk}/change/", data)

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    assert ProjectEvent.objects.filter(kind=Kind.MEETING_MOVED, meeting=meeting).exists()
    (email,) = mail.outbox
    assert "moved" in email.subject
    assert "SEQUENCE:1" in email.attachments[0][1]


def test_changing_only_the_notes_does_not_email_anyone(
    client, pine_manager, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory()
    member_of(meeting.stage.project.organisation)
    client.force_login(pine_manager)
    data = _post_data(client.get(f"{MEETINGS}{meeting.pk}/change/"))
    local = timezone.localtime(meeting.starts_at)
    data.update(
        {
            "starts_at_0": local.strftime("%Y-%m-%d"),
            "starts_at_1": local.strftime("%H:%M:%S"),
            "notes": "We agreed the outcomes.",
        }
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{MEETINGS}{meeting.pk}/change/", data)

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.notes, meeting.sequence) == ("We agreed the outcomes.", 0)
    assert mail.outbox == []


def test_meetings_cannot_be_deleted_even_by_a_superuser(client, pine_manager):
    meeting = MeetingFactory()
    url = f"{MEETINGS}{meeting.pk}/delete/"
    for staff in [pine_manager, UserFactory(is_staff=True, is_superuser=True, totp=False)]:
        client.force_login(staff)
        assert client.post(url, {"post": "yes"}).status_code == 403
        assert "delete_selected" not in client.get(MEETINGS).content.decode()
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_meeting_page_says_to_move_rather_than_delete(client, pine_manager):
    meeting = MeetingFactory()
    client.force_login(pine_manager)
    page = client.get(f"{MEETINGS}{meeting.pk}/change/").content.decode()
    assert "Meetings are not deleted" in page and "move it to its new date" in page
    assert f"{MEETINGS}{meeting.pk}/delete/" not in page


def test_the_meeting_form_has_no_calendar_sequence_field(client, pine_manager):
    meeting = MeetingFactory()
    client.force_login(pine_manager)
    for url in (f"{MEETINGS}add/", f"{MEETINGS}{meeting.pk}/change/"):
        page = client.get(url).content.decode()
        assert "field-sequence" not in page and "Sequence" not in page


def test_meeting_list_can_show_only_meetings_still_to_come(client, pine_manager):
    coming = MeetingFactory()
    MeetingFactory(starts_at=timezone.now() - timedelta(days=3))
    client.force_login(pine_manager)
    response = client.get(f"{MEETINGS}?when=upcoming")
    assert [m.pk for m in response.context["cl"].result_list] == [coming.pk]


def test_the_date_and_time_boxes_each_have_a_name(client, pine_manager):
    client.force_login(pine_manager)
    page = client.get(f"{MEETINGS}add/").content.decode()
    assert 'aria-label="Date"' in page and 'id="id_starts_at_0"' in page
    assert 'aria-label="Time"' in page and 'id="id_starts_at_1"' in page
