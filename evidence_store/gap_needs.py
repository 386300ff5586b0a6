"""Where evidence is needed most: outcomes and topics ranked by their gaps, each in a sentence."""

from collections import defaultdict
from dataclasses import dataclass

from evidence_store.gaps import TopicGap, is_gap, strongest_of
from evidence_store.models import Outcome, Topic
from evidence_store.ratings import strength_rank


@dataclass(frozen=True)
class Need:
    """An outcome or topic, with how many of its cells are gaps, ranked for "where evidence is
    needed"."""

    name: str
    gaps: int
    cells: int
    strongest: str | None
    sentence: str
    illustrative: bool = False  # any rating behind it is demo content


def _outcome_need(outcome: Outcome, cells: list[TopicGap]) -> Need:
    gaps = sum(cell.is_gap for cell in cells)
    best = strongest_of(cell.strongest for cell in cells if cell.strongest)
    if best is None:
        sentence = f"No intervention has been evaluated on ‘{outcome.name}’."
    elif is_gap(best):
        sentence = f"No intervention for ‘{outcome.name}’ has more than low-strength evidence."
    else:
        sentence = (
            f"‘{outcome.name}’ has no more than low-strength evidence in {gaps} of "
            f"{len(cells)} topic{'s' if len(cells) != 1 else ''}."
        )
    demo = any(cell.illustrative for cell in cells)
    return Need(outcome.name, gaps, len(cells), best, sentence, demo)


def _topic_need(topic: Topic, cells: list[TopicGap]) -> Need:
    gaps = sum(cell.is_gap for cell in cells)
    best = strongest_of(cell.strongest for cell in cells if cell.strongest)
    if gaps == len(cells):
        sentence = f"No intervention in ‘{topic.name}’ has more than low-strength evidence."
    else:
        sentence = (
            f"In ‘{topic.name}’, {gaps} of {len(cells)} outcome{'s' if len(cells) != 1 else ''} "
            "have no more than low-strength evidence."
        )
    demo = any(cell.illustrative for cell in cells)
    return Need(topic.name, gaps, len(cells), best, sentence, demo)


def needs(cells: list[TopicGap]) -> tuple[list[Need], list[Need]]:
    """Outcomes and topics, most gaps first; among equals, weakest evidence first."""
    by_outcome: dict[int, list[TopicGap]] = defaultdict(list)
    by_topic: dict[int, list[TopicGap]] = defaultdict(list)
    for cell in cells:
        by_outcome[cell.outcome.pk].append(cell)
        by_topic[cell.topic.pk].append(cell)
    outcomes = [_outcome_need(group[0].outcome, group) for group in by_outcome.values()]
    topics = [_topic_need(group[0].topic, group) for group in by_topic.values()]

    def rank(need: Need) -> tuple:
        weakest = -1 if need.strongest is None else strength_rank(need.strongest)
        return (-need.gaps / max(need.cells, 1), weakest)

    # sorted() is stable, so equals keep the outcomes' and topics' own order.
    return sorted(outcomes, key=rank), sorted(topics, key=rank)
