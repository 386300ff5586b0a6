"""The stage admin: the list of stages to sign off, the sign-off, return, skip and restore
pages, the stage picker, and who may sign off or delete."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from pine.models import Document, ProjectEvent, ProjectStage
from pine.services.projects import stage_mark_ready, stage_return
from tests.accounts.factories import UserFactory
from tests.pine.admin.project_pages import MEETINGS, STAGES, Kind, Stage, _ready
from tests.pine.factories import (
    DocumentFactory,
    MeetingFactory,
    ProjectFactory,
    manager,
    member_of,
    reviewer,
    stages_of,
)

pytestmark = pytest.mark.django_db


def test_stage_list_finds_stages_awaiting_sign_off(client, pine_manager):
    waiting = _ready(stages_of(ProjectFactory(title="Waiting"))[0])
    ProjectFactory(title="Working")
    client.force_login(pine_manager)
    response = client.get(f"{STAGES}?status__exact=awaiting_sign_off")
    assert [s.pk for s in response.context["cl"].result_list] == [waiting.pk]


def test_stage_page_offers_only_the_actions_that_apply(client, pine_manager):
    stage = stages_of(ProjectFactory())[0]
    client.force_login(pine_manager)
    url = f"{STAGES}{stage.pk}/change/"
    page = client.get(url).content.decode()
    assert f"{stage.pk}/act/skip/" in page and f"{stage.pk}/act/sign_off/" not in page
    _ready(stage)
    page = client.get(url).content.decode()
    assert f"{stage.pk}/act/sign_off/" in page and f"{stage.pk}/act/return/" in page
    assert f"{stage.pk}/act/restore/" not in page


def test_sign_off_completes_the_stage_starts_the_next_and_tells_the_partner(
    client, pine_manager, django_capture_on_commit_callbacks
):
    first, second, *_ = stages_of(ProjectFactory())
    partner = member_of(first.project.organisation)
    stage = stage_mark_ready(stage=first, user=partner)
    client.force_login(pine_manager)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{STAGES}{stage.pk}/act/sign_off/",
            {"seen_version": stage.version, "text": "Well done."},
        )

    assert response.status_code == 302 and response.url == f"{STAGES}{stage.pk}/change/"
    stage.refresh_from_db()
    second.refresh_from_db()
    assert (stage.status, stage.signed_off_by) == (Stage.COMPLETE, pine_manager)
    assert second.status == Stage.IN_PROGRESS
    event = ProjectEvent.objects.get(kind=Kind.STAGE_SIGNED_OFF)
    assert (event.stage, event.actor, event.message) == (stage, pine_manager, "Well done.")
    assert [m.to for m in mail.outbox] == [[partner.email]]
    assert "Well done." in mail.outbox[0].body


def test_return_needs_a_comment_and_sends_it_back(client, pine_manager):
    stage = _ready(stages_of(ProjectFactory())[0])
    client.force_login(pine_manager)
    url = f"{STAGES}{stage.pk}/act/return/"

    response = client.post(url, {"seen_version": stage.version, "text": ""})
    assert "Say what still needs to be done." in response.content.decode()
    assert ProjectStage.objects.get(pk=stage.pk).status == Stage.AWAITING_SIGN_OFF

    response = client.post(url, {"seen_version": stage.version, "text": "Add the outcomes."})
    assert response.status_code == 302
    stage.refresh_from_db()
    assert (stage.status, stage.returned_comment) == (Stage.IN_PROGRESS, "Add the outcomes.")
    assert ProjectEvent.objects.filter(kind=Kind.STAGE_RETURNED, stage=stage).exists()


def test_skip_and_restore_keep_the_stage_and_record_why(client, pine_manager):
    first, second, *_ = stages_of(ProjectFactory())
    DocumentFactory(stage=first)
    client.force_login(pine_manager)

    response = client.post(
        f"{STAGES}{first.pk}/act/skip/",
        {"seen_version": first.version, "text": "Their model is already written."},
    )
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Stage.SKIPPED, Stage.IN_PROGRESS)
    assert first.documents.count() == 1
    skipped = ProjectEvent.objects.get(kind=Kind.STAGE_SKIPPED)
    assert skipped.message == "Their model is already written."

    response = client.post(f"{STAGES}{first.pk}/act/restore/", {"seen_version": first.version})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == Stage.NOT_STARTED
    assert ProjectEvent.objects.filter(kind=Kind.STAGE_RESTORED, stage=first).exists()


def test_acting_on_a_stage_someone_changed_gives_the_conflict_and_keeps_the_text(
    client, pine_manager
):
    stage = _ready(stages_of(ProjectFactory())[0])
    client.force_login(pine_manager)
    seen = stage.version
    stage_return(stage=stage, user=manager(totp=False), comment="Not yet.")

    response = client.post(
        f"{STAGES}{stage.pk}/act/sign_off/", {"seen_version": seen, "text": "My careful note"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed the stage" in page and "My careful note" in page
    assert "See the stage as it is now" in page
    stage.refresh_from_db()
    assert stage.status == Stage.IN_PROGRESS and stage.signed_off_at is None
    assert not ProjectEvent.objects.filter(kind=Kind.STAGE_SIGNED_OFF).exists()


def test_an_action_that_does_not_apply_is_refused_with_the_reason(client, pine_manager):
    stage = stages_of(ProjectFactory())[0]
    client.force_login(pine_manager)
    response = client.post(f"{STAGES}{stage.pk}/act/sign_off/", {"seen_version": stage.version})
    assert "not awaiting sign-off" in response.content.decode()
    assert ProjectStage.objects.get(pk=stage.pk).status == Stage.IN_PROGRESS


@pytest.mark.parametrize("action", ["sign_off", "return", "skip", "restore"])
def test_staff_without_sign_off_permission_get_403(client, pine_reviewer, action):
    stage = _ready(stages_of(ProjectFactory())[0])
    client.force_login(pine_reviewer)
    url = f"{STAGES}{stage.pk}/act/{action}/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"seen_version": stage.version, "text": "x"}).status_code == 403
    assert ProjectStage.objects.get(pk=stage.pk).status == Stage.AWAITING_SIGN_OFF


def test_unknown_action_is_not_found(client, pine_manager):
    stage = stages_of(ProjectFactory())[0]
    client.force_login(pine_manager)
    assert client.get(f"{STAGES}{stage.pk}/act/delete/").status_code == 404


def test_a_stage_with_documents_cannot_be_deleted(client, pine_manager):
    document = DocumentFactory()
    stage = document.stage
    client.force_login(UserFactory(is_staff=True, is_superuser=True, totp=False))
    assert client.post(f"{STAGES}{stage.pk}/delete/", {"post": "yes"}).status_code == 403
    client.force_login(pine_manager)
    assert client.post(f"{STAGES}{stage.pk}/delete/", {"post": "yes"}).status_code == 403
    assert ProjectStage.objects.filter(pk=stage.pk).exists()
    assert Document.objects.filter(pk=document.pk).exists()


def test_stage_page_lists_its_meetings_and_documents(client, pine_manager):
    meeting = MeetingFactory(location="Wigan Life Centre")
    document = DocumentFactory(stage=meeting.stage, title="Our logic model")
    client.force_login(pine_manager)
    page = client.get(f"{STAGES}{meeting.stage_id}/change/").content.decode()
    assert "Wigan Life Centre" in page and f"{MEETINGS}{meeting.pk}/change/" in page
    assert "Our logic model" in page and f"/pine/documents/{document.pk}/" in page


def test_stage_search_labels_each_stage_with_its_project(client, pine_manager):
    ProjectFactory(title="Family Circles")
    ProjectFactory(title="Safe Steps")
    client.force_login(pine_manager)
    response = client.get(
        f"{STAGES}autocomplete/",
        {"app_label": "pine", "model_name": "meeting", "field_name": "stage", "term": "safe"},
    )
    labels = [r["text"] for r in response.json()["results"]]
    assert len(labels) == 7
    assert all(": Safe Steps – " in label for label in labels)


def test_programme_managers_have_no_delete_permission_on_stages_or_documents():
    staff = manager(totp=False)
    assert staff.has_perm("pine.sign_off_projectstage") and staff.has_perm("pine.export_project")
    assert not staff.has_perm("pine.delete_projectstage")
    assert not staff.has_perm("pine.delete_document")
    assert not reviewer(totp=False).has_perm("pine.sign_off_projectstage")


def test_stage_list_finds_the_overdue_stages_of_active_projects(client, pine_manager):
    yesterday = timezone.localdate() - timedelta(days=1)
    late, signed_off, *_ = stages_of(ProjectFactory(title="Late"))
    ProjectStage.objects.filter(pk__in=[late.pk, signed_off.pk]).update(due_date=yesterday)
    ProjectStage.objects.filter(pk=signed_off.pk).update(status=Stage.COMPLETE)
    paused = stages_of(ProjectFactory(title="Paused", status="paused"))[0]
    ProjectStage.objects.filter(pk=paused.pk).update(due_date=yesterday)
    client.force_login(pine_manager)

    response = client.get(f"{STAGES}?overdue=yes&project__status__exact=active")

    assert [s.pk for s in response.context["cl"].result_list] == [late.pk]
