"""Load the evidence store's demo content from fixtures/evidence_store/ (idempotent)."""

import json
from datetime import date
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from evidence_store.models import AgeGroup, Intervention, Outcome, OutcomeRating, Study, Topic

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "evidence_store"
TEXT_FIELDS = [
    "name", "summary", "headline_points", "useful_contacts", "what_is_it", "how_it_works",
    "how_effective", "where_studied", "who_it_works_for", "when_where_how", "costs_and_benefits",
    "cost_summary", "delivery_summary", "implementation_summary", "implementation_delivery",
    "implementation_who",
    "implementation_training", "implementation_fidelity", "implementation_support",
    "case_study", "in_summary", "further_resources",
]  # fmt: skip
DESIGNS = {label.lower(): value for value, label in Study.Design.choices}


def load(*, stdout, style, directory: Path = FIXTURES) -> None:
    reference = json.loads((directory / "reference.json").read_text(encoding="utf-8"))
    for model, key in ((Topic, "topics"), (Outcome, "outcomes"), (AgeGroup, "age_groups")):
        for position, item in enumerate(reference[key]):
            fields = {k: v for k, v in item.items() if k != "slug"}
            model.objects.update_or_create(
                slug=item["slug"], defaults={**fields, "position": position}
            )
    files = sorted((directory / "interventions").glob("*.json"))
    for path in files:
        _load_intervention(json.loads(path.read_text(encoding="utf-8")))
    stdout.write(style.SUCCESS(f"Evidence store: {len(files)} interventions."))


def _load_intervention(data: dict) -> None:
    review = data.get("review") or {}
    intervention, _ = Intervention.objects.update_or_create(
        slug=data["slug"],
        defaults={
            **{field: data.get(field, "") or "" for field in TEXT_FIELDS},
            "review_title": review.get("title", ""),
            "review_authors": review.get("authors", ""),
            "review_year": review.get("year"),
            "review_url": review.get("url", ""),
            "last_reviewed": date.fromisoformat(data["last_reviewed"]),
            "status": Intervention.Status.PUBLISHED,
        },
    )
    if intervention.published_at is None:
        intervention.published_at = timezone.now()
        intervention.save(update_fields=["published_at"])
    intervention.topics.set(Topic.objects.filter(slug__in=data.get("topics", [])))
    intervention.age_groups.set(AgeGroup.objects.filter(slug__in=data.get("age_groups", [])))
    outcomes = {
        o.slug: o for o in Outcome.objects.filter(slug__in=[r["outcome"] for r in data["ratings"]])
    }
    intervention.ratings.exclude(outcome__slug__in=outcomes).delete()
    for rating in data["ratings"]:
        OutcomeRating.objects.update_or_create(
            intervention=intervention,
            outcome=outcomes[rating["outcome"]],
            defaults={
                "effectiveness": rating["effectiveness"],
                "strength": rating["strength"],
                "notes": rating.get("notes", ""),
                "illustrative": rating.get("illustrative", True),
            },
        )
    for item in data.get("studies", []):
        study, _ = Study.objects.update_or_create(
            citation=item["citation"],
            defaults={
                "year": item.get("year"),
                "country": item.get("country", ""),
                "design": DESIGNS.get((item.get("design") or "").lower(), Study.Design.OTHER),
                "sample_size": item.get("sample_size"),
                "url": item.get("url", ""),
            },
        )
        study.interventions.add(intervention)


def is_loaded() -> bool:
    """True while illustrative (demo) ratings are published: every page then says so."""
    return OutcomeRating.objects.filter(
        illustrative=True, intervention__status=Intervention.Status.PUBLISHED
    ).exists()
