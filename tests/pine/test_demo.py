"""PINE's demo data: partners accepted, their projects under way, applications and reviews."""

import io
import re
import zipfile
from xml.etree import ElementTree

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.color import no_style
from django.utils import timezone

from accounts import demo as accounts_demo
from accounts.models import User
from core.uploads import validate_upload
from evidence_store import demo as evidence_demo
from pine import demo
from pine.models import (
    Action,
    Application,
    Call,
    Document,
    EvaluationReport,
    Meeting,
    Project,
    ProjectEvent,
    ProjectStage,
    Review,
    StageTemplate,
)
from pine.workflow import Status

pytestmark = pytest.mark.django_db
Stage = ProjectStage.Status
CURRENT = (Stage.IN_PROGRESS, Stage.AWAITING_SIGN_OFF)
FURTHER_ALONG = ["brighton-and-hove-city-council", "royal-borough-of-greenwich"]


@pytest.fixture(autouse=True)
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


def _load(settings, debug: bool, *, evidence_store: bool = False) -> str:
    settings.DEBUG = debug
    out = io.StringIO()
    loaders = [accounts_demo.load, demo.load]
    if evidence_store:
        loaders.insert(1, evidence_demo.load)
    for loader in loaders:
        loader(stdout=out, style=no_style())
    return out.getvalue()


def _state() -> dict:
    """Everything the project loader makes, in a form that can be compared between runs."""
    models = [Project, ProjectStage, Meeting, Action, Document, EvaluationReport, ProjectEvent]
    return {
        "counts": {model.__name__: model.objects.count() for model in models},
        "stages": list(
            ProjectStage.objects.values_list("pk", "status", "due_date", "signed_off_at")
        ),
        "meetings": list(Meeting.objects.values_list("pk", "starts_at", "notes")),
        "documents": list(Document.objects.values_list("pk", "file", "uploaded_at")),
        "events": list(ProjectEvent.objects.values_list("pk", "kind", "created_at")),
    }


def _files(root) -> dict:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _stored_bytes(field) -> bytes:
    with field.open("rb") as stored:
        return stored.read()


def _assert_well_formed_pdf(data: bytes) -> None:
    """Every object the cross-reference table lists starts where it says; so does the table."""
    startxref = int(re.search(rb"startxref\n(\d+)\n%%EOF\n$", data).group(1))
    assert data[startxref:].startswith(b"xref\n0 ")
    offsets = re.findall(rb"(\d{10}) 00000 n \n", data[startxref:])
    assert offsets
    for number, offset in enumerate(offsets, start=1):
        assert data[int(offset) :].startswith(b"%d 0 obj\n" % number)
    assert re.search(rb"trailer\n<< /Size %d /Root 1 0 R >>" % (len(offsets) + 1), data)


def test_demo_data_loads_twice_without_duplicates(settings):
    _load(settings, debug=True)
    _load(settings, debug=True)
    assert Application.objects.filter(status=Status.ACCEPTED, year=2019).count() == 8
    warrington = Application.objects.filter(organisation__slug="warrington", year__gt=2019)
    assert sorted(warrington.values_list("status", flat=True)) == ["draft", "submitted"]
    assert (
        Application.objects.get(organisation__slug="barking-and-dagenham", year__gt=2019).status
        == "draft"
    )
    assert Call.objects.open().count() == 1
    submitted = warrington.get(status=Status.SUBMITTED)
    assert Review.objects.get(application=submitted).scores.count() == 6


def test_without_debug_there_is_no_demo_reviewer_and_no_review(settings):
    _load(settings, debug=False)
    assert Application.objects.count() == 11
    assert not Review.objects.exists()


def test_projects_load_twice_without_changes_or_new_files(settings, media):
    _load(settings, debug=True)
    first, files = _state(), _files(media)
    _load(settings, debug=True)
    assert _state() == first
    assert _files(media) == files
    assert first["counts"]["Project"] == 8
    assert first["counts"]["EvaluationReport"] == 1
    # Six documents and one report PDF, each stored once.
    assert len(files) == first["counts"]["Document"] + 1


def test_each_partner_has_a_project_with_the_seven_template_stages(settings):
    _load(settings, debug=False)
    templates = list(StageTemplate.objects.filter(active=True).values_list("name", flat=True))
    assert len(templates) == 7
    partners = Application.objects.filter(year=2019, status=Status.ACCEPTED)
    assert Project.objects.count() == partners.count() == 8
    for application in partners:
        project = application.project
        assert project.organisation == application.organisation
        assert list(project.stages.values_list("name", flat=True)) == templates
        assert project.title and len(project.summary) > 100
    assert Project.objects.values("title").distinct().count() == 8


def test_greenwich_and_brighton_are_further_along_than_the_other_active_projects(settings):
    _load(settings, debug=True)
    done = {
        project.organisation.slug: project.stages.filter(status=Stage.COMPLETE).count()
        for project in Project.objects.filter(status=Project.Status.ACTIVE)
    }
    # Both have reached data collection (the fourth stage) or later.
    assert min(done[slug] for slug in FURTHER_ALONG) >= 3
    others = [count for slug, count in done.items() if slug not in FURTHER_ALONG]
    assert len(others) == 5
    assert max(others) < min(done[slug] for slug in FURTHER_ALONG)
    assert sum(count <= 2 for count in others) == 5  # the rest are at stages 1 to 3


@pytest.mark.parametrize("slug", FURTHER_ALONG)
def test_further_along_projects_have_held_meetings_and_one_to_come(settings, slug):
    _load(settings, debug=True)
    meetings = list(Meeting.objects.filter(stage__project__slug=slug))
    now = timezone.now()
    assert len(meetings) >= 2
    assert len([m for m in meetings if m.starts_at > now]) == 1
    for meeting in meetings:
        assert meeting.stage.started_at <= meeting.starts_at
        assert len(meeting.attendees.splitlines()) >= 3 and meeting.notes
        assert ProjectEvent.objects.filter(
            kind=ProjectEvent.Kind.MEETING_SCHEDULED, meeting=meeting, created_at__lte=now
        ).exists()
    for meeting in (m for m in meetings if m.starts_at < now):
        actions = list(meeting.actions.all())
        assert len(actions) >= 2
        assert all(a.owner and a.due_date > meeting.starts_at.date() for a in actions)


@pytest.mark.parametrize("slug", FURTHER_ALONG)
def test_further_along_projects_have_real_documents_under_server_chosen_names(settings, slug):
    _load(settings, debug=True)
    documents = list(Document.objects.filter(stage__project__slug=slug))
    assert len(documents) >= 2
    assert {Document.Kind.THEORY_OF_CHANGE, Document.Kind.EVALUATION_PLAN} <= {
        d.kind for d in documents
    }
    for document in documents:
        data = _stored_bytes(document.file)
        kind = validate_upload(SimpleUploadedFile(document.original_name, data))
        assert kind.content_type == document.content_type
        assert document.size == len(data)
        assert document.file.name.startswith("pine/documents/")
        assert document.original_name not in document.file.name
        assert document.uploaded_at <= timezone.now()
        # Each file says it was made for the demo, not by the partner.
        if document.original_name.endswith(".pdf"):
            _assert_well_formed_pdf(data)
            assert b"Example document made for the PINE demonstration site." in data
        if document.original_name.endswith(".docx"):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                assert "_rels/.rels" in archive.namelist()
                body = ElementTree.fromstring(archive.read("word/document.xml"))  # noqa: S314 - made by the loader
            text = "".join(body.itertext())
            assert "Example document made for the PINE demonstration site." in text


def test_one_illustrative_report_is_published_and_its_project_completed(settings):
    _load(settings, debug=True)
    report = EvaluationReport.objects.get()
    assert list(EvaluationReport.objects.published()) == [report]
    assert report.illustrative
    assert "illustrative" in report.findings.lower() and "not a real" in report.findings
    pdf = _stored_bytes(report.pdf)
    assert validate_upload(SimpleUploadedFile("report.pdf", pdf)).content_type == "application/pdf"
    assert report.pdf_size == len(pdf)
    _assert_well_formed_pdf(pdf)
    project = report.project
    assert project.status == Project.Status.COMPLETED
    stages = list(project.stages.exclude(status=Stage.SKIPPED))
    assert all(stage.status == Stage.COMPLETE and stage.signed_off_at for stage in stages)
    assert timezone.localdate(stages[-1].signed_off_at) == report.published_on
    assert project.events.filter(kind=ProjectEvent.Kind.REPORT_PUBLISHED).count() == 1


def test_stages_follow_the_sign_off_rules_and_events_record_them(settings):
    _load(settings, debug=True)
    manager = User.objects.get(email="manager@example.org")
    today = timezone.localdate()
    for project in Project.objects.filter(status=Project.Status.ACTIVE):
        stages = list(project.stages.all())
        statuses = [stage.status for stage in stages]
        current = [n for n, status in enumerate(statuses) if status in CURRENT]
        assert len(current) == 1, project
        before, after = stages[: current[0]], stages[current[0] + 1 :]
        assert all(s.status == Stage.COMPLETE and s.signed_off_by == manager for s in before)
        assert all(s.signed_off_at and s.ready_at < s.signed_off_at for s in before)
        assert all(s.status == Stage.NOT_STARTED and s.due_date > today for s in after)
        if statuses[current[0]] == Stage.AWAITING_SIGN_OFF:
            assert stages[current[0]].ready_at < timezone.now()
        signed_off = project.events.filter(kind=ProjectEvent.Kind.STAGE_SIGNED_OFF)
        assert signed_off.count() == len(before)
        assert project.events.first().kind == ProjectEvent.Kind.CREATED
        assert project.started_on == timezone.localdate(stages[0].started_at)
    assert not ProjectEvent.objects.filter(created_at__gt=timezone.now()).exists()


def test_loading_the_demo_sends_no_email(settings, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _load(settings, debug=True)
    assert Meeting.objects.exists()
    assert mailoutbox == []


def test_barking_member_sees_their_project_and_the_warrington_member_does_not(settings):
    _load(settings, debug=True)
    barking = Project.objects.get(organisation__slug="barking-and-dagenham")
    abi = User.objects.get(email="applicant@barking-dagenham.example.org")
    wes = User.objects.get(email="applicant@warrington.example.org")
    assert list(Project.objects.for_user(abi)) == [barking]
    assert barking not in Project.objects.for_user(wes)
    assert [p.organisation.slug for p in Project.objects.for_user(wes)] == ["warrington"]
    assert (
        barking.stages.get(status=Stage.IN_PROGRESS)
        .meetings.filter(starts_at__gt=timezone.now())
        .exists()
    )


def test_without_debug_projects_load_with_no_one_named_as_acting(settings):
    _load(settings, debug=False)
    assert Project.objects.count() == 8
    assert EvaluationReport.objects.published().count() == 1
    assert ProjectEvent.objects.exists()
    assert not ProjectEvent.objects.filter(actor__isnull=False).exists()
    complete = ProjectStage.objects.filter(status=Stage.COMPLETE)
    assert complete.exists() and not complete.filter(signed_off_at__isnull=True).exists()
    assert not complete.filter(signed_off_by__isnull=False).exists()
    assert not Document.objects.filter(uploaded_by__isnull=False).exists()


def test_projects_link_to_the_evidence_store_once_it_is_loaded(settings):
    _load(settings, debug=False)
    assert not Project.objects.filter(topic__isnull=False).exists()
    counts = _state()["counts"]
    _load(settings, debug=False, evidence_store=True)
    assert _state()["counts"] == counts
    connected_carers = Project.objects.get(organisation__slug="south-tyneside-council")
    assert connected_carers.intervention.slug == "foster-and-kinship-care-support"
    assert connected_carers.topic.slug == "kinship-and-foster-care"
    assert Project.objects.get(organisation__slug="warrington").topic.slug == "child-protection"


def test_summary_counts_projects_meetings_documents_and_the_report(settings):
    output = _load(settings, debug=True)
    assert (
        f"{Project.objects.count()} projects with {Meeting.objects.count()} meetings, "
        f"{Document.objects.count()} documents and 1 published evaluation report."
    ) in output
