"""Factories for the evidence store."""

import factory
from django.utils import timezone

from evidence_store.models import AgeGroup, Intervention, Outcome, OutcomeRating, Study, Topic
from evidence_store.ratings import Effectiveness, Strength


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Outcome {n}")
    slug = factory.Sequence(lambda n: f"outcome-{n}")


class AgeGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgeGroup
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Age group {n}")
    slug = factory.Sequence(lambda n: f"age-{n}")


class InterventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intervention
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Intervention {n}")
    slug = factory.Sequence(lambda n: f"intervention-{n}")
    summary = "A way of working with families."
    what_is_it = "A service for families."
    status = Intervention.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def age_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.age_groups.set(extracted)


class DraftInterventionFactory(InterventionFactory):
    status = Intervention.Status.DRAFT
    published_at = None


class OutcomeRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutcomeRating

    intervention = factory.SubFactory(InterventionFactory)
    outcome = factory.SubFactory(OutcomeFactory)
    effectiveness = Effectiveness.TENDS_POSITIVE
    strength = Strength.MODERATE
    notes = "Two trials agree."


class StudyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Study
        skip_postgeneration_save = True

    citation = factory.Sequence(lambda n: f"Author, A. ({2000 + n % 20}). Study {n}. Journal.")
    year = 2015
    country = "United Kingdom"
    design = Study.Design.RCT
    sample_size = 120

    @factory.post_generation
    def interventions(self, create, extracted, **kwargs):
        if create and extracted:
            self.interventions.set(extracted)


def rated_interventions(
    count: int, outcomes: list[Outcome], topic: Topic | None = None, start: int = 0
) -> list:
    """Many published interventions, each rated on every outcome, in a handful of queries."""
    interventions = Intervention.objects.bulk_create(
        Intervention(
            slug=f"bulk-{i}",
            name=f"Bulk intervention {i:04d}",
            summary="A bulk-made intervention.",
            status=Intervention.Status.PUBLISHED,
            published_at=timezone.now(),
        )
        for i in range(start, start + count)
    )
    OutcomeRating.objects.bulk_create(
        OutcomeRating(
            intervention=intervention,
            outcome=outcome,
            effectiveness=Effectiveness.values[i % 4],
            strength=Strength.values[(i + 1) % 4],
        )
        for i, intervention in enumerate(interventions)
        for outcome in outcomes
    )
    if topic:
        Intervention.topics.through.objects.bulk_create(
            Intervention.topics.through(intervention=i, topic=topic) for i in interventions
        )
    study = StudyFactory()
    study.interventions.set(interventions)
    return interventions
