"""Factories for PINE: calls, applications with their answers, reviews; and projects (made the
way acceptance makes them), meetings, documents and reports.

Documents and report PDFs are written to the default storage, which tests/conftest.py points at
a temporary directory.
"""

from datetime import timedelta
from importlib import import_module

import factory
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.utils import timezone

from pine.models import (
    Action,
    Application,
    Call,
    Criterion,
    Document,
    EvaluationReport,
    Event,
    Meeting,
    Project,
    ProjectStage,
    Review,
    ReviewScore,
    SectionAnswer,
)
from pine.reference_data import ensure_defaults
from pine.sections import SECTIONS
from pine.services.projects import project_create
from pine.workflow import Status
from tests.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory

# Answers that complete every section (priorities refer to the default priorities).
COMPLETE_ANSWERS = {
    "your-organisation": {
        "contact_name": "Jo Bloggs",
        "contact_job_title": "Service manager",
        "contact_email": "jo@example.org",
        "contact_phone": "01632 960 001",
    },
    "the-practice": {
        "practice_name": "Family Circles",
        "description": "Family meetings held before a child protection conference.",
        "who_for": "Families with children on a child protection plan.",
        "running_for": "1_to_3",
        "reach": 120,
        "priorities": ["risk-and-decision-making"],
    },
    "theory-of-change": {"outcomes": "Fewer children in care.", "activities": "Family meetings."},
    "evidence-so-far": {"data_collected": "Case records.", "evidence_stage": "some_data"},
    "what-you-want-to-learn": {"questions": "Does it work?", "use_of_findings": "Decide."},
    "capacity-and-commitment": {
        "staff_time": "A day a week.",
        "analyst_support": "yes",
        "data_access": "From our case system.",
        "sponsor_name": "Pat Director",
        "sponsor_job_title": "Director of children's services",
    },
    "declarations": {"accurate": True, "sponsor_agreed": True, "data_protection": True},
}


class CallFactory(factory.django.DjangoModelFactory):
    """An open call, closing in 30 days."""

    class Meta:
        model = Call

    title = factory.Sequence(lambda n: f"PINE call {n}")
    slug = factory.Sequence(lambda n: f"pine-call-{n}")
    summary = "We are looking for promising practice."
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))


class ClosedCallFactory(CallFactory):
    closes_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    number = factory.Sequence(lambda n: n + 1)
    year = 2026
    reference = factory.LazyAttribute(lambda o: f"PINE-{o.year}-{o.number:04d}")
    organisation = factory.SubFactory(OrganisationFactory)
    call = factory.SubFactory(CallFactory)
    title = "Family Circles"


class SectionAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SectionAnswer

    application = factory.SubFactory(ApplicationFactory)
    section = "theory-of-change"
    answers = factory.LazyAttribute(lambda o: COMPLETE_ANSWERS[o.section])
    progress = SectionAnswer.Progress.COMPLETED
    version = 1


def complete_sections(application: Application) -> None:
    for section in SECTIONS:
        SectionAnswerFactory(application=application, section=section.slug)


def member_of(organisation):
    """A person who belongs to the organisation."""
    return MembershipFactory(organisation=organisation).user


def staff_in(group: str, **kwargs):
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


def restore_reference_data() -> None:
    """Put back what migrations provide, after a transactional test has emptied the tables."""
    accounts = import_module("accounts.migrations.0003_pine_staff_groups")
    pine = import_module("pine.migrations.0002_reference_data_and_staff_permissions")
    projects = import_module("pine.migrations.0004_stage_templates_and_project_permissions")
    exports = import_module("pine.migrations.0005_export_log_for_projects_too")
    joining = import_module("accounts.migrations.0005_join_requests")
    ensure_defaults()
    sources = [
        (accounts, "accounts"),
        (pine, "pine"),
        (projects, "pine"),
        (exports, "pine"),
        (joining, "accounts"),
    ]
    for source, app_label in sources:
        for name, codenames in source.GROUPS.items():
            group, _ = Group.objects.get_or_create(name=name)
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
            )


def reviewer(**kwargs):
    return staff_in("PINE reviewers", **kwargs)


def manager(**kwargs):
    return staff_in("PINE programme managers", **kwargs)


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    application = factory.SubFactory(ApplicationFactory)
    reviewer = factory.SubFactory(UserFactory, is_staff=True)
    recommendation = Review.Recommendation.YES
    is_draft = False


def score_all(review: Review, score: int) -> None:
    for criterion in Criterion.objects.all():
        ReviewScore.objects.create(review=review, criterion=criterion, score=score)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    application = factory.SubFactory(ApplicationFactory)
    transition = "submit"
    from_status = "draft"
    to_status = "submitted"


# --- Projects and what happens in them ----------------------------------------------------

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
