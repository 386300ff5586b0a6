"""Project services: creation on acceptance, adapting stages, sign-off, meetings, documents, reports."""

import contextlib
import io
import re
import threading
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone
from icalendar import Calendar

import pine.services.projects.partnership as project_creation
import pine.services.projects.stages as project_stages
from core.uploads import MAX_UPLOAD_BYTES
from pine.models import (
    Application,
    Document,
    EvaluationReport,
    Event,
    Meeting,
    Project,
    ProjectEvent,
    ProjectStage,
    StageTemplate,
)
from pine.services import ActionRefused, Conflict
from pine.services.events import event_send_emails
from pine.services.projects import (
    document_upload,
    meeting_save,
    project_create,
    report_publish,
    stage_add,
    stage_mark_ready,
    stage_restore,
    stage_return,
    stage_sign_off,
    stage_skip,
)
from pine.services.transitions import application_transition
from pine.workflow import Status
from tests.accounts.factories import OrganisationFactory
from tests.pine.factories import (
    ApplicationFactory,
    manager,
    member_of,
    restore_reference_data,
    reviewer,
)

pytestmark = pytest.mark.django_db

Stage = ProjectStage.Status
Kind = ProjectEvent.Kind
DEFAULT_STAGES = [
    "Planning and modelling the intervention",
    "Evaluation plan",
    "Data protection and research ethics",
    "Data collection",
    "Analysis and summarising findings",
    "Writing up the report",
    "Publication",
]
POSTGRES_ONLY = pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite has no row locks and lets one writer in at a time, so there is no race to test.",
)


def make_project(**application_fields) -> Project:
    application = ApplicationFactory(status=Status.ACCEPTED, **application_fields)
    return project_create(application=application, user=None)


def stage_rows(project: Project) -> list[tuple]:
    return list(
        project.stages.values_list("pk", "name", "guidance", "position", "status", "version")
    )


def template_rows() -> list[tuple]:
    return list(StageTemplate.objects.values_list("pk", "name", "guidance", "position", "active"))


def event_kinds(project: Project) -> list[str]:
    return list(project.events.values_list("kind", flat=True))


def awaiting_sign_off(project: Project, partner) -> ProjectStage:
    return stage_mark_ready(stage=project.stages.first(), user=partner)


# --- Creation on acceptance ---------------------------------------------------------------------


def test_accepting_an_application_creates_its_project_with_stages_from_the_active_templates(
    pine_manager, django_capture_on_commit_callbacks
):
    StageTemplate.objects.filter(name="Data protection and research ethics").update(active=False)
    StageTemplate.objects.filter(name="Publication").update(position=0)
    application = ApplicationFactory(status=Status.CONSULTATION)
    with django_capture_on_commit_callbacks(execute=True):
        application_transition(
            application=application, transition="accept", user=pine_manager, message="Yes."
        )

    project = Project.objects.get()
    assert project.application == application
    assert project.organisation == application.organisation
    stages = list(project.stages.all())
    names = [s.name for s in stages]
    assert names == list(StageTemplate.objects.filter(active=True).values_list("name", flat=True))
    assert names[0] == "Publication"
    assert "Data protection and research ethics" not in names
    assert len(names) == len(DEFAULT_STAGES) - 1
    assert all(s.guidance == s.template.guidance and s.name == s.template.name for s in stages)
    first, *rest = stages
    assert first.status == Stage.IN_PROGRESS and first.started_at is not None
    assert all(s.status == Stage.NOT_STARTED and s.started_at is None for s in rest)
    (created,) = project.events.all()
    assert (created.kind, created.actor) == (Kind.CREATED, pine_manager)
    assert application.reference in created.message


def _fail_stage_copy(monkeypatch):
    def refuse(*args, **kwargs):
        raise RuntimeError("the database refused the stages")

    monkeypatch.setattr(ProjectStage.objects, "bulk_create", refuse)


def _fail_after_the_stages(monkeypatch):
    def refuse(*args, **kwargs):
        raise RuntimeError("the event could not be recorded")

    monkeypatch.setattr(project_creation, "record_event", refuse)


@pytest.mark.parametrize("break_it", [_fail_stage_copy, _fail_after_the_stages])
def test_acceptance_is_undone_when_the_project_cannot_be_created(
    break_it, monkeypatch, pine_manager, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(status=Status.CONSULTATION)
    member_of(application.organisation)
    break_it(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        application_transition(
            application=application, transition="accept", user=pine_manager, message="Yes."
        )
    assert Application.objects.get().status == Status.CONSULTATION
    assert not Project.objects.exists()
    assert not ProjectStage.objects.exists()
    assert not Event.objects.exists()
    assert mail.outbox == []


def test_an_application_cannot_be_accepted_twice(pine_manager):
    application = ApplicationFactory(status=Status.CONSULTATION)
    application_transition(
        application=application, transition="accept", user=pine_manager, message="Yes."
    )
    with pytest.raises(ActionRefused, match="You cannot accept"):
        application_transition(
            application=application, transition="accept", user=pine_manager, message="Again."
        )
    assert Project.objects.count() == 1
    assert ProjectStage.objects.count() == len(DEFAULT_STAGES)


# --- Adapting one project's stages ---------------------------------------------------------------


def test_adapting_one_projects_stages_leaves_other_projects_and_the_templates_alone(pine_manager):
    adapted, other = make_project(), make_project()
    other_before, templates_before = stage_rows(other), template_rows()

    first, second, third, *_ = adapted.stages.all()
    added = stage_add(
        project=adapted, user=pine_manager, name="Site visit", position=second.position + 1
    )
    stage_skip(stage=third, user=pine_manager, reason="Not needed here.")
    first.name, first.position = "Modelling the service", 1000
    first.save()

    names = list(adapted.stages.values_list("name", flat=True))
    assert names[:3] == ["Evaluation plan", "Site visit", "Data protection and research ethics"]
    assert names[-1] == "Modelling the service"
    assert added.template is None
    assert adapted.stages.get(pk=third.pk).status == Stage.SKIPPED
    assert stage_rows(other) == other_before
    assert template_rows() == templates_before


def test_a_stage_added_at_the_end_starts_when_every_other_stage_is_done(pine_manager):
    project = make_project()
    for stage in project.stages.all():
        stage_skip(stage=stage, user=pine_manager)
    added = stage_add(project=project, user=pine_manager, name="Follow-up")
    added.refresh_from_db()
    assert list(project.stages.all())[-1] == added
    assert added.status == Stage.IN_PROGRESS and added.started_at is not None


def test_editing_a_template_changes_only_projects_created_later():
    existing = make_project()
    before = stage_rows(existing)
    template = StageTemplate.objects.get(name="Evaluation plan")
    template.name, template.guidance = "Evaluation and analysis plan", "New guidance."
    template.save()
    StageTemplate.objects.filter(name="Data collection").update(active=False)

    assert stage_rows(existing) == before
    later = make_project()
    names = list(later.stages.values_list("name", flat=True))
    assert "Evaluation and analysis plan" in names and "Data collection" not in names
    assert later.stages.get(template=template).guidance == "New guidance."


# --- Sign-off ------------------------------------------------------------------------------------


def test_partner_marks_a_stage_ready_and_programme_managers_are_emailed_after_commit(
    pine_manager, pine_reviewer, django_capture_on_commit_callbacks
):
    project = make_project()
    partner = member_of(project.organisation)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        stage = stage_mark_ready(stage=project.stages.first(), user=partner)
        assert mail.outbox == []
    assert mail.outbox == []
    for callback in callbacks:
        callback()

    stage.refresh_from_db()
    assert (stage.status, stage.ready_by) == (Stage.AWAITING_SIGN_OFF, partner)
    assert stage.ready_at is not None
    event = project.events.get(kind=Kind.STAGE_READY)
    assert (event.stage, event.actor) == (stage, partner)
    assert (event.from_status, event.to_status) == (Stage.IN_PROGRESS, Stage.AWAITING_SIGN_OFF)
    (email,) = mail.outbox
    assert email.to == [pine_manager.email]
    assert "ready for sign-off" in email.subject and stage.name in email.subject
    assert not ProjectEvent.objects.get(pk=event.pk).emails_pending


def test_project_emails_quote_the_names_people_chose_and_say_why_they_were_sent(
    pine_manager, django_capture_on_commit_callbacks, settings
):
    project = make_project()
    project.title = "Family Group Conferencing\nVerify your account"
    project.save()
    partner = member_of(project.organisation)
    partner.full_name = "Sam Jones"
    partner.save()
    with django_capture_on_commit_callbacks(execute=True):
        stage_mark_ready(stage=project.stages.first(), user=partner)
    (email,) = mail.outbox
    organisation = f"“{project.organisation.name}”"
    assert email.subject.startswith("PINE, “Family Group Conferencing Verify your account”:")
    assert f"{organisation} has marked the stage" in email.body
    assert "\nVerify your account" not in email.body
    assert (
        f"you are a PINE programme manager, and “Sam Jones” of {organisation} made this change"
    ) in email.body
    assert f"tell us at {settings.CONTACT_EMAIL}" in email.body


def test_manager_signs_off_the_stage_the_next_starts_and_the_partner_is_emailed(
    pine_manager, django_capture_on_commit_callbacks
):
    project = make_project()
    partners = [member_of(project.organisation), member_of(project.organisation)]
    member_of(OrganisationFactory())
    stage = awaiting_sign_off(project, partners[0])
    with django_capture_on_commit_callbacks(execute=True):
        stage_sign_off(
            stage=stage, user=pine_manager, seen_version=stage.version, comment="Well done."
        )

    first, second, *rest = project.stages.all()
    assert (first.status, first.signed_off_by) == (Stage.COMPLETE, pine_manager)
    assert first.signed_off_at is not None
    assert second.status == Stage.IN_PROGRESS and second.started_at is not None
    assert all(s.status == Stage.NOT_STARTED for s in rest)
    assert event_kinds(project)[-2:] == [Kind.STAGE_SIGNED_OFF, Kind.STAGE_STARTED]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in partners)
    assert all("signed off" in m.subject and "Well done." in m.body for m in mail.outbox)


def test_returning_a_stage_needs_a_comment_which_is_emailed_to_the_partner(
    pine_manager, django_capture_on_commit_callbacks
):
    project = make_project()
    partner = member_of(project.organisation)
    stage = awaiting_sign_off(project, partner)
    with pytest.raises(ActionRefused, match="Say what still needs to be done"):
        stage_return(stage=stage, user=pine_manager, comment="   ", seen_version=stage.version)
    assert project.stages.get(pk=stage.pk).status == Stage.AWAITING_SIGN_OFF

    with django_capture_on_commit_callbacks(execute=True):
        stage_return(
            stage=stage,
            user=pine_manager,
            comment="Add the consent form.",
            seen_version=stage.version,
        )
    stage.refresh_from_db()
    assert (stage.status, stage.returned_comment) == (Stage.IN_PROGRESS, "Add the consent form.")
    assert project.events.last().kind == Kind.STAGE_RETURNED
    (email,) = mail.outbox
    assert email.to == [partner.email]
    assert "Add the consent form." in email.body


def _outsider(project):
    return member_of(OrganisationFactory())


def _partner(project):
    return member_of(project.organisation)


def _reviewer(project):
    return reviewer(totp=False)


REFUSED_ACTIONS = [
    ("mark_ready", _outsider),
    ("mark_ready", _reviewer),
    ("sign_off", _partner),
    ("sign_off", _reviewer),
    ("sign_off", _outsider),
    ("return", _partner),
    ("return", _reviewer),
    ("skip", _partner),
    ("skip", _reviewer),
]


def act(action: str, stage: ProjectStage, user, seen_version: int | None = None):
    if action == "mark_ready":
        return stage_mark_ready(stage=stage, user=user, seen_version=seen_version)
    if action == "sign_off":
        return stage_sign_off(stage=stage, user=user, seen_version=seen_version)
    if action == "return":
        return stage_return(stage=stage, user=user, comment="More.", seen_version=seen_version)
    if action == "skip":
        return stage_skip(stage=stage, user=user, seen_version=seen_version)
    raise AssertionError(action)


@pytest.mark.parametrize(("action", "who"), REFUSED_ACTIONS)
def test_people_who_may_not_act_on_a_stage_are_refused_and_nothing_changes(action, who):
    project = make_project()
    stage = project.stages.first()
    if action != "mark_ready":
        stage = awaiting_sign_off(project, member_of(project.organisation))
    before, events = stage_rows(project), event_kinds(project)
    with pytest.raises(ActionRefused, match=r"^Only "):
        act(action, stage, who(project), seen_version=stage.version)
    assert stage_rows(project) == before
    assert event_kinds(project) == events


@pytest.mark.parametrize("action", ["mark_ready", "sign_off", "return", "skip"])
def test_acting_on_a_stage_that_changed_since_it_was_seen_is_a_conflict(action, pine_manager):
    project = make_project()
    partner = member_of(project.organisation)
    stage = project.stages.first()
    seen_in_progress = stage.version
    seen_awaiting = stage_mark_ready(stage=stage, user=partner).version
    stage_return(stage=stage, user=pine_manager, comment="More.")
    if action != "mark_ready":
        stage_mark_ready(stage=stage, user=partner)
    seen = seen_in_progress if action == "mark_ready" else seen_awaiting
    before, events = stage_rows(project), event_kinds(project)

    user = partner if action == "mark_ready" else manager(totp=False)
    with pytest.raises(Conflict, match="Someone else changed the stage"):
        act(action, stage, user, seen_version=seen)
    assert stage_rows(project) == before
    assert event_kinds(project) == events


def test_skipping_the_current_stage_starts_the_next(pine_manager):
    project = make_project()
    first, second, *_ = project.stages.all()
    stage_skip(stage=first, user=pine_manager, reason="Done before we started.")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Stage.SKIPPED
    assert second.status == Stage.IN_PROGRESS and second.started_at is not None
    skipped = project.events.get(kind=Kind.STAGE_SKIPPED)
    assert (skipped.stage, skipped.message) == (first, "Done before we started.")
    assert project.events.get(kind=Kind.STAGE_STARTED).stage == second


def test_a_restored_stage_waits_for_its_turn(pine_manager):
    project = make_project()
    first, _, third, *_ = project.stages.all()
    stage_skip(stage=third, user=pine_manager)
    restored = stage_restore(stage=third, user=pine_manager)
    assert restored.status == Stage.NOT_STARTED
    assert project.stages.get(pk=first.pk).status == Stage.IN_PROGRESS
    assert event_kinds(project)[-2:] == [Kind.STAGE_SKIPPED, Kind.STAGE_RESTORED]


def test_skipping_restoring_and_reordering_keep_a_stages_documents_and_meetings(pine_manager):
    project = make_project()
    stage = project.stages.all()[1]
    meeting = Meeting.objects.create(
        stage=stage, starts_at=timezone.now(), location="Town Hall", notes="Agreed the plan."
    )
    document = Document.objects.create(
        stage=stage,
        title="Evaluation plan",
        file="pine/documents/plan.pdf",
        original_name="plan.pdf",
        content_type="application/pdf",
        size=10,
    )

    def still_attached():
        assert list(Meeting.objects.values_list("pk", "stage")) == [(meeting.pk, stage.pk)]
        assert list(Document.objects.values_list("pk", "stage")) == [(document.pk, stage.pk)]

    stage_skip(stage=stage, user=pine_manager)
    still_attached()
    stage_restore(stage=stage, user=pine_manager)
    still_attached()
    stage.refresh_from_db()
    stage.position = 5
    stage.save()
    assert project.stages.first() == stage
    still_attached()


@POSTGRES_ONLY
@pytest.mark.django_db(transaction=True)
def test_sign_off_and_return_of_the_same_stage_at_once_exactly_one_wins():
    restore_reference_data()
    project = make_project()
    stage = awaiting_sign_off(project, member_of(project.organisation))
    managers = [manager(totp=False), manager(totp=False)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def decide(user, action):
        seen = ProjectStage.objects.get(pk=stage.pk)
        barrier.wait()
        try:
            act(action, seen, user, seen_version=seen.version)
            outcomes.append(action)
        except Conflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(managers[0], "sign_off")),
        threading.Thread(target=decide, args=(managers[1], "return")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(outcomes) == 2 and outcomes.count("conflict") == 1
    decisions = project.events.filter(kind__in=[Kind.STAGE_SIGNED_OFF, Kind.STAGE_RETURNED])
    (decision,) = decisions
    stage.refresh_from_db()
    assert stage.status == decision.to_status
    assert stage.version == 2  # marked ready, then exactly one decision


@POSTGRES_ONLY
@pytest.mark.django_db(transaction=True)
def test_managers_acting_on_two_stages_of_one_project_at_once_both_get_an_answer(monkeypatch):
    restore_reference_data()
    project = make_project()
    current = awaiting_sign_off(project, member_of(project.organisation))
    later = project.stages.all()[3]
    both_locked = threading.Barrier(2)
    managers = [manager(totp=False), manager(totp=False)]
    locked_stage = project_stages._locked_stage

    def lock_then_wait(stage, seen_version):
        locked = locked_stage(stage, seen_version)
        # Each holds its own stage before going on; if one was made to wait, there is no overlap.
        with contextlib.suppress(threading.BrokenBarrierError):
            both_locked.wait(timeout=3)
        return locked

    monkeypatch.setattr(project_stages, "_locked_stage", lock_then_wait)
    errors: list[Exception] = []

    def run(action, stage, user):
        try:
            act(action, stage, user)
        except ActionRefused:
            pass
        except Exception as error:  # the point is which error escapes
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=("sign_off", current, managers[0])),
        threading.Thread(target=run, args=("skip", later, managers[1])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


# --- Meetings ------------------------------------------------------------------------------------

STARTS = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def new_meeting(stage: ProjectStage) -> Meeting:
    return Meeting(
        stage=stage,
        starts_at=STARTS,
        duration_minutes=90,
        location="Town Hall, Room 4",
        attendees="Jo Bloggs\nSam Analyst",
        notes="Private working notes.",
    )


def invitation(email) -> Calendar:
    (attachment,) = email.attachments
    filename, content, mimetype = attachment
    assert (filename, mimetype) == ("meeting.ics", "text/calendar")
    return Calendar.from_ical(content)


def test_a_new_meeting_is_recorded_and_each_active_member_gets_an_invitation(
    pine_manager, django_capture_on_commit_callbacks
):
    project = make_project()
    partners = [member_of(project.organisation), member_of(project.organisation)]
    left = member_of(project.organisation)
    left.is_active = False
    left.save()
    member_of(OrganisationFactory())
    stage = project.stages.first()

    with django_capture_on_commit_callbacks(execute=True):
        meeting = meeting_save(meeting=new_meeting(stage), user=pine_manager)

    event = project.events.get(kind=Kind.MEETING_SCHEDULED)
    assert (event.meeting, event.stage, event.actor) == (meeting, stage, pine_manager)
    assert not event.emails_pending
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in partners)
    for email in mail.outbox:
        (vevent,) = invitation(email).walk("VEVENT")
        assert str(vevent["UID"]) == f"{meeting.uid}@pine"
        assert vevent.decoded("DTSTART") == STARTS
        assert "Town Hall, Room 4" in email.body


def test_changing_only_a_meetings_notes_records_nothing_and_sends_nothing(
    pine_manager, django_capture_on_commit_callbacks
):
    project = make_project()
    member_of(project.organisation)
    meeting = meeting_save(meeting=new_meeting(project.stages.first()), user=pine_manager)
    events = event_kinds(project)

    meeting = Meeting.objects.get(pk=meeting.pk)
    meeting.notes = "Agreed actions: send the plan by Friday."
    meeting.attendees = "Jo Bloggs"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        meeting_save(meeting=meeting, user=pine_manager)
    assert callbacks == [] and mail.outbox == []
    assert event_kinds(project) == events
    saved = Meeting.objects.get(pk=meeting.pk)
    assert (saved.notes, saved.sequence) == ("Agreed actions: send the plan by Friday.", 0)


MOVES = {
    "time": ("starts_at", STARTS + timedelta(days=1)),
    "length": ("duration_minutes", 120),
    "place": ("location", "https://meet.example.org/pine"),
}


@pytest.mark.parametrize(("field", "moved"), MOVES.values(), ids=MOVES)
def test_moving_a_meeting_is_recorded_and_the_invitation_updated(
    field, moved, pine_manager, django_capture_on_commit_callbacks
):
    project = make_project()
    member_of(project.organisation)
    meeting = meeting_save(meeting=new_meeting(project.stages.first()), user=pine_manager)
    original = getattr(meeting, field)

    for sequence, value in ((1, moved), (2, original)):
        meeting = Meeting.objects.get(pk=meeting.pk)
        setattr(meeting, field, value)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            meeting_save(meeting=meeting, user=pine_manager)
        assert Meeting.objects.get(pk=meeting.pk).sequence == sequence
        assert event_kinds(project).count(Kind.MEETING_MOVED) == sequence
        (email,) = mail.outbox
        assert "has moved" in email.body
        (vevent,) = invitation(email).walk("VEVENT")
        assert vevent.decoded("SEQUENCE") == sequence


def test_a_failed_meeting_email_stays_pending_and_can_be_sent_again(
    pine_manager, settings, django_capture_on_commit_callbacks
):
    project = make_project()
    partners = [member_of(project.organisation), member_of(project.organisation)]
    settings.EMAIL_BACKEND = "tests.pine.failing_email.Backend"
    with django_capture_on_commit_callbacks(execute=True):
        meeting = meeting_save(meeting=new_meeting(project.stages.first()), user=pine_manager)
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    event = project.events.get(kind=Kind.MEETING_SCHEDULED)
    assert event.emails_pending

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert event_send_emails(event=event)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in partners)
    assert not ProjectEvent.objects.get(pk=event.pk).emails_pending


# --- Documents -----------------------------------------------------------------------------------


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
VALID = {
    "Theory of change.pdf": PDF,
    "survey answers.csv": "name,answer\nAmélie,yes\n".encode(),
    "plan.docx": zipped(
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}
    ),
}
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 100


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path), "base_url": None},
        },
    }
    return tmp_path


def stored_files(root) -> list:
    return [path for path in root.rglob("*") if path.is_file()]


@pytest.mark.parametrize(("name", "content"), VALID.items())
def test_a_valid_document_is_stored_under_a_name_the_server_chooses(name, content, media):
    project = make_project()
    partner = member_of(project.organisation)
    stage = project.stages.first()
    document = document_upload(
        stage=stage,
        user=partner,
        upload=SimpleUploadedFile(name, content),
        title="Our file",
        kind=Document.Kind.THEORY_OF_CHANGE,
    )

    document.refresh_from_db()
    (path,) = stored_files(media)
    assert path.read_bytes() == content
    assert path.relative_to(media).as_posix() == document.file.name
    extension = name.rsplit(".", 1)[1]
    assert re.fullmatch(rf"pine/documents/[0-9a-f]{{32}}\.{extension}", document.file.name)
    assert (document.original_name, document.size, document.uploaded_by) == (
        name,
        len(content),
        partner,
    )
    assert document.stage == stage
    assert project.events.last().kind == Kind.DOCUMENT_UPLOADED


def _oversize():
    upload = SimpleUploadedFile("plan.pdf", PDF)
    upload.size = MAX_UPLOAD_BYTES + 1
    return upload


@pytest.mark.parametrize(
    ("make_upload", "code"),
    [
        (_oversize, "too_large"),
        (lambda: SimpleUploadedFile("report.pdf", EXECUTABLE), "content"),
        (lambda: SimpleUploadedFile("report.exe", PDF), "extension"),
        (lambda: SimpleUploadedFile("report.html", b"<script>alert(1)</script>"), "extension"),
        (lambda: SimpleUploadedFile("empty.csv", b""), "empty"),
    ],
    ids=["oversize", "renamed-executable", "exe", "html", "empty"],
)
def test_a_refused_document_leaves_nothing_behind(make_upload, code, media):
    project = make_project()
    with pytest.raises(ValidationError) as error:
        document_upload(
            stage=project.stages.first(),
            user=member_of(project.organisation),
            upload=make_upload(),
            title="Plan",
            kind=Document.Kind.OTHER,
        )
    assert error.value.code == code
    assert not Document.objects.exists()
    assert stored_files(media) == []
    assert Kind.DOCUMENT_UPLOADED not in event_kinds(project)


def test_a_file_just_under_the_limit_is_accepted(media):
    project = make_project()
    upload = SimpleUploadedFile("plan.pdf", PDF)
    upload.size = MAX_UPLOAD_BYTES
    document = document_upload(
        stage=project.stages.first(),
        user=member_of(project.organisation),
        upload=upload,
        title="Plan",
        kind=Document.Kind.OTHER,
    )
    assert Document.objects.get() == document


@pytest.mark.parametrize("who", [_outsider, _reviewer])
def test_people_outside_the_project_cannot_upload(who, media):
    project = make_project()
    with pytest.raises(ActionRefused, match="cannot add documents"):
        document_upload(
            stage=project.stages.first(),
            user=who(project),
            upload=SimpleUploadedFile("plan.pdf", PDF),
            title="Plan",
            kind=Document.Kind.OTHER,
        )
    assert not Document.objects.exists()
    assert stored_files(media) == []


def test_a_programme_manager_can_upload(pine_manager, media):
    project = make_project()
    document_upload(
        stage=project.stages.first(),
        user=pine_manager,
        upload=SimpleUploadedFile("plan.pdf", PDF),
        title="Plan",
        kind=Document.Kind.OTHER,
    )
    assert Document.objects.get().uploaded_by == pine_manager


def test_a_withdrawn_project_refuses_uploads(pine_manager, media):
    project = make_project()
    partner = member_of(project.organisation)
    Project.objects.filter(pk=project.pk).update(status=Project.Status.WITHDRAWN)
    stage = ProjectStage.objects.select_related("project").filter(project=project).first()
    for user in (partner, pine_manager):
        with pytest.raises(ActionRefused, match="cannot add documents"):
            document_upload(
                stage=stage,
                user=user,
                upload=SimpleUploadedFile("plan.pdf", PDF),
                title="Plan",
                kind=Document.Kind.OTHER,
            )
    assert not Document.objects.exists()
    assert stored_files(media) == []


# --- Evaluation reports --------------------------------------------------------------------------


def make_report(project: Project, *, finish_stages: bool = True, **fields) -> EvaluationReport:
    """A report for the project; by default every stage but the final one is made complete."""
    if finish_stages:
        stages = list(project.stages.exclude(status=Stage.SKIPPED))
        project.stages.filter(pk__in=[s.pk for s in stages[:-1]]).update(
            status=Stage.COMPLETE, signed_off_at=timezone.now()
        )
    return EvaluationReport.objects.create(
        project=project,
        title=fields.pop("title", f"What {project.title} found"),
        slug=fields.pop("slug", project.slug),
        summary="A short summary.",
        findings="It helped.",
        link="https://example.org/report",
        **fields,
    )


def test_a_report_cannot_be_published_while_other_stages_are_unfinished(pine_manager):
    project = make_project()
    report = make_report(project, finish_stages=False)
    with pytest.raises(
        ActionRefused,
        match="Not done yet: Planning and modelling the intervention, Evaluation plan",
    ):
        report_publish(report=report, user=pine_manager)
    report.refresh_from_db()
    project.refresh_from_db()
    assert report.published_on is None and project.status == Project.Status.ACTIVE
    assert not project.stages.filter(status=Stage.COMPLETE).exists()


def test_publishing_a_report_completes_the_final_stage_and_the_project(pine_manager):
    project = make_project()
    stage_skip(stage=project.stages.last(), user=pine_manager)  # no separate publication stage
    report = make_report(project)

    published = report_publish(report=report, user=pine_manager, seen_version=report.version)

    assert published.published_on == timezone.localdate()
    project.refresh_from_db()
    assert project.status == Project.Status.COMPLETED
    *_, final, publication = project.stages.all()
    assert final.name == "Writing up the report"
    assert (final.status, final.signed_off_by) == (Stage.COMPLETE, pine_manager)
    assert final.signed_off_at is not None and final.started_at is not None
    assert publication.status == Stage.SKIPPED
    assert event_kinds(project)[-2:] == [Kind.STAGE_SIGNED_OFF, Kind.REPORT_PUBLISHED]
    assert project.events.get(kind=Kind.STAGE_SIGNED_OFF).stage == final
    assert list(EvaluationReport.objects.published()) == [published]


def test_a_reviewer_cannot_publish_a_report(pine_reviewer):
    project = make_project()
    report = make_report(project)
    with pytest.raises(ActionRefused, match="Only PINE programme managers"):
        report_publish(report=report, user=pine_reviewer)
    report.refresh_from_db()
    project.refresh_from_db()
    assert report.published_on is None and project.status == Project.Status.ACTIVE
    assert event_kinds(project) == [Kind.CREATED]
    assert not EvaluationReport.objects.published().exists()


def test_a_report_cannot_be_published_twice(pine_manager):
    report = make_report(make_project())
    report_publish(report=report, user=pine_manager)
    with pytest.raises(ActionRefused, match="already published"):
        report_publish(report=report, user=manager(totp=False))
    assert ProjectEvent.objects.filter(kind=Kind.REPORT_PUBLISHED).count() == 1


def test_publishing_a_report_seen_before_it_changed_is_a_conflict(pine_manager):
    report = make_report(make_project())
    seen = report.version
    EvaluationReport.objects.filter(pk=report.pk).update(version=seen + 1, title="Retitled")
    with pytest.raises(Conflict, match="Someone else changed this report"):
        report_publish(report=report, user=pine_manager, seen_version=seen)
    assert EvaluationReport.objects.get().published_on is None


def test_only_reports_published_on_or_before_today_are_published(pine_manager):
    published = make_report(make_project())
    report_publish(report=published, user=pine_manager)
    make_report(make_project())  # a draft
    scheduled = make_report(make_project())
    EvaluationReport.objects.filter(pk=scheduled.pk).update(
        published_on=timezone.localdate() + timedelta(days=1)
    )
    assert list(EvaluationReport.objects.published()) == [published]


def test_a_returned_stage_loses_its_comment_once_signed_off_or_skipped(pine_manager):
    project = make_project()
    partner = member_of(project.organisation)
    first, second, *_ = project.stages.all()
    for stage, finish in [(first, stage_sign_off), (second, stage_skip)]:
        stage_mark_ready(stage=stage, user=partner)
        stage_return(stage=stage, user=pine_manager, comment="Add the survey.")
        assert ProjectStage.objects.get(pk=stage.pk).returned_comment == "Add the survey."
        if finish is stage_sign_off:
            stage_mark_ready(stage=stage, user=partner)
        finish(stage=stage, user=pine_manager)
        assert ProjectStage.objects.get(pk=stage.pk).returned_comment == ""


def test_a_second_project_for_an_organisation_gets_a_numbered_address(pine_manager):
    first = make_project()
    second = project_create(
        application=ApplicationFactory(organisation=first.organisation, status=Status.ACCEPTED),
        user=pine_manager,
    )
    assert second.slug == f"{first.slug}-2"
