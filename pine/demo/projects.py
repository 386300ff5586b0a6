"""Demo projects for the 2019 partners: stages, meetings, documents, events and the report."""

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.uploads import validate_upload
from evidence_store.models import Intervention, Topic
from pine.demo.files import RENDER, render_pdf
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
)
from pine.services.projects import WEEKS_PER_STAGE, project_create

Stage = ProjectStage.Status
Kind = ProjectEvent.Kind


def load_projects(partners_call: Call, directory: Path) -> list[Project]:
    """One project per 2019 partner: made with its history if missing, then its words refreshed.

    The history (progress, meetings, documents, report) is dated relative to the day the project
    is made; later runs only refresh the words. The people named as acting on it exist only when
    the demo accounts do (that is, when DEBUG is true).
    """
    data = json.loads((directory / "projects.json").read_text(encoding="utf-8"))
    manager = User.objects.filter(email="manager@example.org").first()
    projects = []
    for item in data["projects"]:
        application = Application.objects.get(
            call=partners_call, organisation__slug=item["organisation"]
        )
        with transaction.atomic():
            project = Project.objects.filter(application=application).first()
            if project is None:
                project = project_create(application=application, user=manager)
                _History(project, item, manager).make()
            _describe(project, item)
        projects.append(project)
    return projects


def _describe(project: Project, item: dict) -> None:
    project.title = item["title"]
    project.summary = item["summary"]
    project.topic = Topic.objects.filter(slug=item.get("topic", "")).first()
    project.intervention = Intervention.objects.filter(slug=item.get("intervention", "")).first()
    project.save(update_fields=["title", "summary", "topic", "intervention"])
    if "report" in item:
        EvaluationReport.objects.filter(project=project).update(**_report_words(item["report"]))


def _report_words(spec: dict) -> dict:
    # A demo report is never a real evaluation, so its pages always say so.
    return {key: spec[key] for key in ("slug", "title", "summary", "findings")} | {
        "illustrative": True
    }


def _at(day: date, clock: str = "10:00") -> datetime:
    return timezone.make_aware(datetime.combine(day, time.fromisoformat(clock)))


# A stage event's (from, to) statuses, as the services record them.
READY = (Stage.IN_PROGRESS, Stage.AWAITING_SIGN_OFF)
SIGNED_OFF = (Stage.AWAITING_SIGN_OFF, Stage.COMPLETE)
STARTED = (Stage.NOT_STARTED, Stage.IN_PROGRESS)
DURING = ("", Stage.IN_PROGRESS)
STAGE_FIELDS = [
    "due_date", "started_at", "status", "ready_at", "ready_by", "signed_off_at", "signed_off_by",
]  # fmt: skip


class _History:
    """What has happened so far in one demo project, recorded as the services would have.

    Events are written directly, dated when things happened, and send no emails.
    """

    def __init__(self, project: Project, item: dict, manager: User | None) -> None:
        self.project, self.item, self.manager = project, item, manager
        members = User.objects.filter(memberships__organisation=project.organisation_id)
        self.partner = members.order_by("pk").first()
        self.stages = list(project.stages.all())
        if len(self.stages) < item["stage"]:
            raise ValueError(f"The demo project {project.slug} needs {item['stage']} stages.")
        self.now = timezone.now()
        current = item["stage"] - 1
        began = _at(timezone.localdate() - timedelta(weeks=item["stage_started_weeks_ago"]))
        pace = timedelta(weeks=item.get("weeks_per_stage", WEEKS_PER_STAGE))
        # When each stage began, or will begin at this pace; a stage is due when the next begins.
        self.starts = [began + (n - current) * pace for n in range(len(self.stages) + 1)]

    def make(self) -> None:
        self._progress()
        for spec in self.item.get("meetings", []):
            self._meeting(spec)
        for spec in self.item.get("documents", []):
            self._document(spec)
        if "report" in self.item:
            self._publish(self.item["report"])

    def _record(self, kind, at, actor, stage=None, change=("", ""), message="", meeting=None):
        """Record an event as the services do, dated when it happened."""
        event = ProjectEvent.objects.create(
            project=self.project,
            kind=kind,
            actor=actor,
            stage=stage,
            meeting=meeting,
            from_status=change[0],
            to_status=change[1],
            message=message,
        )
        ProjectEvent.objects.filter(pk=event.pk).update(created_at=min(at, self.now))

    def _progress(self) -> None:
        current = self.item["stage"] - 1
        self.project.started_on = self.starts[0].date()
        self.project.save(update_fields=["started_on"])
        self.project.events.filter(kind=Kind.CREATED).update(created_at=self.starts[0])
        for n, stage in enumerate(self.stages):
            stage.due_date = self.starts[n + 1].date()
            stage.started_at = self.starts[n] if n <= current else None
            stage.status = Stage.IN_PROGRESS if n <= current else Stage.NOT_STARTED
            if n < current:
                signed = self.starts[n + 1]
                self._ready(stage, signed - timedelta(days=4))
                stage.status = Stage.COMPLETE
                stage.signed_off_at, stage.signed_off_by = signed, self.manager
                self._record(Kind.STAGE_SIGNED_OFF, signed, self.manager, stage, SIGNED_OFF)
                self._record(Kind.STAGE_STARTED, signed, self.manager, self.stages[n + 1], STARTED)
            elif n == current and self.item["status"] == Stage.AWAITING_SIGN_OFF:
                self._ready(stage, self.now - timedelta(days=self.item["ready_days_ago"]))
        ProjectStage.objects.bulk_update(self.stages, STAGE_FIELDS)

    def _ready(self, stage: ProjectStage, at: datetime) -> None:
        stage.status, stage.ready_at, stage.ready_by = Stage.AWAITING_SIGN_OFF, at, self.partner
        self._record(Kind.STAGE_READY, at, self.partner, stage, READY)

    def _meeting(self, spec: dict) -> None:
        n = spec["stage"] - 1
        day = self.starts[n].date() + timedelta(days=spec["days_into_stage"])
        meeting = Meeting.objects.create(
            stage=self.stages[n],
            starts_at=_at(day, spec["time"]),
            duration_minutes=spec["duration_minutes"],
            location=spec["location"],
            attendees="\n".join(spec["attendees"]),
            notes=spec["notes"],
            version=1,
        )
        for action in spec["actions"]:
            Action.objects.create(
                meeting=meeting,
                description=action["description"],
                owner=action["owner"],
                due_date=day + timedelta(days=action["due_days_after"]),
                done=action["done"],
            )
        # Arranged a fortnight ahead, or as the stage began if that was later.
        arranged = max(self.starts[n], meeting.starts_at - timedelta(days=14))
        when = f"{timezone.localtime(meeting.starts_at):%-d %B %Y at %H:%M}, {meeting.location}"
        self._record(
            Kind.MEETING_SCHEDULED, arranged, self.manager, meeting.stage, DURING, when, meeting
        )

    def _document(self, spec: dict) -> None:
        n = spec["stage"] - 1
        upload = SimpleUploadedFile(
            spec["filename"], RENDER[Path(spec["filename"]).suffix](spec["content"])
        )
        file_kind = validate_upload(upload)
        uploader = self.partner or self.manager
        document = Document(
            stage=self.stages[n],
            title=spec["title"],
            kind=spec["kind"],
            original_name=spec["filename"],
            content_type=file_kind.content_type,
            size=upload.size,
            uploaded_by=uploader,
        )
        document.file.save(upload.name, upload, save=False)
        document.save()
        at = min(self.starts[n] + timedelta(days=spec["days_into_stage"]), self.now)
        Document.objects.filter(pk=document.pk).update(uploaded_at=at)
        self._record(Kind.DOCUMENT_UPLOADED, at, uploader, document.stage, DURING, document.title)

    def _publish(self, spec: dict) -> None:
        """The end state report_publish leaves, on the day the fixture says."""
        at = _at(timezone.localdate() - timedelta(weeks=spec["published_weeks_ago"]))
        pdf = SimpleUploadedFile("report.pdf", render_pdf(spec["pdf"]))
        validate_upload(pdf)
        report = EvaluationReport(
            project=self.project, **_report_words(spec), published_on=at.date(), pdf_size=pdf.size
        )
        report.pdf.save(pdf.name, pdf, save=False)
        report.save()
        final = next(s for s in reversed(self.stages) if s.status != Stage.SKIPPED)
        change = (final.status, Stage.COMPLETE)
        final.status, final.signed_off_at, final.signed_off_by = Stage.COMPLETE, at, self.manager
        final.save(update_fields=["status", "signed_off_at", "signed_off_by"])
        self._record(Kind.STAGE_SIGNED_OFF, at, self.manager, final, change, "Report published.")
        self.project.status = Project.Status.COMPLETED
        self.project.save(update_fields=["status"])
        self._record(Kind.REPORT_PUBLISHED, at, self.manager, message=report.title)
