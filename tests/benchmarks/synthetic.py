"""Synthetic evidence-store data at scale, made quickly with bulk inserts and a fixed seed."""

import random

from django.utils import timezone

from evidence_store.models import (
    SECTIONS,
    AgeGroup,
    Intervention,
    Outcome,
    OutcomeRating,
    Study,
    Topic,
)
from evidence_store.ratings import Effectiveness, Strength

WORDS = (  # noqa: SIM905 - easier to read as one sentence of words
    "family support parenting child children care foster kinship residential court drug alcohol "
    "therapy group home visit safety risk outcome trial practitioner social worker trauma mental "
    "health behaviour school placement stability reunification neglect abuse carer relative "
    "training supervision fidelity cost benefit evidence review programme intensive crisis "
    "adolescent infant mother father relationship conference plan meeting assessment service"
).split()


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def make_reference() -> tuple[list[Topic], list[Outcome], list[AgeGroup]]:
    topics = [
        Topic.objects.get_or_create(slug=f"topic-{i}", defaults={"name": f"Topic {i}"})[0]
        for i in range(10)
    ]
    outcomes = [
        Outcome.objects.get_or_create(
            slug=f"outcome-{i}", defaults={"name": f"Outcome {i}", "position": i}
        )[0]
        for i in range(12)
    ]
    ages = [
        AgeGroup.objects.get_or_create(slug=f"age-{i}", defaults={"name": f"Age {i}"})[0]
        for i in range(5)
    ]
    return topics, outcomes, ages


def make_interventions(count: int, start: int = 0, seed: int = 1, ratings_each: int = 6) -> None:
    """`count` published interventions, each with `ratings_each` outcome ratings, topics and ages."""
    rng = random.Random(seed + start)
    topics, outcomes, ages = make_reference()
    now = timezone.now()
    batch = 1000
    for offset in range(start, start + count, batch):
        size = min(batch, start + count - offset)
        interventions = Intervention.objects.bulk_create(
            Intervention(
                slug=f"synthetic-{n}",
                name=f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} programme {n}",
                summary=_text(rng, 20),
                headline_points=_text(rng, 40),
                **{field: _text(rng, 120) for field, _ in SECTIONS},
                status=Intervention.Status.PUBLISHED,
                published_at=now,
            )
            for n in range(offset, offset + size)
        )
        OutcomeRating.objects.bulk_create(
            OutcomeRating(
                intervention=intervention,
                outcome=outcome,
                effectiveness=rng.choice(Effectiveness.values),
                strength=rng.choice(Strength.values),
                notes=_text(rng, 15),
            )
            for intervention in interventions
            for outcome in rng.sample(outcomes, ratings_each)
        )
        Intervention.topics.through.objects.bulk_create(
            Intervention.topics.through(intervention=i, topic=t)
            for i in interventions
            for t in rng.sample(topics, 2)
        )
        Intervention.age_groups.through.objects.bulk_create(
            Intervention.age_groups.through(intervention=i, agegroup=rng.choice(ages))
            for i in interventions
        )


def make_studies(count: int, seed: int = 2) -> None:
    rng = random.Random(seed)
    ids = list(Intervention.objects.values_list("pk", flat=True))
    studies = Study.objects.bulk_create(
        Study(
            citation=f"Author {n} et al. ({2000 + n % 25}). {_text(rng, 8)} Journal of Evidence.",
            year=2000 + n % 25,
            country=rng.choice(["United Kingdom", "United States", "Australia", "Netherlands"]),
            design=rng.choice(Study.Design.values),
            sample_size=rng.randint(20, 5000),
        )
        for n in range(count)
    )
    Study.interventions.through.objects.bulk_create(
        Study.interventions.through(study=s, intervention_id=i)
        for s in studies
        for i in rng.sample(ids, rng.randint(1, 3))
    )
