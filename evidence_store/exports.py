"""The three CSV exports, described once: their columns feed the files, the data dictionary
and the Frictionless data package.

Each export is one query over the filtered interventions, streamed row by row; on PostgreSQL,
COPY writes the outcome ratings (copy_export.py).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from core.csv_export import NEUTRALISATION_RULE
from evidence_store.models import Intervention, OutcomeRating, Study
from evidence_store.ratings import (
    EFFECTIVENESS_SYMBOLS,
    Effectiveness,
    Strength,
    effectiveness_rank,
    strength_rank,
)


@dataclass(frozen=True)
class Column:
    """One column. A column with `values` holds only those, from a fixed list the service
    defines; any other text column holds what people wrote, and is neutralised."""

    name: str
    type: str  # Frictionless type: string, integer, date, datetime, boolean
    description: str
    required: bool = False
    values: tuple[str | int, ...] = ()

    @property
    def free_text(self) -> bool:
        return self.type == "string" and not self.values

    @property
    def full_description(self) -> str:
        """The description with what the cells may hold, as the data package gives it."""
        if self.values:
            return f"{self.description} One of: {', '.join(map(str, self.values))}."
        if self.free_text:
            return f"{self.description} Free text. {NEUTRALISATION_RULE}"
        return self.description


@dataclass(frozen=True)
class Export:
    slug: str
    title: str
    description: str
    columns: list[Column]

    @property
    def filename(self) -> str:
        return f"{self.slug}.csv"

    @property
    def header(self) -> list[str]:
        return [column.name for column in self.columns]

    @property
    def fixed_columns(self) -> set[str]:
        """The columns written as they are: their values come from a fixed list."""
        return {column.name for column in self.columns if column.values}


class _JoinedNames(Func):
    """Names of related rows joined by "; " in one subquery: STRING_AGG, or GROUP_CONCAT."""

    function = "STRING_AGG"
    template = "%(function)s(%(expressions)s, '; ')"
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler,
            connection,
            function="GROUP_CONCAT",
            template="%(function)s(%(expressions)s, '; ')",
        )


def _joined(related: QuerySet, group_by: str, field: str) -> Coalesce:
    """A correlated subquery giving the names of `related` rows joined in one cell."""
    names = related.order_by().values(group_by).annotate(names=_JoinedNames(F(field)))
    return Coalesce(Subquery(names.values("names")[:1]), Value(""), output_field=TextField())


def _count(related: QuerySet, group_by: str) -> Coalesce:
    counts = related.order_by().values(group_by).annotate(n=Count("pk"))
    return Coalesce(Subquery(counts.values("n")[:1]), Value(0), output_field=IntegerField())


INTERVENTIONS = Export(
    slug="interventions",
    title="Interventions",
    description="One row per published intervention.",
    columns=[
        Column("intervention_slug", "string", "Identifier of the intervention; stable.", True),
        Column("name", "string", "Name of the intervention.", True),
        Column("summary", "string", "One-sentence description."),
        Column("topics", "string", "Topics, separated by '; '."),
        Column("age_groups", "string", "Age groups it is for, separated by '; '."),
        Column("outcomes_rated", "integer", "Number of outcomes with a rating.", True),
        Column("delivery_summary", "string", "Who delivers it, in what format, for how long."),
        Column("cost_summary", "string", "Cost in brief."),
        Column("review_title", "string", "Title of the systematic review the summary draws on."),
        Column("review_authors", "string", "Authors of that review."),
        Column("review_year", "integer", "Year of that review."),
        Column("review_url", "string", "Link to that review."),
        Column("last_reviewed", "date", "When the evidence summary was last reviewed."),
        Column("published_at", "datetime", "When the page was first published."),
        Column("url", "string", "Path of the intervention's page on this service.", True),
    ],
)

OUTCOME_RATINGS = Export(
    slug="outcome-ratings",
    title="Outcome ratings",
    description="Long format: one row per intervention and evaluated outcome.",
    columns=[
        Column("intervention_slug", "string", "Identifier of the intervention.", True),
        Column("intervention_name", "string", "Name of the intervention.", True),
        Column("outcome_slug", "string", "Identifier of the outcome.", True),
        Column("outcome_name", "string", "Name of the outcome.", True),
        Column(
            "effectiveness",
            "string",
            "Overall effectiveness code, from negative to consistently positive.",
            True,
            values=tuple(Effectiveness.values),
        ),
        Column(
            "effectiveness_label",
            "string",
            "Overall effectiveness in words.",
            True,
            values=tuple(Effectiveness.labels),
        ),
        Column(
            "effectiveness_symbol",
            "string",
            "Its symbol: − negative effect, 0 mixed or no effect, + tends to positive, "
            "++ consistently positive. − is the minus sign (U+2212), not a hyphen.",
            True,
            values=tuple(EFFECTIVENESS_SYMBOLS[value] for value in Effectiveness),
        ),
        Column(
            "effectiveness_rank",
            "integer",
            "0 (negative effect) to 3 (consistently positive).",
            True,
            values=tuple(range(len(Effectiveness))),
        ),
        Column(
            "strength",
            "string",
            "Strength of evidence code, from very low to high.",
            True,
            values=tuple(Strength.values),
        ),
        Column(
            "strength_label",
            "string",
            "Strength of evidence in words.",
            True,
            values=tuple(Strength.labels),
        ),
        Column(
            "strength_rank",
            "integer",
            "0 (very low) to 3 (high): the number of filled dots.",
            True,
            values=tuple(range(len(Strength))),
        ),
        Column(
            "illustrative",
            "boolean",
            "true for demo ratings that are not published findings.",
            True,
        ),
        Column("notes", "string", "What the rating rests on (Markdown)."),
    ],
)

STUDIES = Export(
    slug="studies",
    title="Studies",
    description="One row per study that informed at least one of the exported interventions.",
    columns=[
        Column("study_id", "integer", "Identifier of the study; stable.", True),
        Column("citation", "string", "Full reference.", True),
        Column("year", "integer", "Year of publication."),
        Column("country", "string", "Country where the study took place."),
        Column("design", "string", "Design code.", True, values=tuple(Study.Design.values)),
        Column(
            "design_label", "string", "Design in words.", True, values=tuple(Study.Design.labels)
        ),
        Column("sample_size", "integer", "Number of participants, where reported."),
        Column("url", "string", "Link to the study."),
        Column(
            "intervention_slugs",
            "string",
            "Interventions it informed (of those exported), separated by '; '.",
        ),
    ],
)

EXPORTS = {export.slug: export for export in (INTERVENTIONS, OUTCOME_RATINGS, STUDIES)}


def intervention_rows(interventions: QuerySet) -> Iterable[list]:
    topics = Intervention.topics.through.objects.filter(intervention=OuterRef("pk"))
    ages = Intervention.age_groups.through.objects.filter(intervention=OuterRef("pk"))
    ratings = OutcomeRating.objects.filter(intervention=OuterRef("pk"))
    rows = interventions.order_by("name").annotate(
        topic_names=_joined(topics, "intervention", "topic__name"),
        age_names=_joined(ages, "intervention", "agegroup__name"),
        rating_count=_count(ratings, "intervention"),
    )
    fields = ["slug", "name", "summary", "topic_names", "age_names", "rating_count",
              "delivery_summary", "cost_summary", "review_title", "review_authors",
              "review_year", "review_url", "last_reviewed", "published_at"]  # fmt: skip
    for values in rows.values_list(*fields).iterator(chunk_size=2000):
        yield [*values, f"/evidence/{values[0]}/"]


def _choice(field: str, values: dict) -> Case:
    """A value looked up from a rating's code, in SQL: labels, symbols and ranks."""
    return Case(*[When(**{field: code}, then=Value(value)) for code, value in values.items()])


# The outcome-ratings columns, in order, as SQL expressions over a rating: both writers (the
# Python one and PostgreSQL's COPY) read these, so labels, symbols and ranks are defined once.
OUTCOME_RATING_VALUES = {
    "intervention_slug": F("intervention__slug"),
    "intervention_name": F("intervention__name"),
    "outcome_slug": F("outcome__slug"),
    "outcome_name": F("outcome__name"),
    "effectiveness": F("effectiveness"),
    "effectiveness_label": _choice("effectiveness", dict(Effectiveness.choices)),
    "effectiveness_symbol": _choice("effectiveness", EFFECTIVENESS_SYMBOLS),
    "effectiveness_rank": _choice(
        "effectiveness", {value: effectiveness_rank(value) for value in Effectiveness}
    ),
    "strength": F("strength"),
    "strength_label": _choice("strength", dict(Strength.choices)),
    "strength_rank": _choice("strength", {value: strength_rank(value) for value in Strength}),
    "illustrative": F("illustrative"),
    "notes": F("notes"),
}


def outcome_ratings(interventions: QuerySet, rating_filters: dict) -> QuerySet:
    """The ratings of the filtered interventions that the rating filters ask for, in file order."""
    return OutcomeRating.objects.filter(
        intervention__in=interventions.values("pk"), **rating_filters
    ).order_by("intervention__name", "outcome__position", "outcome__name")


def outcome_rating_rows(interventions: QuerySet, rating_filters: dict) -> Iterable[tuple]:
    """The rows for the Python writer: SQLite's export (PostgreSQL's is copy_export's)."""
    ratings = outcome_ratings(interventions, rating_filters)
    return ratings.values_list(*OUTCOME_RATING_VALUES.values()).iterator(chunk_size=2000)


def study_rows(interventions: QuerySet) -> Iterable[list]:
    links = Study.interventions.through.objects.filter(
        study=OuterRef("pk"), intervention__in=interventions.values("pk")
    )
    studies = (
        Study.objects.filter(Exists(links))
        .annotate(slugs=_joined(links, "study", "intervention__slug"))
        .order_by("pk")
    )
    design_labels = dict(Study.Design.choices)
    fields = ["pk", "citation", "year", "country", "design", "sample_size", "url", "slugs"]
    for pk, citation, year, country, design, size, url, slugs in studies.values_list(
        *fields
    ).iterator(chunk_size=2000):
        yield [pk, citation, year, country, design, design_labels[design], size, url, slugs]
