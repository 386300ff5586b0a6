"""The gaps in the evidence that PINE's current priorities look to fill, for the programme page.

They come from the same data as the gap map's PINE layer (pine/gap_layer.py), so the two agree.
"""

from dataclasses import dataclass, field

from evidence_store.gaps import TopicGap, topic_gaps
from pine.gap_layer import covered_pairs, sought_now
from pine.models import Call, Priority


@dataclass(frozen=True)
class PriorityGaps:
    priority: Priority
    gaps: list[TopicGap]


@dataclass(frozen=True)
class EvidenceSought:
    """Each current priority with the gaps inside it, and the open call to apply to."""

    groups: list[PriorityGaps] = field(default_factory=list)
    call: Call | None = None

    @property
    def illustrative(self) -> bool:
        return any(gap.illustrative for group in self.groups for gap in group.gaps)


def evidence_sought() -> EvidenceSought:
    """The gaps inside each current priority, in gap map order; priorities with none are left out.

    A gap inside two priorities is listed under each. The query count does not grow with the
    number of priorities, topics or outcomes.
    """
    sought = sought_now()
    if sought.call is None:
        return EvidenceSought()
    cells = topic_gaps()
    topic_ids = list(dict.fromkeys(cell.topic.pk for cell in cells))
    outcome_ids = list(dict.fromkeys(cell.outcome.pk for cell in cells))
    gaps = [cell for cell in cells if cell.is_gap]
    groups = []
    for priority in sought.priorities:
        pairs = covered_pairs(priority, topic_ids, outcome_ids)
        inside = [gap for gap in gaps if (gap.topic.pk, gap.outcome.pk) in pairs]
        if inside:
            groups.append(PriorityGaps(priority=priority, gaps=inside))
    return EvidenceSought(groups=groups, call=sought.call if groups else None)
