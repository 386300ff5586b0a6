"""Synthetic evidence-store data at scale, made quickly and reproducibly (fixed seeds).

Interventions go in with `bulk_create` in large batches, so the model's defaults apply and the
database trigger fills each search vector; the narrow, many-row tables (ratings, links) go in
with PostgreSQL COPY, which is several times faster than INSERT for them.
"""

import random
from collections.abc import Iterable, Sequence

from django.db import connection
from django.db.models import Model
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
# Rows per INSERT: large enough that round trips do not count, small enough to stay well
# under PostgreSQL's limit of 65,535 parameters (an intervention has about 35 columns).
BATCH = 1000


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choices(WORDS, k=words)).capitalize() + "."


def copy_rows(model: type[Model], fields: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Insert `rows` (values for `fields`, in order) into `model`'s table with COPY."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


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
    """Interventions `synthetic-<start>` onwards: published, ~1,000 words each, with
    `ratings_each` outcome ratings, two topics and an age group.

    The name holds the number (`... programme 42`), so a search for it matches one intervention.
    """
    rng = random.Random(seed + start)
    topics, outcomes, ages = make_reference()
    outcome_ids = [o.pk for o in outcomes]
    topic_ids, age_ids = [t.pk for t in topics], [a.pk for a in ages]
    effectiveness, strength = Effectiveness.values, Strength.values
    now = timezone.now()
    for offset in range(start, start + count, BATCH):
        size = min(BATCH, start + count - offset)
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
        ids = [i.pk for i in interventions]
        copy_rows(
            OutcomeRating,
            ["intervention", "outcome", "effectiveness", "strength", "notes", "illustrative"],
            (
                (
                    pk,
                    outcome,
                    rng.choice(effectiveness),
                    rng.choice(strength),
                    _text(rng, 15),
                    False,
                )
                for pk in ids
                for outcome in rng.sample(outcome_ids, ratings_each)
            ),
        )
        copy_rows(
            Intervention.topics.through,
            ["intervention", "topic"],
            ((pk, topic) for pk in ids for topic in rng.sample(topic_ids, 2)),
        )
        copy_rows(
            Intervention.age_groups.through,
            ["intervention", "agegroup"],
            ((pk, rng.choice(age_ids)) for pk in ids),
        )


def make_studies(count: int, seed: int = 2) -> None:
    """`count` studies, each linked to one to three of the interventions that exist now."""
    rng = random.Random(seed)
    ids = list(Intervention.objects.values_list("pk", flat=True))
    studies = Study.objects.bulk_create(
        (
            Study(
                citation=f"Author {n} et al. ({2000 + n % 25}). {_text(rng, 8)} Journal of Evidence.",
                year=2000 + n % 25,
                country=rng.choice(["United Kingdom", "United States", "Australia", "Netherlands"]),
                design=rng.choice(Study.Design.values),
                sample_size=rng.randint(20, 5000),
            )
            for n in range(count)
        ),
        batch_size=5000,
    )
    copy_rows(
        Study.interventions.through,
        ["study", "intervention"],
        ((s.pk, i) for s in studies for i in rng.sample(ids, rng.randint(1, 3))),
    )
