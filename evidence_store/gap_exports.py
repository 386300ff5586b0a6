"""The gap map's two CSV files, described as the other exports are, so the data dictionary and
the data package describe them too."""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.urls import reverse

from evidence_store import gaps
from evidence_store.exports import Column, Export
from evidence_store.gap_layers import GapLayer
from evidence_store.ratings import Effectiveness, Strength

_YES_NO = "true or false."

GAP_MATRIX = Export(
    slug="gap-matrix",
    title="Gap map: interventions by outcome",
    description=(
        "One row per published intervention, topic and outcome, evaluated or not: the gap map "
        "as a table. An intervention in two topics has rows under each; one with no topic has "
        "rows with the topic left empty."
    ),
    columns=[
        Column("topic_slug", "string", "Identifier of the topic; empty when it has none."),
        Column("topic_name", "string", "Name of the topic."),
        Column("intervention_slug", "string", "Identifier of the intervention.", True),
        Column("intervention_name", "string", "Name of the intervention.", True),
        Column("outcome_slug", "string", "Identifier of the outcome.", True),
        Column("outcome_name", "string", "Name of the outcome.", True),
        Column("evaluated", "boolean", "Whether it has a rating on this outcome: " + _YES_NO, True),
        Column(
            "effectiveness",
            "string",
            "Overall effectiveness code; empty when not evaluated.",
            values=tuple(Effectiveness.values),
        ),
        Column(
            "strength",
            "string",
            "Strength of evidence code; empty when not evaluated.",
            values=tuple(Strength.values),
        ),
        Column(
            "is_gap",
            "boolean",
            "true when not evaluated, or rated only at very low or low strength.",
            True,
        ),
        Column("illustrative", "boolean", "true for a demo rating, not a published finding.", True),
        Column("url", "string", "Path of the rating on the intervention's page.", True),
    ],
)

GAP_LIST = Export(
    slug="gaps",
    title="Gap map: topics by outcome",
    description=(
        "One row per topic and outcome: how many of the topic's published interventions were "
        "rated on the outcome, at each strength, and whether the pair is a gap."
    ),
    columns=[
        Column("topic_slug", "string", "Identifier of the topic.", True),
        Column("topic_name", "string", "Name of the topic.", True),
        Column("outcome_slug", "string", "Identifier of the outcome.", True),
        Column("outcome_name", "string", "Name of the outcome.", True),
        Column("interventions", "integer", "Published interventions in the topic.", True),
        Column("rated", "integer", "Of those, how many have a rating on the outcome.", True),
        *[
            Column(level, "integer", f"Of those, how many at {label.lower()} strength.", True)
            for level, label in Strength.choices
        ],
        Column(
            "strongest",
            "string",
            "The strongest strength of evidence among them; empty when none is rated.",
            values=tuple(Strength.values),
        ),
        Column(
            "is_gap",
            "boolean",
            "true when no intervention has more than low-strength evidence on the outcome.",
            True,
        ),
        Column("illustrative", "boolean", "true when any rating behind it is demo content.", True),
        Column(
            "layers",
            "string",
            "For a gap, what marks it on the map (such as a current PINE priority), "
            "separated by '; '.",
        ),
        Column("sentence", "string", "The gap or the strongest evidence, in words.", True),
    ],
)

GAP_EXPORTS = {export.slug: export for export in (GAP_MATRIX, GAP_LIST)}
URL_NAMES = {
    GAP_MATRIX.slug: "evidence_store:gap_matrix_csv",
    GAP_LIST.slug: "evidence_store:gaps_csv",
}


def export_path(export: Export) -> str:
    return reverse(URL_NAMES[export.slug])


def matrix_rows(
    interventions: QuerySet, topics: list | None = None, outcomes: list | None = None
) -> Iterable[list]:
    matrix = gaps.matrix(interventions, topics=topics, outcomes=outcomes)
    for group in matrix.groups:
        topic = group.topic
        for row in group.rows:
            for cell in row.cells:
                yield [
                    topic.slug if topic else "", topic.name if topic else "",
                    row.slug, row.name, cell.outcome.slug, cell.outcome.name,
                    cell.strength is not None, cell.effectiveness, cell.strength,
                    cell.is_gap, cell.illustrative, cell.href,
                ]  # fmt: skip


def gap_rows(cells: list[gaps.TopicGap], layers: list[GapLayer]) -> Iterable[list]:
    for cell in cells:
        pair = (cell.topic.pk, cell.outcome.pk)
        marked = [layer.legend for layer in layers if cell.is_gap and pair in layer.pairs]
        yield [
            cell.topic.slug, cell.topic.name, cell.outcome.slug, cell.outcome.name,
            cell.interventions, cell.rated, *[cell.count(level) for level in Strength.values],
            cell.strongest, cell.is_gap, cell.illustrative, "; ".join(marked), cell.sentence,
        ]  # fmt: skip
