"""Load PINE's demo content from fixtures/pine/ (idempotent): calls, partners and their projects.

Priorities, criteria and stage templates come from pine's migrations. Reviews, and the people
named as acting on projects, exist only when the demo accounts do (that is, when DEBUG is true).
A project's progress, meetings, documents and report are made once, when the project is created,
with dates relative to that day; later runs only refresh the words.
"""

import csv
import io
import json
import textwrap
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.models import Organisation, User
from config.uploads import validate_upload
from evidence_store.models import Intervention, Topic
from pine.models import (
    Action,
    Application,
    Call,
    Criterion,
    Document,
    EvaluationReport,
    Event,
    Meeting,
    Priority,
    Project,
    ProjectEvent,
    ProjectStage,
    Review,
    ReviewScore,
    SectionAnswer,
)
from pine.sections import SECTIONS
from pine.services.projects import WEEKS_PER_STAGE, project_create
from pine.workflow import Status

Stage = ProjectStage.Status
Kind = ProjectEvent.Kind
FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "pine"
# Complete answers for the demo applications; the practice's own name and words are added.
ANSWERS = {
    "your-organisation": {"contact_name": "Demo Contact", "contact_job_title": "Service manager", "contact_email": "contact@example.org"},
    "the-practice": {"who_for": "Children and families known to children's social care.", "running_for": "1_to_3", "reach": 150},
    "theory-of-change": {"outcomes": "Fewer children entering care; families who feel heard.", "activities": "Family meetings, planned with a trained coordinator."},
    "evidence-so-far": {"data_collected": "Case records and feedback from families.", "evidence_stage": "some_data"},
    "what-you-want-to-learn": {"questions": "Does the practice help families stay together safely?", "use_of_findings": "To decide whether to extend it across the service."},
    "capacity-and-commitment": {"staff_time": "Half a day a week from a practice lead.", "analyst_support": "yes", "data_access": "From our case management system.", "sponsor_name": "Demo Sponsor", "sponsor_job_title": "Director of children's services"},
    "declarations": {"accurate": True, "sponsor_agreed": True, "data_protection": True},
}  # fmt: skip


def load(*, stdout, style, directory: Path = FIXTURES) -> None:
    data = json.loads((directory / "applications.json").read_text(encoding="utf-8"))
    now = timezone.now()
    open_call, _ = Call.objects.update_or_create(
        slug=data["open_call"]["slug"],
        defaults={
            "title": data["open_call"]["title"],
            "summary": data["open_call"]["summary"],
            "opens_at": now - timedelta(days=30),
            "closes_at": now + timedelta(days=180),
        },
    )
    open_call.priorities.set(Priority.objects.all())
    past = data["partners_call"]
    partners_call, _ = Call.objects.update_or_create(
        slug=past["slug"],
        defaults={
            "title": past["title"],
            "summary": past["summary"],
            "opens_at": datetime.fromisoformat(past["opens_at"]),
            "closes_at": datetime.fromisoformat(past["closes_at"]),
        },
    )
    for number, partner in enumerate(data["partners"], start=1):
        application = _application(partners_call, partner, 2019, number, Status.ACCEPTED)
        _answer(application, partner, ["the-practice"])
        if not application.events.exists():
            Event.objects.create(application=application, transition="accept", from_status=Status.CONSULTATION, to_status=Status.ACCEPTED, message="Announced as a PINE partnership on 2 July 2019.")  # fmt: skip
    for number, item in enumerate(data["current"], start=1):
        application = _application(open_call, item, now.year, number, item["status"])
        sections = [s.slug for s in SECTIONS] if item["sections"] == "all" else item["sections"]
        _answer(application, item, sections)
        if item["status"] == Status.SUBMITTED:
            if not application.events.exists():
                Event.objects.create(application=application, transition="submit", from_status=Status.DRAFT, to_status=Status.SUBMITTED)  # fmt: skip
            _review(application)
    projects = _load_projects(partners_call, directory)
    meetings = Meeting.objects.filter(stage__project__in=projects).count()
    documents = Document.objects.filter(stage__project__in=projects).count()
    reports = EvaluationReport.objects.published().filter(project__in=projects).count()
    stdout.write(
        style.SUCCESS(
            f"PINE: {Priority.objects.count()} priorities, {Criterion.objects.count()} criteria, "
            f"2 calls, {len(data['partners'])} partners and {len(data['current'])} applications; "
            f"{len(projects)} projects with {meetings} meetings, {documents} documents and "
            f"{reports} published evaluation report{'' if reports == 1 else 's'}."
        )
    )


def _application(call: Call, item: dict, year: int, number: int, status: str) -> Application:
    reference = f"PINE-{year}-{number:04d}"
    application = Application.objects.filter(reference=reference).first()
    if application is None:
        # The status is set only on creation: after that it changes only through the workflow.
        application = Application.objects.create(
            reference=reference,
            year=year,
            number=number,
            organisation=Organisation.objects.get(slug=item["organisation"]),
            call=call,
            status=status,
            submitted_at=call.opens_at if status != Status.DRAFT else None,
        )
    application.title = item["practice_name"]
    application.save(update_fields=["title"])
    application.priorities.set(Priority.objects.filter(slug__in=item.get("priorities", [])))
    return application


def _answer(application: Application, item: dict, sections: list[str]) -> None:
    for slug in sections:
        answers = dict(ANSWERS[slug])
        if slug == "the-practice":
            answers |= {"practice_name": item["practice_name"], "description": item.get("description", "A new way of working with families."), "priorities": item.get("priorities", ["risk-and-decision-making"])}  # fmt: skip
        SectionAnswer.objects.update_or_create(
            application=application,
            section=slug,
            defaults={
                "answers": answers,
                "progress": SectionAnswer.Progress.COMPLETED,
                "version": 1,
            },
        )


def _review(application: Application) -> None:
    reviewer = User.objects.filter(email="reviewer@example.org").first()
    if reviewer is None:
        return
    review, _ = Review.objects.update_or_create(
        application=application,
        reviewer=reviewer,
        defaults={
            "recommendation": Review.Recommendation.MAYBE,
            "is_draft": False,
            "comment": "Promising; the data plan needs more detail.",
        },
    )
    for n, criterion in enumerate(Criterion.objects.all()):
        ReviewScore.objects.update_or_create(
            review=review, criterion=criterion, defaults={"score": 3 + n % 2, "comment": ""}
        )


def _load_projects(partners_call: Call, directory: Path) -> list[Project]:
    """One project per 2019 partner: made with its history if missing, then its words refreshed."""
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
        pdf = SimpleUploadedFile("report.pdf", _pdf(spec["pdf"]))
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


# Small but real files, so that demo documents pass the same checks as uploads.
def _pdf(paragraphs: list[str]) -> bytes:
    """A PDF in Helvetica, 50 lines a page, with its cross-reference table and trailer."""
    lines = [line for text in paragraphs for line in [*textwrap.wrap(text, 85), ""]]
    pages = [lines[i : i + 50] for i in range(0, len(lines), 50)]
    kids = " ".join(f"{4 + 2 * n} 0 R" for n in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for n, page in enumerate(pages):
        shown = [
            line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in page
        ]
        text = " T* ".join(f"({line}) Tj" for line in shown)
        stream = f"BT /F1 11 Tf 15 TL 56 780 Td {text} ET".encode("cp1252", "replace")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * n} 0 R >>".encode())  # fmt: skip
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)  # fmt: skip
    return bytes(out)


DOCX_PARTS = {
    "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    "word/document.xml": '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>',
}  # fmt: skip


def _docx(paragraphs: list[str]) -> bytes:
    """A Word document with only the parts Word needs; the first paragraph is the heading."""
    bold = "<w:rPr><w:b/></w:rPr>"
    body = "".join(
        f'<w:p><w:r>{bold if n == 0 else ""}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
        for n, text in enumerate(paragraphs)
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in DOCX_PARTS.items():
            part = xml.replace("{body}", body) if name == "word/document.xml" else xml
            archive.writestr(
                name, f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{part}'
            )
    return buffer.getvalue()


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


RENDER = {".pdf": _pdf, ".docx": _docx, ".csv": _csv}
