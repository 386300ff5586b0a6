"""Factories for projects (made the way acceptance makes them), meetings, documents and reports.

Documents and report PDFs are written to the default storage, which tests/conftest.py points at
a temporary directory.
"""

from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from pine.models import Action, Document, EvaluationReport, Meeting, Project, ProjectStage
from pine.services.projects import project_create
from pine.workflow import Status
from tests.pine.factories import ApplicationFactory

# The smallest file that validate_upload accepts as a PDF.
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf_file(name: str = "report.pdf") -> ContentFile:
    return ContentFile(PDF_BYTES, name=name)


class ProjectFactory(factory.django.DjangoModelFactory):
    """An active project of an accepted application, with stages copied from the templates.

    The first stage is in progress and the others not started, as project_create leaves them.
    Pass `application=` to start from a particular application, and other fields to set them
    afterwards (`title`, `status`, ...). The summary is set, as staff would before publishing.
    """

    class Meta:
        model = Project

    application = factory.SubFactory(ApplicationFactory, status=Status.ACCEPTED)
    summary = "Family meetings held before a child protection conference."

    @classmethod
    def _create(cls, model_class, *args, application, **changes) -> Project:
        project = project_create(application=application, user=None)
        if changes:
            for field, value in changes.items():
                setattr(project, field, value)
            project.save(update_fields=list(changes))
        return project


def stages_of(project: Project) -> list[ProjectStage]:
    """The project's stages in their order."""
    return list(project.stages.order_by("position", "pk"))


def ready_to_publish(project: Project) -> Project:
    """Every stage but the last signed off, the last under way: the report can be published."""
    *earlier, last = stages_of(project)
    now = timezone.now()
    ProjectStage.objects.filter(pk__in=[s.pk for s in earlier]).update(
        status=ProjectStage.Status.COMPLETE, started_at=now, signed_off_at=now
    )
    ProjectStage.objects.filter(pk=last.pk).update(
        status=ProjectStage.Status.IN_PROGRESS, started_at=now
    )
    return project


class MeetingFactory(factory.django.DjangoModelFactory):
    """A meeting a week from now for the first stage of a new project."""

    class Meta:
        model = Meeting

    stage = factory.LazyFunction(lambda: stages_of(ProjectFactory())[0])
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=7)).replace(second=0, microsecond=0)
    )
    location = "Town Hall, Room 2"
    attendees = "Jo Bloggs\nSam Researcher"


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    meeting = factory.SubFactory(MeetingFactory)
    description = "Send the draft theory of change"
    owner = "Jo Bloggs"


class DocumentFactory(factory.django.DjangoModelFactory):
    """A small real PDF uploaded to the first stage of a new project."""

    class Meta:
        model = Document

    stage = factory.LazyFunction(lambda: stages_of(ProjectFactory())[0])
    title = "Theory of change"
    kind = Document.Kind.THEORY_OF_CHANGE
    file = factory.LazyFunction(lambda: pdf_file("theory-of-change.pdf"))
    original_name = "theory-of-change.pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)


class EvaluationReportFactory(factory.django.DjangoModelFactory):
    """An unpublished report with a link rather than a PDF (pass `pdf=pdf_file()` for one).

    Its project has every stage but the last signed off, so the report can be published.
    """

    class Meta:
        model = EvaluationReport

    project = factory.LazyFunction(lambda: ready_to_publish(ProjectFactory()))
    title = factory.Sequence(lambda n: f"Evaluation of Family Circles {n}")
    slug = factory.Sequence(lambda n: f"evaluation-of-family-circles-{n}")
    summary = "What we learnt from evaluating family meetings."
    findings = "Families felt listened to."
    link = "https://example.org/report"
