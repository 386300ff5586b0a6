"""Interventions, the outcomes they were evaluated on, their ratings and the studies behind them."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.uploads import KINDS, server_chosen_name
from evidence_store.ratings import Effectiveness, Strength


class ReferenceItem(models.Model):
    """An entry of an editable reference list, addressed in URLs by its slug."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower comes first.")

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Topic(ReferenceItem):
    pass


class Outcome(ReferenceItem):
    pass


class AgeGroup(ReferenceItem):
    min_age = models.PositiveSmallIntegerField(null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(null=True, blank=True)


# The EMMIE sections of an intervention page, in reading order: (field, heading).
SECTIONS = [
    ("what_is_it", "What is it?"),
    ("how_it_works", "How is it meant to work?"),
    ("how_effective", "How effective is it?"),
    ("where_studied", "Where has it been studied?"),
    ("who_it_works_for", "Who does it work for?"),
    ("when_where_how", "When, where and how does it work?"),
    ("costs_and_benefits", "What are the costs and benefits?"),
]
IMPLEMENTATION_SECTIONS = [
    ("implementation_delivery", "How is it delivered?"),
    ("implementation_who", "Who can deliver it?"),
    ("implementation_training", "Training and supervision"),
    ("implementation_fidelity", "Keeping to the model (fidelity)"),
    ("implementation_support", "What supports good implementation?"),
]
# Text that full-text search reads, by weight: A ranks highest.
SEARCH_FIELDS = {
    "A": ["name"],
    "B": ["summary", "headline_points"],
    "C": [field for field, _ in SECTIONS + IMPLEMENTATION_SECTIONS] + ["in_summary", "case_study"],
}


class InterventionQuerySet(models.QuerySet):
    def published(self) -> "InterventionQuerySet":
        return self.filter(status=Intervention.Status.PUBLISHED)

    def for_listing(self) -> "InterventionQuerySet":
        """Rows for result lists: ratings and tags, without the long text sections."""
        long_text = [field for field, _ in SECTIONS + IMPLEMENTATION_SECTIONS]
        return self.with_ratings().defer(
            *long_text, "search_vector", "headline_points", "useful_contacts", "case_study",
            "in_summary", "further_resources",
        )  # fmt: skip

    def with_ratings(self) -> "InterventionQuerySet":
        """Everything a list row, card or comparison shows, in a constant number of queries."""
        ratings = OutcomeRating.objects.select_related("outcome").order_by(
            "outcome__position", "outcome__name"
        )
        return self.prefetch_related(Prefetch("ratings", queryset=ratings), "topics", "age_groups")


class Intervention(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, help_text="One sentence, shown in result lists.")
    headline_points = models.TextField(blank=True, help_text="Markdown.")
    useful_contacts = models.TextField(blank=True, help_text="Markdown.")
    what_is_it = models.TextField("what is it?", blank=True, help_text="Markdown.")
    how_it_works = models.TextField("how is it meant to work?", blank=True)
    how_effective = models.TextField("how effective is it?", blank=True)
    where_studied = models.TextField("where has it been studied?", blank=True)
    who_it_works_for = models.TextField("who does it work for?", blank=True)
    when_where_how = models.TextField("when, where and how does it work?", blank=True)
    costs_and_benefits = models.TextField("what are the costs and benefits?", blank=True)
    cost_summary = models.CharField(
        max_length=200, blank=True, help_text="One line, for comparison."
    )
    delivery_summary = models.CharField(
        max_length=200, blank=True, help_text="One line, for comparison."
    )
    implementation_summary = models.CharField(
        max_length=200, blank=True, help_text="One line: what it takes to implement."
    )
    implementation_delivery = models.TextField("how is it delivered?", blank=True)
    implementation_who = models.TextField("who can deliver it?", blank=True)
    implementation_training = models.TextField("training and supervision", blank=True)
    implementation_fidelity = models.TextField("systems for maintaining fidelity", blank=True)
    implementation_support = models.TextField("what supports good implementation?", blank=True)
    case_study = models.TextField(blank=True)
    in_summary = models.TextField(blank=True)
    further_resources = models.TextField(blank=True, help_text="Markdown list of links.")
    review_title = models.CharField("review title", max_length=300, blank=True)
    review_authors = models.CharField("review authors", max_length=300, blank=True)
    review_year = models.PositiveSmallIntegerField("review year", null=True, blank=True)
    review_url = models.URLField("review link", max_length=500, blank=True)
    last_reviewed = models.DateField(null=True, blank=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="interventions")
    age_groups = models.ManyToManyField(AgeGroup, blank=True, related_name="interventions")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Kept current by a database trigger on PostgreSQL (see evidence_store/search.py).
    search_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(excluded_fields=["search_vector", "updated_at"])
    objects = InterventionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        permissions = [("publish_intervention", "Can publish and unpublish interventions")]
        indexes = [
            models.Index(fields=["status", "name"]),
            GinIndex(fields=["search_vector"], name="intervention_search_gin"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("evidence_store:intervention_detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class OutcomeRating(models.Model):
    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="ratings")
    outcome = models.ForeignKey(Outcome, on_delete=models.PROTECT, related_name="ratings")
    effectiveness = models.CharField(max_length=24, choices=Effectiveness.choices)
    strength = models.CharField("strength of evidence", max_length=10, choices=Strength.choices)
    notes = models.TextField(blank=True, help_text="Markdown: what the rating rests on.")
    illustrative = models.BooleanField(
        default=False, help_text="Demo content, not a published finding. Shown with a warning."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["outcome__position", "outcome__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "outcome"], name="one_rating_per_intervention_outcome"
            )
        ]
        # Every page asks whether demo (illustrative) ratings are shown; this keeps that instant.
        indexes = [
            models.Index(
                fields=["intervention"],
                condition=models.Q(illustrative=True),
                name="rating_illustrative_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.intervention} – {self.outcome}"


class Study(models.Model):
    class Design(models.TextChoices):
        RCT = "rct", "Randomised controlled trial"
        QUASI_EXPERIMENTAL = "quasi_experimental", "Quasi-experimental"
        SYSTEMATIC_REVIEW = "systematic_review", "Systematic review"
        META_ANALYSIS = "meta_analysis", "Meta-analysis"
        COHORT = "cohort", "Cohort study"
        QUALITATIVE = "qualitative", "Qualitative"
        MIXED_METHODS = "mixed_methods", "Mixed methods"
        OTHER = "other", "Other"

    citation = models.TextField()
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    country = models.CharField(max_length=100, blank=True)
    design = models.CharField(max_length=24, choices=Design.choices, default=Design.OTHER)
    sample_size = models.PositiveIntegerField(null=True, blank=True)
    url = models.URLField("link", max_length=500, blank=True)
    interventions = models.ManyToManyField(Intervention, related_name="studies", blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "citation"]
        verbose_name_plural = "studies"

    def __str__(self) -> str:
        return self.citation[:80]


def _resource_path(instance: "ResourceFile", filename: str) -> str:
    return server_chosen_name("evidence-resources", filename)


class ResourceFile(models.Model):
    """A further resource kept as a file in private storage, served only by a checking view."""

    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="resource_files"
    )
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=_resource_path, max_length=200)
    original_name = models.CharField(max_length=255, editable=False)
    content_type = models.CharField(max_length=120, editable=False)
    size = models.PositiveIntegerField(editable=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "evidence_store:resource_file",
            kwargs={"slug": self.intervention.slug, "pk": self.pk},
        )

    @property
    def kind_label(self) -> str:
        return next(
            (k.label for k in KINDS.values() if k.content_type == self.content_type), "File"
        )


class ContentVersion(models.Model):
    """One row whose token changes on every evidence write, so that cached page fragments keyed
    by it are never served after an edit (evidence_store/content_version.py)."""

    token = models.CharField(max_length=32)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="one_content_version")]

    def __str__(self) -> str:
        return self.token
