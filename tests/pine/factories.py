"""Factories for calls, applications with their answers, and reviews."""

from datetime import timedelta
from importlib import import_module

import factory
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from pine.models import (
    Application,
    Call,
    Criterion,
    Event,
    Review,
    ReviewScore,
    SectionAnswer,
)
from pine.reference_data import ensure_defaults
from pine.sections import SECTIONS
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
    ensure_defaults()
    sources = [(accounts, "accounts"), (pine, "pine"), (projects, "pine"), (exports, "pine")]
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
