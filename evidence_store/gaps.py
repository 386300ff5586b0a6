"""Where evidence is missing: the gaps in each topic and intervention, outcome by outcome.

A gap is a cell not evaluated, or rated only at very low or low strength.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from evidence_store.models import Intervention, Outcome, OutcomeRating, Topic
from evidence_store.ratings import Strength, strength_rank

# Evidence at these strengths does not close a gap: too little or too weak to act on.
GAP_STRENGTHS = frozenset({Strength.VERY_LOW, Strength.LOW})
_STRENGTH_LABELS = dict(Strength.choices)


def is_gap(strength: str | None) -> bool:
    """Whether a cell with this (strongest) strength is a gap; None means not evaluated."""
    return strength is None or strength in GAP_STRENGTHS


def strongest_of(strengths) -> str | None:
    """The strongest of some strength values, or None when there are none."""
    return max(strengths, key=strength_rank, default=None)


def gap_map_url(**params) -> str:
    query = urlencode({key: value for key, value in params.items() if value})
    url = reverse("evidence_store:gap_map")
    return f"{url}?{query}" if query else url


@dataclass(frozen=True)
class TopicGap:
    """One topic and outcome: how many of the topic's interventions were rated on it, how well."""

    topic: Topic
    outcome: Outcome
    interventions: int  # published interventions in the topic (after any filters)
    counts: dict[str, int] = field(default_factory=dict)  # rated interventions, by strength
    illustrative: bool = False  # any rating behind it is demo content

    @property
    def rated(self) -> int:
        return sum(self.counts.values())

    @property
    def not_evaluated(self) -> int:
        return max(self.interventions - self.rated, 0)

    @property
    def strongest(self) -> str | None:
        return strongest_of(level for level, n in self.counts.items() if n)

    @property
    def is_gap(self) -> bool:
        return is_gap(self.strongest)

    def count(self, strength: str) -> int:
        return self.counts.get(strength, 0)

    @property
    def strength_counts(self) -> list[tuple[str, int]]:
        """(strength, interventions rated at it), strongest first, leaving out the zeros."""
        return [(s, self.counts[s]) for s in reversed(Strength.values) if self.counts.get(s)]

    @property
    def sentence(self) -> str:
        where = f"for ‘{self.outcome.name}’ in ‘{self.topic.name}’"
        if self.strongest is None:
            return f"No intervention {where} has been evaluated."
        if self.is_gap:
            return f"No intervention {where} has more than low-strength evidence."
        label = _STRENGTH_LABELS[self.strongest].lower()
        return f"The strongest evidence {where} is of {label} strength."

    @property
    def href(self) -> str:
        """The gap map, showing the topic's interventions on this outcome."""
        return gap_map_url(topic=self.topic.slug, outcome=self.outcome.slug)

    @property
    def list_href(self) -> str:
        """The list of the interventions in the topic rated on this outcome."""
        query = urlencode({"topic": self.topic.slug, "outcome": self.outcome.slug})
        return f"{reverse('evidence_store:intervention_list')}?{query}"


def topic_gaps(
    interventions: QuerySet | None = None,
    topics: QuerySet | None = None,
    outcomes: QuerySet | None = None,
) -> list[TopicGap]:
    """One TopicGap per topic and outcome, in topic then outcome order, in four queries.

    `interventions` defaults to every published intervention; pass a filtered queryset to
    count only some (an age group, say). `topics` and `outcomes` narrow the pairs.
    """
    if interventions is None:
        interventions = Intervention.objects.published()
    chosen = interventions.order_by().values("pk")
    topics = list(topics if topics is not None else Topic.objects.all())
    outcomes = list(outcomes if outcomes is not None else Outcome.objects.all())

    members = dict(
        Intervention.topics.through.objects.filter(intervention__in=chosen)
        .values("topic_id")
        .annotate(n=Count("intervention_id"))
        .values_list("topic_id", "n")
    )
    counts: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    demo: set[tuple[int, int]] = set()
    # One rating per intervention and outcome, so counting ratings counts interventions.
    rows = (
        OutcomeRating.objects.filter(intervention__in=chosen, intervention__topics__isnull=False)
        .order_by()
        .values("intervention__topics", "outcome_id", "strength")
        .annotate(n=Count("pk"), demo=Count("pk", filter=Q(illustrative=True)))
    )
    for row in rows:
        key = (row["intervention__topics"], row["outcome_id"])
        counts[key][row["strength"]] = row["n"]
        if row["demo"]:
            demo.add(key)
    return [
        TopicGap(
            topic=topic,
            outcome=outcome,
            interventions=members.get(topic.pk, 0),
            counts=counts.get((topic.pk, outcome.pk), {}),
            illustrative=(topic.pk, outcome.pk) in demo,
        )
        for topic in topics
        for outcome in outcomes
    ]


@dataclass(frozen=True)
class Cell:
    """One intervention's rating on one outcome, or None for "Not evaluated"."""

    outcome: Outcome
    effectiveness: str | None = None
    strength: str | None = None
    illustrative: bool = False
    href: str = ""

    @property
    def is_gap(self) -> bool:
        return is_gap(self.strength)


@dataclass(frozen=True)
class Row:
    pk: int
    slug: str
    name: str
    cells: list[Cell]

    @property
    def gaps(self) -> int:
        return sum(cell.is_gap for cell in self.cells)

    @property
    def illustrative(self) -> bool:
        return any(cell.illustrative for cell in self.cells)


@dataclass(frozen=True)
class Group:
    topic: Topic | None  # None: interventions with no topic
    rows: list[Row]


@dataclass(frozen=True)
class Matrix:
    outcomes: list[Outcome]
    groups: list[Group]
    column_gaps: list[int]  # per outcome: interventions shown with a gap on it
    shown: int  # distinct interventions shown
    total: int  # distinct interventions that matched

    @property
    def truncated(self) -> bool:
        return self.shown < self.total

    @property
    def illustrative(self) -> bool:
        return any(row.illustrative for group in self.groups for row in group.rows)

    @property
    def columns(self) -> list[tuple[Outcome, int]]:
        return list(zip(self.outcomes, self.column_gaps, strict=True))


def matrix(
    interventions: QuerySet,
    topics: QuerySet | None = None,
    outcomes: QuerySet | None = None,
    limit: int | None = None,
) -> Matrix:
    """Interventions (rows, under each of their topics) by outcomes, in six queries.

    `topics` limits the groups shown; `limit` caps the interventions, in name order.
    """
    all_topics = list(Topic.objects.all())
    shown_topics = list(topics) if topics is not None else all_topics
    outcomes = list(outcomes if outcomes is not None else Outcome.objects.all())
    total = interventions.count()
    ordered = interventions.order_by("name", "pk")
    page = ordered[:limit] if limit is not None else ordered
    chosen = list(page.values_list("pk", "slug", "name"))
    # A subquery rather than a list of ids: thousands of ids would pass SQLite's limit.
    pks = page.values("pk")

    topic_links = defaultdict(set)
    for intervention_id, topic_id in Intervention.topics.through.objects.filter(
        intervention_id__in=pks
    ).values_list("intervention_id", "topic_id"):
        topic_links[intervention_id].add(topic_id)
    ratings = {
        (intervention_id, outcome_id): (effect, strength, demo)
        for intervention_id, outcome_id, effect, strength, demo in OutcomeRating.objects.filter(
            intervention_id__in=pks
        ).values_list("intervention_id", "outcome_id", "effectiveness", "strength", "illustrative")
    }

    rows = {}
    for pk, slug, name in chosen:
        url = reverse("evidence_store:intervention_detail", kwargs={"slug": slug})
        cells = []
        for outcome in outcomes:
            effect, strength, demo = ratings.get((pk, outcome.pk), (None, None, False))
            # Unrated: the list of outcomes it was evaluated on.
            href = f"{url}#rating-{outcome.slug}" if strength else f"{url}#evaluated-outcomes"
            cells.append(Cell(outcome, effect, strength, demo, href))
        rows[pk] = Row(pk, slug, name, cells)

    groups = [
        Group(topic, [row for pk, row in rows.items() if topic.pk in topic_links[pk]])
        for topic in shown_topics
    ]
    if topics is None:
        groups.append(Group(None, [row for pk, row in rows.items() if not topic_links[pk]]))
    groups = [group for group in groups if group.rows]
    in_groups = {row.pk: row for group in groups for row in group.rows}
    column_gaps = [
        sum(row.cells[index].is_gap for row in in_groups.values()) for index in range(len(outcomes))
    ]
    return Matrix(outcomes, groups, column_gaps, len(in_groups), total)
